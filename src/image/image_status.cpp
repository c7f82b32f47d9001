#include "image/image_status.h"

namespace emolens {

const char* image_status_name(ImageStatus status) {
  switch (status) {
    case ImageStatus::ok: return "ok";
    case ImageStatus::null_data: return "null_data";
    case ImageStatus::bad_size: return "bad_size";
    case ImageStatus::bad_stride: return "bad_stride";
    case ImageStatus::bad_format: return "bad_format";
    case ImageStatus::too_large: return "too_large";
    case ImageStatus::out_of_memory: return "out_of_memory";
    case ImageStatus::bad_transform: return "bad_transform";
  }
  return "unknown";
}

}  // namespace emolens
