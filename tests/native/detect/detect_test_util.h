// Helpers for the detector tests: the converted BlazeFace models and the shared photos
// (test_data.h: skipped without the data folder, failed when it lacks photos/).
#pragma once
#include <string>

#include "image/image.h"
#include "nn/model.h"
#include "test_data.h"

namespace detect_test {

std::string models_dir();                     // where the build converted BlazeFace into
emolens::nn::Model load_blazeface(const char* variant);  // "short_range" | "full_range"; REQUIREs success
emolens::Image load_photo(const std::string& file_name);  // an RGB image from <data>/photos

}  // namespace detect_test

// A test that needs the shared photos: skipped without the data folder, failed if it lacks photos/.
#define DETECT_TEST_REQUIRE_PHOTOS() TEST_DATA_REQUIRE("photos")
