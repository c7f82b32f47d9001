#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang-14, ASan + UBSan, in build/fuzz) and runs each
# for a set time, one after another. On a shared machine: nice -n 15 bash scripts/fuzz.sh 300
#   scripts/fuzz.sh [seconds per target, default 300] [target ...]   (default: every *_fuzz.cpp)
# Seeds come from tests/fuzz/corpus/<target>/ (the TFLite target also gets BlazeFace's real
# short-range model); what fuzzing adds goes to build/fuzz/corpus/<target>/, crashing inputs to
# build/fuzz/crashes/<target>/, the log to build/fuzz/logs/<target>.log. A crash fails the script:
# fix it, add the input to tests/fuzz/corpus/<target>/ (the test suite replays that folder).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-300}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/*_fuzz.cpp; do
    name=$(basename "$source" _fuzz.cpp)
    targets+=("$name")
  done
fi

[ -f build/fuzz/build.ninja ] || CC=clang-14 CXX=clang++-14 \
  cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMOLENS_FUZZ=ON
cmake --build build/fuzz --target "${targets[@]/#/fuzz_}"

mkdir -p build/fuzz/logs build/fuzz/seeds/tflite
cp node_modules/@mediapipe/face_detection/face_detection_short_range.tflite build/fuzz/seeds/tflite/

failed=()
for target in "${targets[@]}"; do
  work=build/fuzz/corpus/$target
  crashes=build/fuzz/crashes/$target
  mkdir -p "$work" "$crashes"
  args=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/")
  [ -f "tests/fuzz/$target.dict" ] && args+=(-dict="tests/fuzz/$target.dict")
  seeds=("tests/fuzz/corpus/$target")
  [ -d "build/fuzz/seeds/$target" ] && seeds+=("build/fuzz/seeds/$target")
  echo "== fuzz_$target for ${seconds}s"
  start=$(date +%s)
  touch "build/fuzz/logs/$target.start"
  # -fork would use more cores; one process keeps to one core on a shared machine.
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "build/fuzz/tests/fuzz/fuzz_$target" "${args[@]}" "$work" "${seeds[@]}" > "build/fuzz/logs/$target.log" 2>&1; then
    result=ok
  else
    result=CRASH
    failed+=("$target")
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "build/fuzz/logs/$target.log" | grep -o '[0-9]*$' || echo "?")
  # This run's artifacts: crash-, leak-, timeout- and oom- inputs fail; slow-unit- ones are only slow.
  found=$(find "$crashes" -newer "build/fuzz/logs/$target.start" -type f ! -name 'slow-unit-*' | wc -l)
  slow=$(find "$crashes" -newer "build/fuzz/logs/$target.start" -type f -name 'slow-unit-*' | wc -l)
  echo "fuzz_$target: $result after $(( $(date +%s) - start ))s, $runs executions, corpus $(ls "$work" | wc -l) inputs," \
       "$found failing and $slow slow inputs in $crashes (log: build/fuzz/logs/$target.log)"
  [ $result = ok ] || grep -m1 -A12 'ERROR\|SUMMARY\|deadly signal' "build/fuzz/logs/$target.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashed: ${failed[*]}" >&2
  exit 1
fi
