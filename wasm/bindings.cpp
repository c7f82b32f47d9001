// The JS face of the emolens library (embind). Thin on purpose: conversion only, no logic.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "emolens.h"

using emscripten::val;

namespace {

val build_info_js() {
  const emolens::BuildInfo info = emolens::build_info();
  val out = val::object();
  out.set("version", info.version);
  out.set("simd", info.simd);
  out.set("threads", info.threads);
  out.set("hardwareThreads", info.hardware_threads);
  out.set("target", info.target);
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(emolens) {
  emscripten::function("buildInfo", &build_info_js);
}
