// tflite2emo: converts a TensorFlow Lite model (BlazeFace) into our model format at build time.
//   tflite2emo --input face_detection_short_range.tflite --output-dir build/models
//              --name face_detection_short_range --colour rgb --scale 0.00784313725 --offset -1
//              --output-names regressors,classificators [--source-sha256 HEX] [--source-label TEXT]
// Exit status: 0 converted, 1 bad command line, 2 the model could not be read or converted.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "emo_writer.h"
#include "tflite_model.h"
#include "tflite_to_emo.h"

namespace {

constexpr const char* kToolVersion = "tflite2emo 1";

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) parts.push_back(part);
  return parts;
}

int conversion_error(const std::string& input, const std::string& message) {
  std::fprintf(stderr, "tflite2emo: error: %s: %s\n", input.c_str(), message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* required : {"--input", "--output-dir", "--name"}) {
    if (argc % 2 == 0 || !args.count(required)) {
      std::fprintf(stderr, "usage: tflite2emo --input M.tflite --output-dir DIR --name NAME [--colour rgb|grey] [--scale S] "
                           "[--offset O] [--output-names a,b] [--source-sha256 HEX] [--source-label TEXT]\n");
      return 1;
    }
  }
  const std::string input = args["--input"];
  std::ifstream file(input, std::ios::binary);
  if (!file) return conversion_error(input, "cannot open");
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());

  const tflite2emo::TfReadResult read = tflite2emo::tflite_read(bytes);
  if (!read.error.empty()) return conversion_error(input, read.error);
  const std::vector<std::string> output_names = args.count("--output-names") ? split_commas(args["--output-names"]) : std::vector<std::string>{};
  const tflite2emo::ConvertResult converted = tflite2emo::tflite_to_emo(read.graph, output_names);
  if (!converted.error.empty()) return conversion_error(input, converted.error);

  tflite2emo::ManifestInfo info;
  info.name = args["--name"];
  info.colour = args.count("--colour") ? args["--colour"] : "rgb";
  info.scale = args.count("--scale") ? std::stod(args["--scale"]) : 1.0;
  info.offset = args.count("--offset") ? std::stod(args["--offset"]) : 0.0;
  info.provenance = {
      {"source", args.count("--source-label") ? args["--source-label"] : input.substr(input.find_last_of('/') + 1)},
      {"source_bytes", bytes.size()},
      {"license", "Apache-2.0"},
      {"tool", kToolVersion},
  };
  if (args.count("--source-sha256")) info.provenance["source_sha256"] = args["--source-sha256"];
  if (std::string error = tflite2emo::emo_write(converted.model, info, args["--output-dir"]); !error.empty()) {
    return conversion_error(input, error);
  }

  std::map<std::string, int> op_counts;
  for (const auto& op : converted.model.ops) ++op_counts[op["type"].get<std::string>()];
  std::printf("tflite2emo: %s: %zu ops (", info.name.c_str(), converted.model.ops.size());
  for (const auto& [type, count] : op_counts) std::printf(" %s %d", type.c_str(), count);
  std::printf(" ), %zu weights\n", converted.model.weights.size());
  return 0;
}
