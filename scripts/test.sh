#!/usr/bin/env bash
# Runs every emolens test: native Catch2, native under ASan+UBSan, node:test against both wasm
# variants, and end-to-end in Debian's Chromium. Builds first (incrementally).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh

echo "== native tests"
ctest --test-dir build/native --output-on-failure

echo "== native tests under AddressSanitizer + UndefinedBehaviorSanitizer"
# -O2: the sanitizers check the same code; at -O0 the engine kernels made this run take ~10 min here.
# -g1 (line tables, enough for the sanitizers' stack traces) compiles a test file in 2/3 of -g's time.
[ -f build/asan/build.ninja ] || cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DEMOLENS_SANITIZE=ON
cmake --build build/asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure

echo "== wasm (st and mt) in Node, and the browser end to end"
node --test --test-concurrency=1 tests/node/*.test.mjs tests/e2e/*.test.mjs
