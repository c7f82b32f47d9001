#include <catch2/catch.hpp>

#include "stats/expression_timeline.h"

using namespace emolens;

namespace {

EmotionScores one_hot(int label) {
  EmotionScores probs{};
  probs[label] = 1;
  return probs;
}

}  // namespace

TEST_CASE("timeline averages into bins and keeps only the last window", "[stats]") {
  ExpressionTimeline timeline(60000, 100);
  // 90 s at 30 fps: label 3 for the first 45 s, then label 5.
  for (int frame = 0; frame < 90 * 30; ++frame) {
    const double t = frame * 1000.0 / 30;
    REQUIRE(timeline.push(one_hot(t < 45000 ? 3 : 5), t).ok());
  }
  REQUIRE(timeline.size() == 600);
  const TimelineSample oldest = timeline.sample(0), newest = timeline.sample(timeline.size() - 1);
  CHECK(newest.time_ms == Approx(89900));
  CHECK(oldest.time_ms == Approx(30000));  // the last 60 s
  CHECK(oldest.probs[3] == Approx(1));
  CHECK(newest.probs[5] == Approx(1));
  for (int i = 1; i < timeline.size(); ++i) CHECK(timeline.sample(i).time_ms > timeline.sample(i - 1).time_ms);
}

TEST_CASE("timeline bins hold the mean of several faces, skip gaps and refuse going back", "[stats]") {
  ExpressionTimeline timeline(1000, 100);
  REQUIRE(timeline.push(one_hot(0), 10).ok());
  REQUIRE(timeline.push(one_hot(6), 10).ok());  // a second face, same frame
  REQUIRE(timeline.size() == 1);
  CHECK(timeline.sample(0).probs[0] == Approx(0.5));
  CHECK(timeline.sample(0).probs[6] == Approx(0.5));

  REQUIRE(timeline.push(one_hot(2), 450).ok());  // bins 1-3 stay empty
  CHECK(timeline.size() == 2);
  CHECK(timeline.sample(1).time_ms == Approx(400));
  CHECK_FALSE(timeline.push(one_hot(2), 300).ok());

  REQUIRE(timeline.push(one_hot(2), 1250).ok());  // bin 0 fell out of the 1 s window
  CHECK(timeline.size() == 2);
  CHECK(timeline.sample(0).time_ms == Approx(400));
  timeline.reset();
  CHECK(timeline.size() == 0);
}
