// The shared data set (../shared/data, or $EMOLENS_DATA as for the Node tests) and the rule for the
// tests that need it: without the data folder such a test is skipped and says so; with the folder
// there, what the test needs must be in it, or the test fails (a half-copied data set must not
// pass as "skipped").
#pragma once
#include <string>

#include <catch2/catch.hpp>

namespace test_data {

std::string data_dir();   // $EMOLENS_DATA, else <source>/../shared/data
bool data_present();      // data_dir() is a folder
bool exists(const std::string& relative_path);  // data_dir()/relative_path exists

}  // namespace test_data

// Returns from the test (skipped, with a message) when the data folder is absent; fails it when
// the folder is there but `relative_path` is not.
#define TEST_DATA_REQUIRE(relative_path)                                                          \
  do {                                                                                            \
    if (!test_data::data_present()) {                                                             \
      WARN("skipped: " << test_data::data_dir() << " is absent (data lives outside the repository)"); \
      return;                                                                                     \
    }                                                                                             \
    INFO(test_data::data_dir() << " is present but lacks " << (relative_path));                  \
    REQUIRE(test_data::exists(relative_path));                                                    \
  } while (0)
