// Errors as values: a Status is either ok or carries a message naming what went wrong, and a
// code (a stable word such as "corrupt_image") that the JS API turns into a typed error.
#pragma once
#include <string>
#include <utility>

namespace emolens {

class Status {
 public:
  Status() = default;                                                  // ok
  static Status ok_status() { return Status(); }                       // ok, spelled out
  static Status error(std::string message) {                           // failure with a message
    return error("internal", std::move(message));
  }
  static Status error(std::string code, std::string message) {         // failure with a code and a message
    Status s;
    s.failed_ = true;
    s.code_ = std::move(code);
    s.message_ = std::move(message);
    return s;
  }
  bool ok() const { return !failed_; }                                 // true when nothing went wrong
  const std::string& message() const { return message_; }              // empty when ok
  const std::string& code() const { return code_; }                    // empty when ok, "internal" unless given
  Status& prefix(const std::string& context) {                         // "context: message", for nesting
    if (failed_) message_ = context + ": " + message_;
    return *this;
  }

 private:
  bool failed_ = false;
  std::string code_;
  std::string message_;
};

}  // namespace emolens
