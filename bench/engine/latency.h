// Median latency of a callable, in milliseconds, after warm-up runs.
#pragma once
#include <algorithm>
#include <chrono>
#include <vector>

namespace emolens::bench {

template <typename Fn>
double median_ms(int runs, const Fn& fn) {
  for (int i = 0; i < 3; ++i) fn();  // warm caches, start pool threads
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
  return ms[ms.size() / 2];
}

}  // namespace emolens::bench
