// Every error the JS API sees, mapped in one place: a Status as the {"error": {"code", "message"}}
// the bindings return (wasm/emolens.mjs throws it as a typed EmolensError), and the codes given to
// failures that reach the glue as something other than a coded Status. The codes are listed in
// wasm/emolens.d.ts.
#pragma once
#include <string>

#include "emolens.h"

namespace emolens::js {

std::string error_json(const Status& status);                // {"error": {"code", "message"}}
Status decode_status(const DecodeResult& decoded);           // image_too_large | unsupported_format | corrupt_image
Status model_status(const Status& loaded, const char* what); // "invalid_model", the message prefixed by `what`
Status image_status(ImageStatus status, const char* what);   // image_too_large | internal (ok when ok)

}  // namespace emolens::js
