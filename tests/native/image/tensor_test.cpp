#include <catch2/catch.hpp>

#include <vector>

#include "image/tensor.h"
#include "image_test_util.h"

using namespace emolens;

TEST_CASE("image_to_tensor normalises NHWC and drops alpha", "[image][tensor]") {
  test::TestImage rgba(3, 2, PixelFormat::rgba, 5);
  rgba.randomize(21);
  const Normalization norm{1.0f / 127.5f, -1.0f};
  std::vector<float> tensor(3 * 2 * 3);
  REQUIRE(image_to_tensor(rgba.view, tensor_view(tensor.data(), 3, 2, 3), norm) == ImageStatus::ok);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 3; ++x)
      for (int c = 0; c < 3; ++c)
        CHECK(tensor[(y * 3 + x) * 3 + c] == Approx(rgba.view.row(y)[x * 4 + c] / 127.5 - 1.0).margin(1e-6));

  test::TestImage grey(3, 2, PixelFormat::grey);
  grey.randomize(22);
  REQUIRE(image_to_tensor(grey.view, tensor_view(tensor.data(), 3, 2, 1), Normalization{}) == ImageStatus::ok);
  CHECK(tensor[4] == Approx(grey.view.row(1)[1] / 255.0));

  CHECK(image_to_tensor(grey.view, tensor_view(tensor.data(), 3, 2, 3), norm) == ImageStatus::bad_format);
  CHECK(image_to_tensor(grey.view, tensor_view(tensor.data(), 2, 2, 1), norm) == ImageStatus::bad_size);
  TensorView short_rows = tensor_view(tensor.data(), 3, 2, 1);
  short_rows.row_stride = 2;
  CHECK(image_to_tensor(grey.view, short_rows, norm) == ImageStatus::bad_stride);
}
