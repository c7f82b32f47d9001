// A decoder failure as the Status the JS API turns into a typed EmolensError. Shared by every
// binding that takes file bytes (analyzeImage, classifyImage, decodeImage) so they report alike.
#pragma once
#include "codec/image_decode.h"
#include "core/status.h"

namespace emolens {

inline Status decode_status(const DecodeResult& decoded) {
  switch (decoded.error) {
    case DecodeError::none: return Status();
    case DecodeError::too_large: return Status::error("image_too_large", decoded.message);
    case DecodeError::empty:
    case DecodeError::unsupported: return Status::error("unsupported_format", decoded.message);
    default: return Status::error("corrupt_image", decoded.message);
  }
}

}  // namespace emolens
