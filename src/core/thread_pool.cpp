#include "core/thread_pool.h"

#include <algorithm>

#ifdef EMOLENS_THREADS
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace emolens {

#ifdef EMOLENS_THREADS

namespace {

// Chunk `index` of `chunks` over [0, n), rounded to multiples of `grain` so kernels keep full tiles.
void chunk_range(size_t n, size_t grain, size_t chunks, size_t index, size_t& begin, size_t& end) {
  const size_t units = (n + grain - 1) / grain;
  begin = std::min(n, units * index / chunks * grain);
  end = std::min(n, units * (index + 1) / chunks * grain);
}

}  // namespace

// Workers spin briefly on a generation counter (a frame runs dozens of short loops back to back,
// and a futex wake per loop would cost more than the loop), then sleep on a condition variable.
struct ThreadPool::Shared {
  std::mutex mutex;
  std::condition_variable wake;
  std::atomic<uint64_t> generation{0};
  std::atomic<int> pending{0};
  bool stop = false;
  Trampoline fn = nullptr;
  const void* ctx = nullptr;
  size_t n = 0, grain = 1, chunks = 1;
  std::vector<std::thread> workers;
};

namespace {
constexpr int kSpinIterations = 20000;
}

ThreadPool::ThreadPool(int threads) : size_(std::max(1, threads)), shared_(new Shared) {
  Shared& sh = *shared_;
  for (int w = 1; w < size_; ++w) {
    sh.workers.emplace_back([&sh, w] {
      uint64_t seen = 0;
      for (;;) {
        int spins = 0;
        while (sh.generation.load(std::memory_order_acquire) == seen && spins < kSpinIterations) ++spins;
        if (sh.generation.load(std::memory_order_acquire) == seen) {
          std::unique_lock<std::mutex> lock(sh.mutex);
          sh.wake.wait(lock, [&] { return sh.stop || sh.generation.load(std::memory_order_acquire) != seen; });
          if (sh.stop) return;
        }
        seen = sh.generation.load(std::memory_order_acquire);
        size_t begin, end;
        chunk_range(sh.n, sh.grain, sh.chunks, size_t(w), begin, end);
        if (begin < end) sh.fn(sh.ctx, begin, end);
        sh.pending.fetch_sub(1, std::memory_order_acq_rel);
      }
    });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->stop = true;
  }
  shared_->wake.notify_all();
  for (std::thread& t : shared_->workers) t.join();
}

void ThreadPool::run(size_t n, size_t grain, Trampoline fn, const void* ctx) {
  grain = std::max<size_t>(grain, 1);
  const size_t units = (n + grain - 1) / grain;
  if (size_ == 1 || units <= 1) {
    if (n) fn(ctx, 0, n);
    return;
  }
  Shared& sh = *shared_;
  {
    std::lock_guard<std::mutex> lock(sh.mutex);
    sh.fn = fn, sh.ctx = ctx, sh.n = n, sh.grain = grain, sh.chunks = size_t(size_);
    sh.pending.store(size_ - 1, std::memory_order_relaxed);
    sh.generation.fetch_add(1, std::memory_order_release);
  }
  sh.wake.notify_all();
  size_t begin, end;
  chunk_range(n, grain, sh.chunks, 0, begin, end);
  if (begin < end) fn(ctx, begin, end);
  while (sh.pending.load(std::memory_order_acquire) != 0) std::this_thread::yield();
}

#else

struct ThreadPool::Shared {};

ThreadPool::ThreadPool(int) : size_(1) {}
ThreadPool::~ThreadPool() = default;

void ThreadPool::run(size_t n, size_t grain, Trampoline fn, const void* ctx) {
  (void)grain;
  if (n) fn(ctx, 0, n);
}

#endif

}  // namespace emolens
