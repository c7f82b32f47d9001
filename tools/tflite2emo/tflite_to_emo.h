// Maps a TFLite graph onto our op set: DEQUANTIZE of constant fp16 weights is folded away (the
// weights stay fp16), standalone RELU/RELU6/PRELU after an op are fused into it, PAD on the
// channel axis becomes pad_channels and PAD on spatial axes is folded into the convolution that
// reads it, "SAME" padding becomes explicit [top, left, bottom, right].
#pragma once
#include <string>
#include <vector>

#include "emo_model.h"
#include "tflite_model.h"

namespace tflite2emo {

struct ConvertResult {
  EmoModel model;
  std::string error;  // empty on success
};

// output_names renames the graph outputs in order (empty keeps the TFLite names).
ConvertResult tflite_to_emo(const TfGraph& graph, const std::vector<std::string>& output_names);

}  // namespace tflite2emo
