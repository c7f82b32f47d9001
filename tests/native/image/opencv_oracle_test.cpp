// The comparisons against OpenCV (the image ops vs cv::, crop_decode, the Haar baseline) are
// compiled only when tests/CMakeLists.txt finds it: this test makes a build without them fail
// unless it says that is meant (-DEMOLENS_WITHOUT_OPENCV=ON).
#include <catch2/catch.hpp>

#ifdef EMOLENS_TEST_HAVE_OPENCV
#include <opencv2/core/version.hpp>
#endif

TEST_CASE("the OpenCV oracle is built in", "[image][opencv]") {
#if defined(EMOLENS_TEST_HAVE_OPENCV)
  INFO("the tolerances of the image-op comparisons were set against OpenCV 4's conventions, found " CV_VERSION);
  CHECK(CV_VERSION_MAJOR >= 4);
#elif defined(EMOLENS_TEST_WITHOUT_OPENCV)
  WARN("skipped: built with EMOLENS_WITHOUT_OPENCV, so nothing is compared against OpenCV");
#else
  FAIL("OpenCV was not found at configure time, so no image op is compared against it: install libopencv-dev "
       "(scripts/install.sh) or configure with -DEMOLENS_WITHOUT_OPENCV=ON to build without the comparisons");
#endif
}
