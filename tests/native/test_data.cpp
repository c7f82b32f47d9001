#include "test_data.h"

#include <cstdlib>
#include <filesystem>

namespace test_data {

std::string data_dir() {
  const char* dir = std::getenv("EMOLENS_DATA");
  return dir && *dir ? std::string(dir) : std::string(EMOLENS_SOURCE_DIR) + "/../shared/data";
}

bool data_present() { return std::filesystem::is_directory(data_dir()); }

bool exists(const std::string& relative_path) { return std::filesystem::exists(data_dir() + "/" + relative_path); }

}  // namespace test_data
