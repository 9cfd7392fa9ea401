#include "core/names.h"

#include <gtest/gtest.h>

#include <cstdint>

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

TEST(DecodeUtf8, GivesTheLengthAndCodePointOrZero) {
  std::uint32_t code = 0;
  EXPECT_EQ(DecodeUtf8("a", 0, &code), 1u);
  EXPECT_EQ(code, 0x61u);
  EXPECT_EQ(DecodeUtf8("x\xC3\xA9", 1, &code), 2u);  // é
  EXPECT_EQ(code, 0xE9u);
  EXPECT_EQ(DecodeUtf8("\xE2\x88\x92", 0, &code), 3u);  // minus sign
  EXPECT_EQ(code, 0x2212u);
  EXPECT_EQ(DecodeUtf8("\xF0\x9F\x98\x80", 0, &code), 4u);
  EXPECT_EQ(code, 0x1F600u);
  EXPECT_EQ(DecodeUtf8("\xF4\x90\x80\x80", 0), 0u);  // past U+10FFFF
  EXPECT_EQ(DecodeUtf8("\xE0\x80\xAF", 0), 0u);      // overlong
  EXPECT_EQ(DecodeUtf8("\xE2\x88", 0), 0u);          // cut short
  EXPECT_EQ(DecodeUtf8("\xA9", 0), 0u);              // a stray continuation byte
}

TEST(ValidUtf8, ReplacesEachInvalidByteWithAQuestionMark) {
  EXPECT_EQ(ValidUtf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(ValidUtf8("a\xFF\xC3 z"), "a?? z");
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "???");  // a surrogate, byte by byte
  EXPECT_EQ(ValidUtf8(""), "");
}

TEST(IsUtf8Continuation, OnlyTenxxxxxxBytes) {
  EXPECT_TRUE(IsUtf8Continuation('\x80'));
  EXPECT_TRUE(IsUtf8Continuation('\xBF'));
  EXPECT_FALSE(IsUtf8Continuation('a'));
  EXPECT_FALSE(IsUtf8Continuation('\xC3'));
}

TEST(Utf8EncodedLength, OneToFourBytes) {
  EXPECT_EQ(Utf8EncodedLength(0x7F), 1u);
  EXPECT_EQ(Utf8EncodedLength(0x80), 2u);
  EXPECT_EQ(Utf8EncodedLength(0x2212), 3u);
  EXPECT_EQ(Utf8EncodedLength(0x10000), 4u);
}

}  // namespace
TEST(OneLineShortenedTest, FlattensAndCutsOnACharacterBoundary) {
  EXPECT_EQ(OneLineShortened("two\nlines\tand a tab"), "two lines and a tab");
  // "é" is two bytes; a cut inside it backs off to before it.
  EXPECT_EQ(OneLineShortened("abcé", 4), "abc...");
  EXPECT_EQ(OneLineShortened("abcdef", 3), "abc...");
  EXPECT_EQ(OneLineShortened("abc", 3), "abc");
}

}  // namespace sdlab
