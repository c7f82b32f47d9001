#include "tflite2emo_run.h"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tflite2emo_test {

std::string blazeface_tflite(const std::string& variant) {
  return std::string(EMOLENS_SOURCE_DIR) + "/node_modules/@mediapipe/face_detection/face_detection_" + variant + ".tflite";
}

std::string scratch_dir(const std::string& test_name) {
  const std::filesystem::path dir = std::filesystem::path(EMOLENS_BUILD_DIR) / "test-scratch" / test_name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

ToolRun run_tflite2emo(const std::string& input, const std::string& output_dir, const std::string& name) {
  const std::string tool = std::string(EMOLENS_BUILD_DIR) + "/tools/tflite2emo/tflite2emo";
  const std::string log = output_dir + "/" + name + ".log";
  const std::string command = "'" + tool + "' --input '" + input + "' --output-dir '" + output_dir + "' --name '" + name +
                              "' --colour rgb --scale 0.00784313725490196 --offset -1 --output-names regressors,classificators > '" +
                              log + "' 2>&1";
  ToolRun run;
  const int status = std::system(command.c_str());
  if (status != -1 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  std::ifstream log_file(log);
  std::stringstream text;
  text << log_file.rdbuf();
  run.output = text.str();
  return run;
}

}  // namespace tflite2emo_test
