// tools/haar_detect, run as the CLI runs it: image paths on stdin, one JSON line per image.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_data.h"

namespace {

struct HaarRun {
  int exit_code = -1;               // -1: the tool did not exit normally (a crash)
  std::vector<nlohmann::json> lines;  // stdout, one JSON object per line
};

HaarRun run_haar(const std::string& tool, const std::vector<std::string>& paths) {
  const std::filesystem::path dir = std::filesystem::path(EMOLENS_BUILD_DIR) / "test-scratch" / "haar_detect";
  std::filesystem::create_directories(dir);
  std::ofstream((dir / "list.txt").string()) << paths[0] << '\n' << (paths.size() > 1 ? paths[1] : "") << '\n';
  const std::string command = "'" + tool + "' < '" + (dir / "list.txt").string() + "' > '" + (dir / "out.jsonl").string() + "' 2>/dev/null";
  HaarRun run;
  const int status = std::system(command.c_str());
  if (status != -1 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  std::ifstream out((dir / "out.jsonl").string());
  for (std::string line; std::getline(out, line);) run.lines.push_back(nlohmann::json::parse(line));
  return run;
}

}  // namespace

TEST_CASE("haar_detect finds the face in a portrait, scores it, and reports an unreadable file per line") {
  const std::string tool = std::string(EMOLENS_BUILD_DIR) + "/tools/haar_detect/haar_detect";
#ifndef EMOLENS_TEST_HAVE_OPENCV
  WARN("skipped: OpenCV not found, so " << tool << " is not built (the OpenCV oracle test says so)");
  return;
#endif
  {
    INFO(tool << " is not built although the tests found OpenCV");
    REQUIRE(std::filesystem::exists(tool));
  }
  TEST_DATA_REQUIRE("photos/faceapijs_examples_images_happy.jpg");
  const std::string photo = test_data::data_dir() + "/photos/faceapijs_examples_images_happy.jpg";
  const HaarRun run = run_haar(tool, {photo, "/nonexistent/emolens-no-such-image.jpg"});
  CHECK(run.exit_code == 1);  // one image could not be read
  REQUIRE(run.lines.size() == 2);
  const nlohmann::json& found = run.lines[0];
  CHECK(found["width"] == 500);
  CHECK(found["height"] == 282);
  CHECK(found["ms"].get<double>() > 0);
  REQUIRE(found["faces"].size() >= 1);
  for (const nlohmann::json& face : found["faces"]) {
    CHECK(face["width"].get<int>() > 40);  // the portrait's face is ~100 px wide
    CHECK(face["x"].get<int>() + face["width"].get<int>() <= 500);
    CHECK(face["score"].is_number());
  }
  CHECK(run.lines[1]["error"] == "cannot read the image");
}
