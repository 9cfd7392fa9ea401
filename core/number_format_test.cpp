#include "core/number_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

namespace sdlab {
namespace {

TEST(FormatShortest, ReadsBackToTheSameDouble) {
  for (double value : {0.1, 1.0 / 3.0, 1e-300, 123456789.125, -2.5e17, 6.02214076e23}) {
    std::string text = FormatShortest(value);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
  }
  EXPECT_EQ(FormatShortest(0.1), "0.1");
  EXPECT_EQ(FormatShortest(100), "100");
}

TEST(FormatShortest, WritesZeroWithoutSignAndNamesNonFiniteValues) {
  EXPECT_EQ(FormatShortest(-0.0), "0");
  EXPECT_EQ(FormatShortest(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatShortest(-std::numeric_limits<double>::infinity()), "-Inf");
}

TEST(FormatSignificant, KeepsSixSignificantDigitsWithoutTrailingZeros) {
  EXPECT_EQ(FormatSignificant(1234.5678), "1234.57");
  EXPECT_EQ(FormatSignificant(0.5), "0.5");
  EXPECT_EQ(FormatSignificant(15000000), "1.5e+07");
}

}  // namespace
}  // namespace sdlab
