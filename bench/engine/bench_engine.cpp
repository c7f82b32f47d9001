// bench_engine: median latency per BlazeFace model, our engine vs XNNPACK in one process, and
// optionally our wasm builds under Node (bench/engine/wasm_bench.mjs).
//
//   bench_engine [--runs N] [--threads N] [--models DIR] [--wasm-dir DIR] [--json] [--ops] [--cpu-clock]
//
// Ours and XNNPACK are timed alternately, run by run, and each column is a median. --wasm-dir is
// where the wasm build wrote the bench-only modules engine_bench_st.mjs and engine_bench_mt.mjs
// (build/wasm/bench/engine); without it the wasm columns are null. --ops adds a per-op profile
// (each op run alone, ours vs XNNPACK) to find what to speed up.
// --cpu-clock times the calling thread's CPU time instead of elapsed time: on a loaded machine it
// leaves out the time a run spent preempted (single-threaded runs only; workers are not counted).
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "latency.h"
#include "nn/engine.h"
#include "nn/native/xnnpack_engine.h"

using namespace emolens;
using nlohmann::json;

namespace {

struct Options {
  int runs = 200;
  int threads = 1;
  std::string models = std::string(EMOLENS_BUILD_DIR) + "/models";
  std::string wasm_dir;
  bool json = false;
  bool ops = false;
  bench::Clock clock = bench::Clock::wall;
};

// Table cells for the wasm columns, which are null without --wasm-dir.
static std::string format_ms(const json& ms) {
  if (!ms.is_number()) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", ms.get<double>());
  return text;
}

static std::string format_ratio(const json& a, const json& b) {
  if (!a.is_number() || !b.is_number()) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", a.get<double>() / b.get<double>());
  return text;
}

// Runs the Node half and returns its {"<model>": {"wasm_st_ms":.., "wasm_mt_ms":.., "wasm_st_cpu_ms":..}} object.
json run_wasm_bench(const Options& o) {
  const std::string command = "node " + std::string(EMOLENS_SOURCE_DIR) + "/bench/engine/wasm_bench.mjs '" + o.wasm_dir +
                              "' '" + o.models + "' " + std::to_string(o.runs);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return json::object();
  std::string text;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
  const int rc = pclose(pipe);
  const json result = json::parse(text, nullptr, false);
  if (rc != 0 || result.is_discarded()) {
    std::fprintf(stderr, "bench_engine: wasm_bench.mjs failed (exit %d): %s\n", rc, text.c_str());
    return json::object();
  }
  return result;
}

std::string op_label(const nn::Model& model, const nn::Op& op) {
  std::string label = nn::op_type_name(op.type);
  if (op.type == nn::OpType::conv2d || op.type == nn::OpType::depthwise_conv2d || op.type == nn::OpType::max_pool2d)
    label += " " + std::to_string(op.kernel_h) + "x" + std::to_string(op.kernel_w) + "/" + std::to_string(op.stride_h);
  return label + " " + nn::shape_string(model.tensors[size_t(op.inputs[0])].shape) + "->" +
         nn::shape_string(model.tensors[size_t(op.output)].shape);
}

// Each op alone (after a full run, so its inputs hold real activations), ours and XNNPACK
// alternately; then the totals per op type, the place to look for what to speed up.
void print_op_profile(const nn::Model& model, nn::Engine& ours, nn::XnnpackEngine& xnn, int runs, bench::Clock clock) {
  ours.run();
  xnn.run();
  std::map<std::string, std::pair<double, double>> by_type;
  double total_ours = 0, total_xnn = 0;
  std::printf("  %4s %-52s %9s %9s %6s\n", "op", "", "ours_us", "xnn_us", "ratio");
  for (size_t i = 0; i < model.ops.size(); ++i) {
    const auto [a, b] = bench::median_pair_ms(runs, [&] { ours.run_op(i); }, [&] { xnn.run_op(i); }, clock);
    std::printf("  %4zu %-52s %9.1f %9.1f %6.2f\n", i, op_label(model, model.ops[i]).c_str(), a * 1e3, b * 1e3, a / b);
    std::string type = nn::op_type_name(model.ops[i].type);
    if (model.ops[i].type == nn::OpType::conv2d || model.ops[i].type == nn::OpType::depthwise_conv2d)
      type += " " + std::to_string(model.ops[i].kernel_h) + "x" + std::to_string(model.ops[i].kernel_w);
    by_type[type].first += a, by_type[type].second += b;
    total_ours += a, total_xnn += b;
  }
  for (const auto& [type, t] : by_type)
    std::printf("  %-57s %9.1f %9.1f %6.2f\n", ("total " + type).c_str(), t.first * 1e3, t.second * 1e3, t.first / t.second);
  std::printf("  %-57s %9.1f %9.1f %6.2f\n", "total", total_ours * 1e3, total_xnn * 1e3, total_ours / total_xnn);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--json") o.json = true;
    else if (arg == "--ops") o.ops = true;
    else if (arg == "--cpu-clock") o.clock = bench::Clock::thread_cpu;
    else if (arg == "--runs" && has_value) o.runs = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--threads" && has_value) o.threads = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--models" && has_value) o.models = argv[++i];
    else if (arg == "--wasm-dir" && has_value) o.wasm_dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: bench_engine [--runs N] [--threads N] [--models DIR] [--wasm-dir DIR] [--json] [--ops] [--cpu-clock]\n");
      return 2;
    }
  }
  const json wasm = o.wasm_dir.empty() ? json::object() : run_wasm_bench(o);
  json report = {{"models", json::object()}};
  if (!o.json)
    std::printf("%-28s %10s %12s %8s %12s %12s %14s %10s %8s   (%d threads, median of %d, %s clock)\n", "model",
                "ours_ms", "xnnpack_ms", "ratio", "wasm_st_ms", "wasm_mt_ms", "wasm_st_cpu_ms", "st/xnn", "st/mt",
                o.threads, o.runs,
                o.clock == bench::Clock::wall ? "wall" : "thread CPU");
  for (const char* name : {"face_detection_short_range", "face_detection_full_range"}) {
    nn::Model model;
    Status s = nn::model_load_files(o.models + "/" + name + ".json", model);
    std::unique_ptr<nn::Engine> ours;
    std::unique_ptr<nn::XnnpackEngine> xnn;
    if (s.ok()) s = nn::Engine::create(model, {o.threads, nn::Kernels::simd}, ours);
    if (s.ok()) s = nn::XnnpackEngine::create(model, o.threads, xnn);
    if (!s.ok()) {
      std::fprintf(stderr, "bench_engine: %s\n", s.message().c_str());
      return 1;
    }
    const size_t n = nn::shape_elements(model.tensors[0].shape);
    for (size_t i = 0; i < n; ++i) ours->input()[i] = xnn->input()[i] = float(i % 255) / 127.5f - 1.0f;
    const auto [ours_ms, xnn_ms] = bench::median_pair_ms(o.runs, [&] { ours->run(); }, [&] { xnn->run(); }, o.clock);
    json row = {{"ours_ms", ours_ms}, {"xnnpack_ms", xnn_ms}, {"wasm_st_ms", nullptr}, {"wasm_mt_ms", nullptr},
                {"wasm_st_cpu_ms", nullptr}};
    if (wasm.contains(name)) row.update(wasm[name]);
    report["models"][name] = row;
    if (!o.json)
      std::printf("%-28s %10.3f %12.3f %8.2f %12s %12s %14s %10s %8s\n", name, ours_ms, xnn_ms, ours_ms / xnn_ms,
                  format_ms(row["wasm_st_ms"]).c_str(), format_ms(row["wasm_mt_ms"]).c_str(),
                  format_ms(row["wasm_st_cpu_ms"]).c_str(), format_ratio(row["wasm_st_ms"], xnn_ms).c_str(),
                  format_ratio(row["wasm_st_ms"], row["wasm_mt_ms"]).c_str());
    if (o.ops) print_op_profile(model, *ours, *xnn, o.runs, o.clock);
  }
  if (o.json) std::printf("%s\n", report.dump().c_str());
  return 0;
}
