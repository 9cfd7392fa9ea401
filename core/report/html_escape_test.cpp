#include "core/report/html_escape.h"

#include <gtest/gtest.h>

namespace sdlab {
namespace {

TEST(EscapeHtmlTest, EscapesMarkupAndQuotes) {
  EXPECT_EQ(EscapeHtml("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
}

TEST(EscapeHtmlTest, KeepsUtf8AndReplacesControlsAndInvalidBytes) {
  EXPECT_EQ(EscapeHtml("Größe → τ"), "Größe → τ");
  EXPECT_EQ(EscapeHtml(std::string("a\x01"
                                   "b\x7f"
                                   "c\xff"
                                   "d\n\te")),
            "a?b?c?d\n\te");
}

TEST(Base64EncodeTest, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

}  // namespace
}  // namespace sdlab
