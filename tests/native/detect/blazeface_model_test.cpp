// The converted BlazeFace models load through the engine's loader and run the same on the SIMD
// and the reference kernels.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "detect/detect_test_util.h"
#include "nn/engine.h"

using namespace emolens;

TEST_CASE("converted BlazeFace models load and run; SIMD kernels match the reference ops") {
  for (const char* variant : {"short_range", "full_range"}) {
    INFO(variant);
    const nn::Model model = detect_test::load_blazeface(variant);
    std::unique_ptr<nn::Engine> simd, reference;
    nn::EngineOptions options;
    REQUIRE(nn::Engine::create(model, options, simd).ok());
    options.kernels = nn::Kernels::reference;
    REQUIRE(nn::Engine::create(model, options, reference).ok());
    const size_t n = nn::shape_elements(simd->input_shape());
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> pixel(-1, 1);
    for (size_t i = 0; i < n; ++i) simd->input()[i] = reference->input()[i] = pixel(rng);
    simd->run();
    reference->run();
    for (size_t o = 0; o < 2; ++o) {
      const size_t count = nn::shape_elements(simd->output_shape(o));
      double worst = 0;
      for (size_t i = 0; i < count; ++i) worst = std::max(worst, std::fabs(double(simd->output(o)[i]) - reference->output(o)[i]));
      CHECK(worst < 1e-2);
    }
  }
}
