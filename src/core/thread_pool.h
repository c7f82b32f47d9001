// A fixed pool of worker threads for data-parallel loops. The caller thread takes part, so a pool of
// size 1 runs everything inline. Builds without EMOLENS_THREADS always have size 1.
//
// Work is split into contiguous, static chunks of [0, n): with kernels that compute each output
// element the same way wherever the chunk boundaries fall, results do not depend on the pool size.
#pragma once
#include <cstddef>
#include <memory>

namespace emolens {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);  // threads including the caller; < 1 means 1
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return size_; }  // threads that share a loop, the caller included

  // Calls fn(begin, end) on disjoint chunks covering [0, n), each at least `grain` long except the
  // last, in parallel; returns when all are done. Allocates nothing.
  template <typename Fn>
  void parallel_for(size_t n, size_t grain, const Fn& fn) {
    run(n, grain, [](const void* ctx, size_t b, size_t e) { (*static_cast<const Fn*>(ctx))(b, e); }, &fn);
  }

 private:
  using Trampoline = void (*)(const void* ctx, size_t begin, size_t end);
  void run(size_t n, size_t grain, Trampoline fn, const void* ctx);

  struct Shared;
  int size_ = 1;
  std::unique_ptr<Shared> shared_;
};

}  // namespace emolens
