// Fuzzes the photo decoding path (codec/image_decode: stb_image behind our header checks) with any
// bytes a user could drop on the page. A decoded image must respect the pixel limit and be fully
// readable; a refused one must say why and leave the output empty.
#include <cstdint>
#include <cstdlib>

#include "codec/image_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  emolens::ImageLimits limits;
  limits.max_pixels = int64_t{4} << 20;  // 16 MB of RGBA at most, so the fuzzer explores rather than allocates
  emolens::Image image;
  const emolens::DecodeResult result = emolens::image_decode(data, size, limits, image);
  if (result.error != emolens::DecodeError::none) {
    if (result.message.empty() || !image.empty()) std::abort();
    for (char c : result.message)  // shown to people and encoded as JSON: printable ASCII only
      if (c < 0x20 || c > 0x7E) std::abort();
    return 0;
  }
  const emolens::ImageView view = image.view();
  if (view.width < 1 || view.height < 1 || int64_t{view.width} * view.height > limits.max_pixels) std::abort();
  // Touch the first and the last pixel: the buffer must hold every row.
  volatile uint8_t sink = view.data[0];
  sink = view.row(view.height - 1)[view.width * 4 - 1];
  (void)sink;
  return 0;
}
