#!/usr/bin/env bash
# Installs what emolens needs on Debian 12 (apt-get, npm ci) and builds it.
# Quick when nothing changed: packages already there are not asked for again, npm ci runs only when
# package-lock.json changed, and the builds are incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  cmake ninja-build g++ clang libclang-rt-14-dev   # native build, sanitizers, fuzzing
  emscripten                                       # the wasm build (3.1.6)
  catch2 nlohmann-json3-dev libsimde-dev libstb-dev libfp16-dev   # header-only libraries
  libxnnpack-dev libpthreadpool-dev libopencv-dev opencv-data   # native references: XNNPACK, OpenCV
  flatbuffers-compiler libflatbuffers-dev          # reading BlazeFace's .tflite files
  chromium ffmpeg                                  # browser tests, video decoding in tests
)
if ! command -v node >/dev/null; then PACKAGES+=(nodejs npm); fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "emolens: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "emolens: Node $node_major found; Node 20 or newer is needed" >&2
  exit 1
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.emolens-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.emolens-lock-hash
fi

bash scripts/build.sh
