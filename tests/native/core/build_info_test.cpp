#include <catch2/catch.hpp>

#include "core/build_info.h"

TEST_CASE("build_info reports this native build") {
  const emolens::BuildInfo info = emolens::build_info();
  CHECK(info.version == EMOLENS_VERSION);
  CHECK(info.target == "native");
  CHECK(info.threads);
  CHECK(info.hardware_threads >= 1);
  CHECK(info.simd);
}
