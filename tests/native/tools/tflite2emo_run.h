// Runs the built tflite2emo tool as a subprocess, the way the build runs it, so a crash in the
// tool (or an ASan report in the sanitizer build) shows up as a failed exit status here.
#pragma once
#include <string>

namespace tflite2emo_test {

struct ToolRun {
  int exit_code = -1;   // -1 when the tool did not exit normally (a signal: a crash)
  std::string output;   // stdout + stderr
};

std::string blazeface_tflite(const std::string& variant);   // path to node_modules' face_detection_<variant>.tflite
std::string scratch_dir(const std::string& test_name);      // fresh folder under the build tree
ToolRun run_tflite2emo(const std::string& input, const std::string& output_dir, const std::string& name);

}  // namespace tflite2emo_test
