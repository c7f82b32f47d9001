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

// How a loop is shared: [0, n) is cut into grain-aligned chunks (a few per thread), and every
// thread, the caller included, claims chunks from one counter until none is left. A thread the OS
// has descheduled (the machine is shared) then delays a loop by at most the chunk it holds, never
// by a fixed share. Chunk boundaries change which thread computes an element, not how.
//
// The claim word holds the loop's generation (high 32 bits), its chunk count and the next chunk
// (16 bits each), so a worker that wakes late cannot claim a chunk of a newer loop under an older
// one's parameters: a successful claim also proves the loop unfinished, hence its parameters still
// in place.
//
// Idle workers spin briefly (a frame runs dozens of short loops back to back, and a futex wake costs
// more than the gap between them), then sleep on a condition variable; the caller notifies only
// when someone sleeps.
struct ThreadPool::Shared {
  std::mutex mutex;
  std::condition_variable wake;
  std::atomic<uint64_t> claim{0};    // generation << 32 | chunks << 16 | next chunk
  std::atomic<size_t> finished{0};   // chunks of the current loop done
  std::atomic<int> sleepers{0};
  std::atomic<bool> stop{false};
  Trampoline fn = nullptr;
  const void* ctx = nullptr;
  size_t n = 0, grain = 1, chunks = 1;
  std::vector<std::thread> workers;

  void chunk_range(size_t index, size_t& begin, size_t& end) const {
    const size_t units = (n + grain - 1) / grain;
    begin = std::min(n, units * index / chunks * grain);
    end = std::min(n, units * (index + 1) / chunks * grain);
  }

  static uint64_t word(uint32_t generation, size_t chunks, size_t next) {
    return uint64_t(generation) << 32 | uint64_t(chunks) << 16 | uint64_t(next);
  }

  // Claims and runs chunks of loop `generation` until none is left (none at all if it is not current).
  void work(uint32_t generation) {
    uint64_t seen = claim.load(std::memory_order_acquire);
    for (;;) {
      const size_t next = size_t(seen & 0xffffu), count = size_t(seen >> 16 & 0xffffu);
      if (uint32_t(seen >> 32) != generation || next >= count) return;
      if (!claim.compare_exchange_weak(seen, seen + 1, std::memory_order_acq_rel, std::memory_order_acquire)) continue;
      size_t begin, end;
      chunk_range(next, begin, end);
      if (begin < end) fn(ctx, begin, end);
      finished.fetch_add(1, std::memory_order_acq_rel);
      seen = claim.load(std::memory_order_acquire);
    }
  }
};

namespace {
constexpr int kSpinIterations = 4000;  // about 10-50 us: spans the gap between a frame's loops
constexpr size_t kChunksPerThread = 4;  // few enough to claim cheaply, enough to rebalance
}  // namespace

ThreadPool::ThreadPool(int threads) : size_(std::max(1, threads)), shared_(new Shared) {
  Shared& sh = *shared_;
  for (int w = 1; w < size_; ++w) {
    sh.workers.emplace_back([&sh] {
      uint32_t done = 0;  // the last generation this worker took part in
      for (;;) {
        uint32_t generation = uint32_t(sh.claim.load(std::memory_order_acquire) >> 32);
        for (int spins = 0; generation == done && spins < kSpinIterations; ++spins) {
          if (sh.stop.load(std::memory_order_relaxed)) return;
          generation = uint32_t(sh.claim.load(std::memory_order_acquire) >> 32);
        }
        if (generation == done) {
          std::unique_lock<std::mutex> lock(sh.mutex);
          sh.sleepers.fetch_add(1, std::memory_order_seq_cst);
          sh.wake.wait(lock, [&] {
            generation = uint32_t(sh.claim.load(std::memory_order_seq_cst) >> 32);
            return sh.stop.load(std::memory_order_seq_cst) || generation != done;
          });
          sh.sleepers.fetch_sub(1, std::memory_order_relaxed);
        }
        if (sh.stop.load(std::memory_order_acquire)) return;
        sh.work(generation);
        done = generation;
      }
    });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->stop.store(true, std::memory_order_seq_cst);
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
  // The previous loop is finished (every chunk counted), so no worker reads these now.
  sh.fn = fn, sh.ctx = ctx, sh.n = n, sh.grain = grain;
  sh.chunks = std::min({units, size_t(size_) * kChunksPerThread, size_t(0xffff)});
  sh.finished.store(0, std::memory_order_relaxed);
  const uint32_t generation = uint32_t(sh.claim.load(std::memory_order_relaxed) >> 32) + 1;
  sh.claim.store(Shared::word(generation, sh.chunks, 0), std::memory_order_seq_cst);
  if (sh.sleepers.load(std::memory_order_seq_cst) > 0) {
    { std::lock_guard<std::mutex> lock(sh.mutex); }  // a worker between its check and its wait holds it
    sh.wake.notify_all();
  }
  sh.work(generation);
  while (sh.finished.load(std::memory_order_acquire) != sh.chunks) std::this_thread::yield();
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
