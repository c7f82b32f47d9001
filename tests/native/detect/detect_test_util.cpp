#include "detect/detect_test_util.h"

#include <catch2/catch.hpp>

#include <cstring>

#define STB_IMAGE_STATIC  // private to this file, so another test's copy cannot clash
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace detect_test {
std::string models_dir() { return std::string(EMOLENS_BUILD_DIR) + "/models"; }

emolens::nn::Model load_blazeface(const char* variant) {
  emolens::nn::Model model;
  const std::string path = models_dir() + "/face_detection_" + variant + ".json";
  const emolens::Status status = emolens::nn::model_load_files(path, model);
  INFO(path << ": " << status.message() << " (built by the blazeface_models target)");
  REQUIRE(status.ok());
  return model;
}

emolens::Image load_photo(const std::string& file_name) {
  int width = 0, height = 0, channels = 0;
  const std::string path = test_data::data_dir() + "/photos/" + file_name;
  unsigned char* pixels = stbi_load(path.c_str(), &width, &height, &channels, 3);
  INFO(path);
  REQUIRE(pixels);
  emolens::Image image;
  REQUIRE(image.reset(width, height, emolens::PixelFormat::rgb) == emolens::ImageStatus::ok);
  std::memcpy(image.view().data, pixels, static_cast<size_t>(width) * height * 3);
  stbi_image_free(pixels);
  return image;
}

}  // namespace detect_test
