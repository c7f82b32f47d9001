// The one place that picks where wasm SIMD128 intrinsics come from: the compiler under
// Emscripten (-msimd128), SIMDe natively (translated to SSE/AVX), so kernels are written once.
#pragma once
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#else
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/wasm/relaxed-simd.h>
#include <simde/wasm/simd128.h>
#endif

namespace emolens::nn {

// acc + a * b as relaxed SIMD's f32x4.relaxed_madd defines it: fused where the target has a fused
// multiply-add (natively with FMA3, through SIMDe), a multiply then an add in plain SIMD128 wasm.
// Either way every lane is computed the same way everywhere in one build.
inline v128_t f32x4_madd(v128_t acc, v128_t a, v128_t b) {
#ifdef __wasm_simd128__
  return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b));
#else
  return simde_wasm_f32x4_fma(acc, a, b);
#endif
}

// *p in all four lanes. wasm has a load-and-splat instruction; natively SIMDe's version of it goes
// through an integer shuffle, where a plain float splat becomes one broadcast load.
inline v128_t f32x4_load_splat(const float* p) {
#ifdef __wasm_simd128__
  return wasm_v128_load32_splat(p);
#else
  return wasm_f32x4_splat(*p);
#endif
}

}  // namespace emolens::nn
