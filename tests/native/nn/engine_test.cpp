// Engine behaviour through its public interface: run() allocates nothing, the arena reuses
// buffers, and results do not depend on the thread count.
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>

#include "engine_runner.h"
#include "model_builder.h"

namespace {
std::atomic<size_t> g_allocations{0};  // counts every global operator new in this test binary
}

// GCC flags malloc/free inside replaced operators once it inlines them: this pairing is the standard one.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
// Every non-aligned form is replaced, so no pointer crosses from one allocator to another
// (ASan checks that pairing).
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
void* operator new(size_t size) {
  if (void* p = operator new(size, std::nothrow)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t size) { return operator new(size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return operator new(size, std::nothrow); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace emolens;

namespace {

// A BlazeFace-like block stack: conv 5x5/2, then [dw 3x3 -> conv 1x1 -> add residual, relu] x2
// with a stride-2 block (max pool + pad_channels on the residual path), then two heads.
test::ModelBuilder blaze_block_model() {
  test::ModelBuilder b({1, 32, 32, 3}, 3);
  b.op({{"type", "conv2d"}, {"inputs", {"input", b.weight("c0.w", {24, 5, 5, 3}, "f16"), b.weight("c0.b", {24})}},
        {"outputs", {"x0"}}, {"stride", {2, 2}}, {"pad", {1, 1, 2, 2}}, {"activation", "relu"}});
  b.op({{"type", "depthwise_conv2d"}, {"inputs", {"x0", b.weight("d1.w", {1, 3, 3, 24}), b.weight("d1.b", {24})}},
        {"outputs", {"d1"}}, {"pad", {1, 1, 1, 1}}});
  b.op({{"type", "conv2d"}, {"inputs", {"d1", b.weight("p1.w", {24, 1, 1, 24}), b.weight("p1.b", {24})}}, {"outputs", {"p1"}}});
  b.op({{"type", "add"}, {"inputs", {"p1", "x0"}}, {"outputs", {"x1"}}, {"activation", "relu"}});
  b.op({{"type", "depthwise_conv2d"}, {"inputs", {"x1", b.weight("d2.w", {1, 3, 3, 24}), b.weight("d2.b", {24})}},
        {"outputs", {"d2"}}, {"stride", {2, 2}}, {"pad", {0, 0, 1, 1}}});
  b.op({{"type", "conv2d"}, {"inputs", {"d2", b.weight("p2.w", {28, 1, 1, 24}), b.weight("p2.b", {28})}}, {"outputs", {"p2"}}});
  b.op({{"type", "max_pool2d"}, {"inputs", {"x1"}}, {"outputs", {"m2"}}, {"kernel", {2, 2}}, {"stride", {2, 2}}});
  b.op({{"type", "pad_channels"}, {"inputs", {"m2"}}, {"outputs", {"r2"}}, {"after", 4}});
  b.op({{"type", "add"}, {"inputs", {"p2", "r2"}}, {"outputs", {"x2"}}, {"activation", "relu"}});
  b.op({{"type", "conv2d"}, {"inputs", {"x2", b.weight("h.w", {2, 1, 1, 28}), b.weight("h.b", {2})}}, {"outputs", {"h"}}});
  b.op({{"type", "reshape"}, {"inputs", {"h"}}, {"outputs", {"scores"}}, {"shape", {1, -1, 1}}});
  b.op({{"type", "conv2d"}, {"inputs", {"x2", b.weight("g.w", {32, 1, 1, 28}), b.weight("g.b", {32})}}, {"outputs", {"g"}}});
  b.op({{"type", "reshape"}, {"inputs", {"g"}}, {"outputs", {"boxes"}}, {"shape", {1, -1, 16}}});
  b.outputs({"boxes", "scores"});
  return b;
}

}  // namespace

TEST_CASE("engine run() allocates nothing") {
  nn::Model model;
  REQUIRE(blaze_block_model().load(model).ok());
  for (int threads : {1, 3}) {
    std::unique_ptr<nn::Engine> engine;
    REQUIRE(nn::Engine::create(model, {threads, nn::Kernels::simd}, engine).ok());
    engine->run();  // warm: lets threads start
    INFO(threads << " threads");  // before counting: INFO itself allocates
    const size_t before = g_allocations.load();
    for (int i = 0; i < 5; ++i) engine->run();
    CHECK(g_allocations.load() == before);
  }
}

TEST_CASE("engine arena reuses buffers whose readers have run") {
  nn::Model model;
  REQUIRE(blaze_block_model().load(model).ok());
  std::unique_ptr<nn::Engine> engine;
  REQUIRE(nn::Engine::create(model, {}, engine).ok());
  size_t sum = 0;
  for (const nn::Tensor& t : model.tensors) sum += nn::shape_elements(t.shape) * sizeof(float);
  CHECK(engine->arena_bytes() < sum / 2);
  CHECK(engine->arena_bytes() % 64 == 0);
  CHECK(engine->output_shape(0) == nn::Shape{1, 128, 16});
  CHECK(engine->output_shape(1) == nn::Shape{1, 128, 1});
}

TEST_CASE("engine matches the reference on a block stack, bit-identical across thread counts") {
  nn::Model model;
  REQUIRE(blaze_block_model().load(model).ok());
  const test::Outputs expected = test::run_engine(model, nn::Kernels::reference, 1);
  const test::Outputs one = test::run_engine(model, nn::Kernels::simd, 1);
  REQUIRE(one.size() == 2);
  for (size_t k = 0; k < one.size(); ++k) {
    const test::TensorDiff d = test::compare_tensors(model.tensors[size_t(model.outputs[k])].shape, expected[k].data(),
                                                     one[k].data(), 1e-4f, 1e-4f);
    INFO("output " << k << ": max abs error " << d.max_abs_error);
    CHECK(d.first_mismatch == "");
  }
  for (int threads : {2, 3}) CHECK(test::run_engine(model, nn::Kernels::simd, threads) == one);
}

TEST_CASE("engine rejects an empty model") {
  std::unique_ptr<nn::Engine> engine;
  CHECK(!nn::Engine::create(nn::Model(), {}, engine).ok());
}
