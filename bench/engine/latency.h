// Median latencies in milliseconds, after warm-up runs.
#pragma once
#include <algorithm>
#include <chrono>
#include <ctime>
#include <utility>
#include <vector>

namespace emolens::bench {

inline double median(std::vector<double>& ms) {
  std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
  return ms[ms.size() / 2];
}

enum class Clock {
  wall,        // elapsed time: what a user waits
  thread_cpu,  // CPU time of the calling thread: leaves out time spent preempted on a loaded machine
};

inline double now_ms(Clock clock) {
  if (clock == Clock::wall)
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
}

template <typename Fn>
double time_ms(Clock clock, const Fn& fn) {
  const double start = now_ms(clock);
  fn();
  return now_ms(clock) - start;
}

// Medians of two callables timed alternately (a b, b a, a b, ...): on a shared, loaded machine the
// load that comes and goes then falls on both alike, so their ratio stays meaningful.
template <typename A, typename B>
std::pair<double, double> median_pair_ms(int runs, const A& a, const B& b, Clock clock = Clock::wall) {
  for (int i = 0; i < 3; ++i) a(), b();  // warm caches, start pool threads
  std::vector<double> ms_a, ms_b;
  for (int i = 0; i < runs; ++i) {
    if (i % 2) ms_b.push_back(time_ms(clock, b)), ms_a.push_back(time_ms(clock, a));
    else ms_a.push_back(time_ms(clock, a)), ms_b.push_back(time_ms(clock, b));
  }
  return {median(ms_a), median(ms_b)};
}

}  // namespace emolens::bench
