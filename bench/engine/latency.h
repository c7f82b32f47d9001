// Median latencies in milliseconds, after warm-up runs.
#pragma once
#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

namespace emolens::bench {

inline double median(std::vector<double>& ms) {
  std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
  return ms[ms.size() / 2];
}

template <typename Fn>
double time_ms(const Fn& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Medians of two callables timed alternately (a b, b a, a b, ...): on a shared, loaded machine the
// load that comes and goes then falls on both alike, so their ratio stays meaningful.
template <typename A, typename B>
std::pair<double, double> median_pair_ms(int runs, const A& a, const B& b) {
  for (int i = 0; i < 3; ++i) a(), b();  // warm caches, start pool threads
  std::vector<double> ms_a, ms_b;
  for (int i = 0; i < runs; ++i) {
    if (i % 2) ms_b.push_back(time_ms(b)), ms_a.push_back(time_ms(a));
    else ms_a.push_back(time_ms(a)), ms_b.push_back(time_ms(b));
  }
  return {median(ms_a), median(ms_b)};
}

}  // namespace emolens::bench
