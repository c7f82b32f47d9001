// Build information: which emolens this is and what it runs with.
#pragma once
#include <string>

namespace emolens {

struct BuildInfo {
  std::string version;  // project version, e.g. "0.1.0"
  bool simd;            // compiled with 128-bit SIMD kernels (wasm SIMD128, or SIMDe natively)
  bool threads;         // compiled with a thread pool (wasm mt variant, or native)
  int hardware_threads; // threads the platform reports (1 where threads are off)
  std::string target;   // "wasm" or "native"
};

BuildInfo build_info();  // facts about this build, fixed at compile time except hardware_threads

}  // namespace emolens
