#include "detect/face_detector.h"

#include <algorithm>

#include "detect/blazeface_decode.h"
#include "detect/edge_faces.h"
#include "detect/face_box.h"
#include "detect/tiling.h"
#include "image/letterbox.h"

namespace emolens::detect {
namespace {

constexpr int kCameraSizedFrame = 640;        // automatic range: short range up to this longest side
// Smallest face (network pixels) the full-range model still finds reliably; sets the tile size.
constexpr float kSmallestFaceInFullRangeInput = 10.0f;
// A face cut by a tile edge often comes back as a smaller box that stops short of the edge, so
// anything within half its size of an inner edge is left to a tile where it sits well inside
// (the quarter-tile overlap guarantees one for the faces a level is responsible for).
bool near_inner_edge(const Detection& d, const Tile& tile, int frame_width, int frame_height) {
  const float margin = 0.5f * std::max(d.width, d.height);
  return (tile.x > 0 && d.x < tile.x + margin) || (tile.y > 0 && d.y < tile.y + margin) ||
         (tile.x + tile.width < frame_width && d.x + d.width > tile.x + tile.width - margin) ||
         (tile.y + tile.height < frame_height && d.y + d.height > tile.y + tile.height - margin);
}

}  // namespace

Status FaceDetector::network_create(const nn::Model& model, const AnchorOptions& anchors, int threads, Network& out) {
  nn::EngineOptions engine_options;
  engine_options.threads = threads;
  if (Status s = nn::Engine::create(model, engine_options, out.engine); !s.ok()) return s.prefix(model.name);
  const nn::Shape& in = out.engine->input_shape();
  if (in.size() != 4 || in[1] != anchors.input_size || in[2] != anchors.input_size || in[3] != 3) {
    return Status::error(model.name + ": input " + nn::shape_string(in) + " is not the expected BlazeFace input");
  }
  out.anchors = ssd_anchors(anchors);
  const nn::Shape expected_regressors = {1, static_cast<int>(out.anchors.size()), kBlazeFaceValuesPerAnchor};
  const nn::Shape expected_scores = {1, static_cast<int>(out.anchors.size()), 1};
  if (out.engine->output_count() != 2 || out.engine->output_shape(0) != expected_regressors ||
      out.engine->output_shape(1) != expected_scores) {
    return Status::error(model.name + ": outputs are not regressors " + nn::shape_string(expected_regressors) +
                         " and classificators " + nn::shape_string(expected_scores));
  }
  out.input_size = anchors.input_size;
  return {};
}

Status FaceDetector::create(const nn::Model* short_range, const nn::Model* full_range, const DetectorOptions& options,
                            std::unique_ptr<FaceDetector>& out) {
  if (options.range == DetectorRange::short_range && !short_range) return Status::error("short range requested without its model");
  if (options.range == DetectorRange::full_range && !full_range) return Status::error("full range requested without its model");
  if (!short_range && !full_range) return Status::error("no detector model given");
  std::unique_ptr<FaceDetector> detector(new FaceDetector(options));
  if (short_range) {
    if (Status s = network_create(*short_range, anchor_options_short_range(), options.threads, detector->short_range_); !s.ok()) return s;
  }
  if (full_range) {
    if (Status s = network_create(*full_range, anchor_options_full_range(), options.threads, detector->full_range_); !s.ok()) return s;
  }
  out = std::move(detector);
  return {};
}

// One pass over `frame` (a tile view whose top-left is at tile_x, tile_y in the whole frame); its
// detections are appended to `found`.
Status FaceDetector::detect_in(Network& network, const ImageView& frame, int tile_x, int tile_y, std::vector<Detection>& found) {
  const nn::InputSpec& pre = network.engine->model().preprocessing;
  const int size = network.input_size;
  Letterbox box;
  const TensorView input = tensor_view(network.engine->input(), size, size, 3);
  // Pad with black, as a letterboxed camera frame would look: pixel 0 after normalisation.
  const ImageStatus status = letterbox_to_tensor(frame, input, Normalization{pre.scale, pre.offset}, pre.offset, &box);
  if (status != ImageStatus::ok) return Status::error(std::string("letterbox: ") + image_status_name(status));
  network.engine->run();
  const size_t first = found.size();
  blazeface_decode(network.engine->output(0), network.engine->output(1), network.anchors, static_cast<float>(size),
                   options_.score_threshold, found);
  for (size_t i = first; i < found.size(); ++i) {
    Detection& d = found[i];
    const auto to_x = [&](float v) { return static_cast<float>(box.to_frame_x(v * size)) + tile_x; };
    const auto to_y = [&](float v) { return static_cast<float>(box.to_frame_y(v * size)) + tile_y; };
    const float right = to_x(d.x + d.width), bottom = to_y(d.y + d.height);
    d.x = to_x(d.x), d.y = to_y(d.y);
    d.width = right - d.x, d.height = bottom - d.y;
    for (Point2& p : d.keypoints) p = {to_x(p.x), to_y(p.y)};
  }
  return {};
}

// The full-range model once more, on the whole photo inside a grey margin; only the detections that
// reach the photo's edge are kept (detect/edge_faces.h).
Status FaceDetector::detect_edge_faces(const ImageView& frame, std::vector<Detection>& found) {
  const ImageStatus drawn = edge_canvas(frame, full_range_.input_size, kEdgeMarginShare, edge_canvas_);
  if (drawn != ImageStatus::ok) return Status::error(std::string("edge canvas: ") + image_status_name(drawn));
  const size_t first = found.size();
  if (Status s = detect_in(full_range_, edge_canvas_.image.view(), 0, 0, found); !s.ok()) return s;
  for (size_t i = first; i < found.size(); ++i) found[i] = edge_canvas_to_frame(found[i], edge_canvas_);
  found.erase(std::remove_if(found.begin() + first, found.end(),
                             [&](const Detection& d) { return !reaches_frame_edge(d, frame.width, frame.height, kEdgeTolerance); }),
              found.end());
  return {};
}

Status FaceDetector::detect(const ImageView& frame, std::vector<Detection>& faces) {
  faces.clear();
  if (image_check(frame) != ImageStatus::ok) return Status::error(std::string("frame: ") + image_status_name(image_check(frame)));
  DetectorRange range = options_.range;
  if (range == DetectorRange::automatic) {
    const bool camera_sized = std::max(frame.width, frame.height) <= kCameraSizedFrame;
    range = (camera_sized && short_range_.engine) || !full_range_.engine ? DetectorRange::short_range : DetectorRange::full_range;
  }
  std::vector<Detection>& found = found_;
  found.clear();
  if (range == DetectorRange::short_range) {
    if (Status s = detect_in(short_range_, frame, 0, 0, found); !s.ok()) return s;
  } else {
    const std::vector<Tile> tiles = detection_tiles(frame.width, frame.height, options_.min_face_size, full_range_.input_size,
                                                    kSmallestFaceInFullRangeInput);
    for (const Tile& tile : tiles) {
      ImageView view;
      if (image_subview(frame, tile.x, tile.y, tile.width, tile.height, &view) != ImageStatus::ok) return Status::error("bad tile");
      const size_t first = found.size();
      if (Status s = detect_in(full_range_, view, tile.x, tile.y, found); !s.ok()) return s;
      found.erase(std::remove_if(found.begin() + first, found.end(),
                                 [&](const Detection& d) { return near_inner_edge(d, tile, frame.width, frame.height); }),
                  found.end());
    }
    // The full-range model misses some faces that fill much of the photo; the short-range model
    // is made for those, and one whole-frame pass costs little next to the tiles.
    if (short_range_.engine) {
      if (Status s = detect_in(short_range_, frame, 0, 0, found); !s.ok()) return s;
    }
    if (Status s = detect_edge_faces(frame, found); !s.ok()) return s;
  }
  weighted_nms(found, options_.nms_threshold);
  found.erase(std::remove_if(found.begin(), found.end(),
                             [&](const Detection& d) { return std::max(d.width, d.height) < options_.min_face_size; }),
              found.end());
  // Several passes (full range only) can leave nested boxes on one face.
  if (range == DetectorRange::full_range) drop_nested(found, kNestedFaceShare);
  for (const Detection& d : found) faces.push_back(face_box(d));
  if (options_.max_faces > 0 && faces.size() > static_cast<size_t>(options_.max_faces)) faces.resize(options_.max_faces);
  return {};
}

}  // namespace emolens::detect
