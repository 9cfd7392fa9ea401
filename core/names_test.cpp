#include "core/names.h"

#include <gtest/gtest.h>

namespace sdlab {
namespace {

TEST(NormalizeName, CaseSpacesAndUnderscoresAreEquivalent) {
  EXPECT_EQ(NormalizeName("Request Queue"), "request_queue");
  EXPECT_EQ(NormalizeName("request_queue"), "request_queue");
  EXPECT_EQ(NormalizeName("  REQUEST __  queue "), "request_queue");
  EXPECT_EQ(NormalizeName("Flow\n2"), "flow_2");
}

TEST(NormalizeName, KeepsNonAsciiBytes) { EXPECT_EQ(NormalizeName("Café Load"), "café_load"); }

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("stok", "stocks"), 2u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

TEST(DidYouMean, SuggestsTheClosePlausibleCandidate) {
  std::vector<std::string> keys = {"stocks", "flows", "auxiliaries", "constants", "lookups", "sim"};
  EXPECT_EQ(DidYouMean("stok", keys), "did you mean 'stocks'?");
  EXPECT_EQ(DidYouMean("flow", keys), "did you mean 'flows'?");
  EXPECT_EQ(DidYouMean("zebra_crossing", keys), "");
}

TEST(IsValidUtf8, AcceptsUtf8AndLocatesTheFirstBadByte) {
  std::size_t bad = 0;
  EXPECT_TRUE(IsValidUtf8("plain \xE2\x88\x92 minus", &bad));
  EXPECT_FALSE(IsValidUtf8("ab\xC3(", &bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80", &bad));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF", &bad));      // overlong '/'
}

}  // namespace
}  // namespace sdlab
