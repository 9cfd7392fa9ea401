#include "core/grade/rank_correlation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sdlab {
namespace {

TEST(KendallTauBTest, IdenticalOrderIsOne) {
  EXPECT_DOUBLE_EQ(*KendallTauB({1, 2, 3, 4, 5}, {10, 20, 30, 40, 50}), 1.0);
}

TEST(KendallTauBTest, ReversedOrderIsMinusOne) {
  EXPECT_DOUBLE_EQ(*KendallTauB({1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}), -1.0);
}

TEST(KendallTauBTest, OneSwapOfFive) {
  // 10 pairs, one discordant: (9 - 1) / 10.
  EXPECT_DOUBLE_EQ(*KendallTauB({1, 2, 3, 4, 5}, {2, 1, 3, 4, 5}), 0.8);
}

TEST(KendallTauBTest, TiesUseTheTauBDenominator) {
  // x = 1 2 2 3, y = 1 2 3 4: pairs 6, tied in x 1, tied in y 0; C = 5, D = 0.
  // tau-b = 5 / sqrt(5 * 6).
  EXPECT_NEAR(*KendallTauB({1, 2, 2, 3}, {1, 2, 3, 4}), 5.0 / std::sqrt(30.0), 1e-12);
}

TEST(KendallTauBTest, TiesInBothSamples) {
  // 10 pairs, one tied in x (8, 8), none in y; 9 concordant: 9 / sqrt(9 * 10).
  EXPECT_NEAR(*KendallTauB({12, 8, 8, 7, 5}, {5, 4, 3, 2, 1}), 9.0 / std::sqrt(90.0), 1e-12);
  // 6 pairs: 2 tied in x, 2 tied in y, 1 concordant, 1 discordant: 0.
  EXPECT_NEAR(*KendallTauB({1, 1, 2, 2}, {1, 2, 1, 2}), 0.0, 1e-12);
}

TEST(KendallTauBTest, UndefinedCasesAreNullopt) {
  EXPECT_FALSE(KendallTauB({}, {}).has_value());
  EXPECT_FALSE(KendallTauB({1}, {1}).has_value());
  EXPECT_FALSE(KendallTauB({1, 2}, {1}).has_value());
  EXPECT_FALSE(KendallTauB({3, 3, 3}, {1, 2, 3}).has_value());
}

}  // namespace
}  // namespace sdlab
