// Every op: SIMD128 kernels (threaded) against the scalar reference, on awkward shapes.
#include <catch2/catch.hpp>
#include <cstring>

#include "engine_runner.h"
#include "model_builder.h"
#include "op_cases.h"

using namespace emolens;

TEST_CASE("SIMD kernels match the reference on every op case") {
  for (const test::OpCase& c : test::op_cases()) {
    nn::Model model;
    const Status s = c.builder.load(model);
    INFO(c.label << ": " << s.message());
    REQUIRE(s.ok());
    const test::Outputs expected = test::run_engine(model, nn::Kernels::reference, 1);
    REQUIRE(expected.size() == model.outputs.size());
    test::Outputs single;
    for (int threads : {1, 2, 3}) {
      const test::Outputs actual = test::run_engine(model, nn::Kernels::simd, threads);
      REQUIRE(actual.size() == expected.size());
      for (size_t k = 0; k < actual.size(); ++k) {
        const nn::Shape& shape = model.tensors[size_t(model.outputs[k])].shape;
        const test::TensorDiff d = test::compare_tensors(shape, expected[k].data(), actual[k].data(), c.abs_tol, c.rel_tol);
        INFO(c.label << ", " << threads << " threads, max abs error " << d.max_abs_error);
        CHECK(d.first_mismatch == "");
      }
      if (threads == 1) single = actual;
      for (size_t k = 0; k < actual.size(); ++k) {
        INFO(c.label << ": " << threads << " threads must be bit-identical to 1 thread");
        CHECK(std::memcmp(single[k].data(), actual[k].data(), actual[k].size() * sizeof(float)) == 0);
      }
    }
  }
}
