#!/usr/bin/env bash
# Builds native (library, tests, tools, converted models) and wasm (st + mt), then assembles dist/,
# the static app that scripts/serve.mjs serves. Incremental: a second run with no change is quick.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimiser needs Debian's acorn

# One build at a time: two ninja runs in one tree, or two dist/ swaps, would corrupt each other.
mkdir -p build
exec 9>build/.build.lock
flock 9

configure() {  # configure <build dir> [cmake args...]: only the first time
  local dir=$1; shift
  [ -f "$dir/build.ninja" ] || "$@" -B "$dir" -G Ninja
}

configure build/native cmake -S . -DCMAKE_BUILD_TYPE=Release
cmake --build build/native
configure build/wasm emcmake cmake -S . -DCMAKE_BUILD_TYPE=Release
cmake --build build/wasm

# dist/: the web app, the wasm modules with their JS entry, jsimgui, and the models.
rm -rf dist.new
mkdir -p dist.new/wasm dist.new/vendor/jsimgui dist.new/models
cp -r web/. dist.new/
mkdir -p dist.new/shaders && cp shaders/*.vert shaders/*.frag dist.new/shaders/   # fetched by web/app/image-renderer.js
cp build/wasm/wasm/emolens.mjs build/wasm/wasm/emolens.d.ts build/wasm/wasm/emolens_st.* \
   build/wasm/wasm/emolens_mt.* build/wasm/wasm/package.json dist.new/wasm/
for file in mod.js imgui.js implot.js imnodes.js loader.js loader-extensions.js; do
  cp node_modules/@mori2003/jsimgui/build/$file dist.new/vendor/jsimgui/
done
cp node_modules/@mori2003/jsimgui/LICENSE dist.new/vendor/jsimgui/
for model in build/native/models/*.json models/*.json; do
  [ -f "$model" ] || continue
  cp "$model" "${model%.json}.bin" dist.new/models/
done
rm -rf dist && mv dist.new dist
echo "emolens: built dist/ ($(du -sh dist | cut -f1))"
