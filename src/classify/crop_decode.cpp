#include "classify/crop_decode.h"

#include "image/color.h"
#include "image/resize.h"

namespace emolens {

CropDecodeResult crop_decode(const uint8_t* bytes, size_t size, int side, const ImageLimits& limits,
                             CropBuffers& buffers, Image& out) {
  CropDecodeResult result;
  result.decode = image_decode(bytes, size, limits, buffers.rgba);
  if (result.decode.error != DecodeError::none) return result;
  const ImageView rgba = buffers.rgba.view();
  const bool resize = rgba.width != side || rgba.height != side;
  Image& grey = resize ? buffers.grey : out;
  result.image = grey.reset(rgba.width, rgba.height, PixelFormat::grey, limits);
  if (result.image == ImageStatus::ok) result.image = convert_color(rgba, grey.view());
  if (result.image != ImageStatus::ok || !resize) return result;
  result.image = out.reset(side, side, PixelFormat::grey);
  if (result.image == ImageStatus::ok) result.image = resize_bilinear(grey.view(), out.view());
  return result;
}

}  // namespace emolens
