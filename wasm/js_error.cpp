#include "js_error.h"

#include <nlohmann/json.hpp>

namespace emolens::js {

std::string error_json(const Status& status) {
  return nlohmann::json{{"error", {{"code", status.code()}, {"message", status.message()}}}}.dump();
}

Status decode_status(const DecodeResult& decoded) {
  switch (decoded.error) {
    case DecodeError::none: return Status();
    case DecodeError::too_large: return Status::error("image_too_large", decoded.message);
    case DecodeError::empty:
    case DecodeError::unsupported: return Status::error("unsupported_format", decoded.message);
    default: return Status::error("corrupt_image", decoded.message);
  }
}

Status model_status(const Status& loaded, const char* what) {
  if (loaded.ok()) return loaded;
  return Status::error("invalid_model", std::string(what) + ": " + loaded.message());
}

Status image_status(ImageStatus status, const char* what) {
  if (status == ImageStatus::ok) return Status();
  return Status::error(status == ImageStatus::too_large ? "image_too_large" : "internal",
                       std::string(what) + ": " + image_status_name(status));
}

}  // namespace emolens::js
