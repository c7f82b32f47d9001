// The one place that picks where wasm SIMD128 intrinsics come from: the compiler under
// Emscripten (-msimd128), SIMDe natively (translated to SSE/AVX), so kernels are written once.
#pragma once
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#else
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/wasm/simd128.h>
#endif
