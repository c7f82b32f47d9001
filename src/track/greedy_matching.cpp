#include "track/greedy_matching.h"

#include <algorithm>
#include <tuple>

namespace emolens {

void match_greedily(std::vector<MatchCandidate>& candidates, std::vector<char>& track_taken,
                    std::vector<int>& track_of_detection) {
  std::sort(candidates.begin(), candidates.end(), [](const MatchCandidate& a, const MatchCandidate& b) {
    return std::tie(a.cost, a.track, a.detection) < std::tie(b.cost, b.track, b.detection);
  });
  for (const MatchCandidate& pair : candidates) {
    if (track_taken[pair.track] || track_of_detection[pair.detection] >= 0) continue;
    track_taken[pair.track] = 1;
    track_of_detection[pair.detection] = pair.track;
  }
}

}  // namespace emolens
