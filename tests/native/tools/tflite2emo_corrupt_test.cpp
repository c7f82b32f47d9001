// tflite2emo on damaged files: a clear error (exit status 2), never a crash. Run the ASan build
// (-DEMOLENS_SANITIZE=ON) to also catch reads out of bounds that do not crash.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <random>

#include "tools/tflite2emo_run.h"

using namespace tflite2emo_test;

namespace {

std::vector<char> read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  REQUIRE(file);
  return std::vector<char>((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

void write_bytes(const std::string& path, const std::vector<char>& bytes, size_t count) {
  std::ofstream file(path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(count));
}

}  // namespace

TEST_CASE("tflite2emo reports a truncated .tflite as an error") {
  const std::vector<char> model = read_bytes(blazeface_tflite("short_range"));
  const std::string dir = scratch_dir("tflite2emo_truncated");
  for (size_t size : {size_t{0}, size_t{4}, size_t{8}, size_t{100}, size_t{4096}, model.size() / 2, model.size() - 1}) {
    INFO("first " << size << " bytes");
    write_bytes(dir + "/cut.tflite", model, size);
    const ToolRun run = run_tflite2emo(dir + "/cut.tflite", dir, "cut");
    INFO(run.output);
    CHECK(run.exit_code == 2);
    CHECK(run.output.find("error") != std::string::npos);
  }
}

TEST_CASE("tflite2emo survives bit flips: a converted model or a clear error") {
  const std::vector<char> model = read_bytes(blazeface_tflite("short_range"));
  const std::string dir = scratch_dir("tflite2emo_bitflip");
  std::mt19937 rng(1234);
  // The flatbuffer's tables sit at the start and the end; the middle is mostly weights, where a
  // flip still gives a valid (if wrong) model. Aim half the flips at the tables.
  std::uniform_int_distribution<size_t> head(0, 8191), anywhere(0, model.size() - 1), bit(0, 7);
  int errors = 0;
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<char> damaged = model;
    const size_t at = trial % 3 == 0 ? anywhere(rng) : trial % 3 == 1 ? head(rng) : model.size() - 1 - head(rng);
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit(rng)));
    write_bytes(dir + "/flip.tflite", damaged, damaged.size());
    const ToolRun run = run_tflite2emo(dir + "/flip.tflite", dir, "flip");
    INFO("bit flipped at byte " << at << ": " << run.output);
    CHECK((run.exit_code == 0 || run.exit_code == 2));
    errors += run.exit_code == 2;
  }
  CHECK(errors > 0);  // some flips must land in the structure, or this test tests nothing
}
