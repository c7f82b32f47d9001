// The thread pool through its public interface: coverage of [0, n), grain-aligned chunks, many
// short loops back to back, and workers that went to sleep being woken by the next loop.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/thread_pool.h"

using emolens::ThreadPool;

namespace {

// Runs one loop and checks every index was visited exactly once, in chunks starting on the grain.
void check_cover(ThreadPool& pool, size_t n, size_t grain) {
  std::vector<std::atomic<int>> visits(n);
  std::atomic<bool> aligned{true};
  pool.parallel_for(n, grain, [&](size_t begin, size_t end) {
    if (begin % grain != 0 || end <= begin || end > n) aligned = false;
    for (size_t i = begin; i < end; ++i) visits[i].fetch_add(1);
  });
  INFO("pool of " << pool.size() << ", n " << n << ", grain " << grain);
  CHECK(aligned.load());
  size_t wrong = 0;
  for (size_t i = 0; i < n; ++i) wrong += visits[i].load() != 1;
  CHECK(wrong == 0);
}

}  // namespace

TEST_CASE("thread pool covers every index once, in grain-aligned chunks") {
  for (int threads : {1, 2, 3, 4}) {
    ThreadPool pool(threads);
    for (size_t n : {0, 1, 2, 7, 64, 1000, 100003})
      for (size_t grain : {1, 3, 16, 4096}) check_cover(pool, n, grain);
  }
}

TEST_CASE("thread pool runs thousands of short loops back to back") {
  ThreadPool pool(3);
  std::atomic<size_t> total{0};
  for (int loop = 0; loop < 20000; ++loop)
    pool.parallel_for(size_t(loop % 17 + 1), 1, [&](size_t begin, size_t end) { total += end - begin; });
  size_t expected = 0;
  for (int loop = 0; loop < 20000; ++loop) expected += size_t(loop % 17 + 1);
  CHECK(total.load() == expected);
}

TEST_CASE("thread pool wakes sleeping workers for the next loop") {
  ThreadPool pool(2);
  for (int round = 0; round < 3; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // long past the spin: the worker sleeps
    // Each chunk waits until both have started: only a woken worker can start the second one
    // while the caller waits in the first.
    std::atomic<int> started{0};
    std::atomic<bool> met{true};
    pool.parallel_for(2, 1, [&](size_t, size_t) {
      started.fetch_add(1);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (started.load() < 2)
        if (std::chrono::steady_clock::now() > deadline) {
          met = false;
          return;
        }
    });
    CHECK(met.load());
  }
}
