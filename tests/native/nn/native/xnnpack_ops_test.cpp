// Every op: the XNNPACK backend against the scalar reference on the same awkward shapes as the
// SIMD test. XNNPACK sums in its own order (and with FMA), so tolerances are relative.
#include <catch2/catch.hpp>

#include "nn/engine_runner.h"
#include "nn/native/xnnpack_engine.h"
#include "nn/op_cases.h"

using namespace emolens;

TEST_CASE("XNNPACK backend matches the reference on every op case") {
  for (const test::OpCase& c : test::op_cases()) {
    nn::Model model;
    REQUIRE(c.builder.load(model).ok());
    const test::Outputs expected = test::run_engine(model, nn::Kernels::reference, 1);
    for (int threads : {1, 3}) {
      std::unique_ptr<nn::XnnpackEngine> xnn;
      const Status s = nn::XnnpackEngine::create(model, threads, xnn);
      INFO(c.label << ": " << s.message());
      REQUIRE(s.ok());
      const test::Outputs actual = test::run_once(*xnn, model, 42);
      for (size_t k = 0; k < actual.size(); ++k) {
        const test::TensorDiff d = test::compare_tensors(model.tensors[size_t(model.outputs[k])].shape, expected[k].data(),
                                                         actual[k].data(), 1e-5f, 1e-4f);
        INFO(c.label << ", " << threads << " threads, max abs error " << d.max_abs_error);
        CHECK(d.first_mismatch == "");
      }
    }
  }
}
