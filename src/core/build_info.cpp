#include "core/build_info.h"

#include <thread>

namespace emolens {

BuildInfo build_info() {
  BuildInfo info;
  info.version = EMOLENS_VERSION;
#if defined(__wasm_simd128__) || defined(__SSE2__) || defined(__ARM_NEON)
  info.simd = true;
#else
  info.simd = false;
#endif
#ifdef EMOLENS_THREADS
  info.threads = true;
  info.hardware_threads = static_cast<int>(std::thread::hardware_concurrency());
  if (info.hardware_threads < 1) info.hardware_threads = 1;
#else
  info.threads = false;
  info.hardware_threads = 1;
#endif
#ifdef __EMSCRIPTEN__
  info.target = "wasm";
#else
  info.target = "native";
#endif
  return info;
}

}  // namespace emolens
