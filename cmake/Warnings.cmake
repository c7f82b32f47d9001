# Compile options shared by every emolens target.
add_library(emolens_options INTERFACE)
target_compile_options(emolens_options INTERFACE -Wall -Wextra -Wno-unused-parameter)
target_include_directories(emolens_options SYSTEM INTERFACE ${EMOLENS_SYSDEPS_DIR})
if(EMSCRIPTEN)
  target_compile_options(emolens_options INTERFACE -msimd128)
else()
  # SIMDe translates our wasm SIMD128 kernels to SSE/AVX; let it use what the host has.
  target_compile_options(emolens_options INTERFACE -march=native)
  if(EMOLENS_SANITIZE)
    target_compile_options(emolens_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(emolens_options INTERFACE -fsanitize=address,undefined)
  endif()
  if(EMOLENS_FUZZ)
    # Coverage instrumentation for libFuzzer in everything; only the fuzz targets link the fuzzer.
    target_compile_options(emolens_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
      -fsanitize-coverage-ignorelist=${PROJECT_SOURCE_DIR}/tests/fuzz/coverage-ignorelist.txt)
    target_link_options(emolens_options INTERFACE -fsanitize=address,undefined)
  endif()
endif()
