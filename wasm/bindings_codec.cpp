// Image decoding for JS (embind): JPEG/PNG bytes → RGBA pixels with the decoder analyzeImage uses,
// so tools that draw on a photo or feed it to other libraries see the same pixels emolens saw.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "emolens.h"
#include "js_error.h"

using emscripten::val;

namespace {

// {data: Uint8Array (RGBA upright, a copy outside the wasm heap), width, height, orientation} or
// {error: {code, message}}.
val decode_image(const std::string& bytes, double max_pixels) {
  emolens::ImageLimits limits;
  limits.max_pixels = static_cast<int64_t>(max_pixels);
  emolens::Image rgba;
  const emolens::DecodeResult decoded =
      emolens::image_decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), limits, rgba);
  val out = val::object();
  if (decoded.error != emolens::DecodeError::none) {
    const emolens::Status status = emolens::js::decode_status(decoded);
    val error = val::object();
    error.set("code", status.code());
    error.set("message", status.message());
    out.set("error", error);
    return out;
  }
  const size_t size = static_cast<size_t>(rgba.width()) * rgba.height() * 4;
  out.set("data", val::global("Uint8Array").new_(emscripten::typed_memory_view(size, rgba.view().data)));
  out.set("width", rgba.width());
  out.set("height", rgba.height());
  out.set("orientation", decoded.orientation);  // the EXIF orientation applied (1 = as stored)
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(emolens_codec) {
  emscripten::function("decodeImage", &decode_image);
}
