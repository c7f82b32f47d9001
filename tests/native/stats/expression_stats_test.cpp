#include <catch2/catch.hpp>

#include "stats/expression_stats.h"

using namespace emolens;

namespace {
constexpr int kHappy = 3, kSad = 4, kNeutral = 6;
}

TEST_CASE("histograms count frames and hold each label until the next sample", "[stats]") {
  for (int fps : {15, 30}) {
    ExpressionStats stats;
    // Track 1: happy for 2 s then sad for 1 s. Track 2: neutral for 1 s.
    for (int frame = 0; frame <= 3 * fps; ++frame) {
      const double t = 1000.0 * frame / fps;
      REQUIRE(stats.record(1, t < 2000 ? kHappy : kSad, t).ok());
      if (frame <= fps) REQUIRE(stats.record(2, kNeutral, t).ok());
    }
    INFO(fps << " fps");
    const LabelHistogram* one = stats.track(1);
    REQUIRE(one != nullptr);
    CHECK(one->counts[kHappy] == 2 * fps);
    CHECK(one->counts[kSad] == fps + 1);
    CHECK(one->seconds[kHappy] == Approx(2.0));
    CHECK(one->seconds[kSad] == Approx(1.0));  // the last sample has not been held yet
    CHECK(stats.track(2)->seconds[kNeutral] == Approx(1.0));
    CHECK(stats.session().total_count() == 4 * fps + 2);
    CHECK(stats.session().total_seconds() == Approx(4.0));
    CHECK(stats.session().seconds[kNeutral] == Approx(1.0));
  }
}

TEST_CASE("stats credit no time across a long gap, forget tracks, reset and refuse bad input", "[stats]") {
  ExpressionStats stats(500);
  REQUIRE(stats.record(7, kHappy, 0).ok());
  REQUIRE(stats.record(7, kHappy, 100).ok());
  REQUIRE(stats.record(7, kSad, 2100).ok());  // lost for 2 s: not held as happy
  REQUIRE(stats.record(7, kSad, 2200).ok());
  CHECK(stats.track(7)->seconds[kHappy] == Approx(0.1));
  CHECK(stats.track(7)->seconds[kSad] == Approx(0.1));

  CHECK_FALSE(stats.record(7, kSad, 2200).ok());
  CHECK_FALSE(stats.record(7, kEmotionCount, 2300).ok());
  CHECK_FALSE(stats.record(7, -1, 2300).ok());
  CHECK(stats.track(7)->total_count() == 4);

  stats.reset();
  CHECK(stats.session().total_count() == 0);
  CHECK(stats.track_count() == 0);
}

TEST_CASE("only the most recently seen tracks keep a histogram; the session keeps everyone's share", "[stats]") {
  ExpressionStats stats(500, 3);
  for (int id = 1; id <= 3; ++id) REQUIRE(stats.record(id, kHappy, id * 10.0).ok());
  REQUIRE(stats.record(1, kSad, 40).ok());     // track 1 is seen again: track 2 is now the least recent
  REQUIRE(stats.record(4, kNeutral, 50).ok()); // a fourth track: track 2's histogram goes
  CHECK(stats.track_count() == 3);
  CHECK(stats.track(2) == nullptr);
  CHECK(stats.track_ids() == std::vector<int>{1, 3, 4});
  CHECK(stats.track(1)->total_count() == 2);
  CHECK(stats.session().total_count() == 5);
  CHECK(stats.session().counts[kHappy] == 3);
}
