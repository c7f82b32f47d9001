// A face crop's image file as the classifier's input: decoded (JPEG/PNG, EXIF orientation applied),
// made grey (cv::cvtColor's weights) and resized bilinearly (cv::resize INTER_LINEAR) to side x side,
// the same steps training applied to its crops.
#pragma once
#include <cstddef>
#include <cstdint>

#include "codec/image_decode.h"
#include "image/image.h"
#include "image/image_status.h"

namespace emolens {

struct CropDecodeResult {
  DecodeResult decode;                  // the decoder's failure (decode.error != none), if any
  ImageStatus image = ImageStatus::ok;  // a failure after a good decode (grey conversion or resize)
  bool ok() const { return decode.error == DecodeError::none && image == ImageStatus::ok; }
};

struct CropBuffers {  // the intermediate images; keep one across calls to reuse their memory
  Image rgba, grey;
};

// Decodes `bytes` into `out`, a side x side grey image. A crop already side x side is not resampled.
CropDecodeResult crop_decode(const uint8_t* bytes, size_t size, int side, const ImageLimits& limits,
                             CropBuffers& buffers, Image& out);

}  // namespace emolens
