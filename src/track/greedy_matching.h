// Greedy one-to-one assignment of tracks to detections: the cheapest pair first, then the cheapest
// pair among what is left, and so on.
//
// Why greedy and not Hungarian: after non-maximum suppression, face boxes barely overlap each other,
// so each track has one clearly best detection and the cost matrix is close to diagonal; greedy then
// finds the same assignment as the optimal one, in O(n log n) with no allocation, deterministic and
// short. Hungarian only differs in dense, ambiguous crowds where gating already refuses most pairs.
#pragma once
#include <vector>

namespace emolens {

struct MatchCandidate {
  int track = 0;      // index into the tracker's tracks
  int detection = 0;  // index into this frame's detections
  float cost = 0;     // lower is better (negative IoU, or a normalised distance)
};

// Sorts candidates by cost (ties by track, then detection, so results never depend on input order)
// and accepts each pair whose track and detection are both still free. A taken track is marked in
// track_taken; an accepted pair sets track_of_detection[detection] = track. Entries already taken
// on entry stay untouched, so passes with different costs can run one after another.
void match_greedily(std::vector<MatchCandidate>& candidates, std::vector<char>& track_taken,
                    std::vector<int>& track_of_detection);

}  // namespace emolens
