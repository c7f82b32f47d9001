// haar_detect: runs OpenCV's Haar frontal-face cascade on images and prints the faces as JSON, one
// line per image, for `emolens eval-detect --peers`.
//
//   haar_detect [--cascade FILE] [--threads N] < image-paths.txt
//   → {"path": "...", "width": W, "height": H, "ms": T, "faces": [{"x","y","width","height","score"}]}
//     or {"path": "...", "error": "..."} for an image that cannot be read.
//
// The detector is the one of OpenCV's face-detection tutorial: grey, equalizeHist, then
// detectMultiScale with its defaults (scale 1.1, 3 neighbours, no size limits). The score is the
// cascade's level weight (detectMultiScale3 with outputRejectLevels), so the boxes can be ranked
// for AP; "ms" times the detection alone (not the file decoding).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

namespace {

constexpr const char* kDefaultCascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

nlohmann::json detect_image(cv::CascadeClassifier& cascade, const std::string& path) {
  const cv::Mat image = cv::imread(path, cv::IMREAD_COLOR);
  if (image.empty()) return {{"path", path}, {"error", "cannot read the image"}};
  const auto start = std::chrono::steady_clock::now();
  cv::Mat grey;
  cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  cv::equalizeHist(grey, grey);
  std::vector<cv::Rect> boxes;
  std::vector<int> reject_levels;
  std::vector<double> level_weights;
  cascade.detectMultiScale(grey, boxes, reject_levels, level_weights, 1.1, 3, 0, cv::Size(), cv::Size(), true);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json faces = nlohmann::json::array();
  for (size_t i = 0; i < boxes.size(); ++i) {
    const cv::Rect& b = boxes[i];
    faces.push_back({{"x", b.x}, {"y", b.y}, {"width", b.width}, {"height", b.height}, {"score", level_weights[i]}});
  }
  return {{"path", path}, {"width", image.cols}, {"height", image.rows}, {"ms", ms}, {"faces", faces}};
}

int usage(const char* message) {
  std::fprintf(stderr, "haar_detect: %s\nusage: haar_detect [--cascade FILE] [--threads N] < image-paths.txt\n", message);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cascade_path = kDefaultCascade;
  int threads = 1;  // one thread, like the other detectors eval-detect times
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return usage(("missing value or unknown option: " + arg).c_str());
    if (arg == "--cascade") cascade_path = argv[++i];
    else if (arg == "--threads") threads = std::atoi(argv[++i]);
    else return usage(("unknown option: " + arg).c_str());
  }
  if (threads < 1) return usage("--threads must be at least 1");
  cv::setNumThreads(threads);
  cv::CascadeClassifier cascade;
  if (!cascade.load(cascade_path)) {
    std::fprintf(stderr, "haar_detect: cannot load the cascade %s (Debian package opencv-data)\n", cascade_path.c_str());
    return 1;
  }
  int failed = 0;
  for (std::string path; std::getline(std::cin, path);) {
    if (path.empty()) continue;
    const nlohmann::json result = detect_image(cascade, path);
    failed += result.contains("error");
    std::cout << result.dump() << '\n' << std::flush;
  }
  return failed ? 1 : 0;
}
