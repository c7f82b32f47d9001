// Helpers for the detector tests: the converted BlazeFace models and the shared photos.
#pragma once
#include <string>

#include "image/image.h"
#include "nn/model.h"

namespace detect_test {

std::string models_dir();                     // where the build converted BlazeFace into
emolens::nn::Model load_blazeface(const char* variant);  // "short_range" | "full_range"; REQUIREs success
bool photos_present();                        // ../shared/data/photos exists
emolens::Image load_photo(const std::string& file_name);  // an RGB image from ../shared/data/photos

}  // namespace detect_test

// Skip (with a message) a test that needs the shared photos when they are not there.
#define DETECT_TEST_REQUIRE_PHOTOS()                                                       \
  do {                                                                                     \
    if (!detect_test::photos_present()) {                                                  \
      WARN("skipped: ../shared/data/photos is absent (photos live outside the repository)"); \
      return;                                                                              \
    }                                                                                      \
  } while (0)
