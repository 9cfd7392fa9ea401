#include "core/output_text.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace sdlab {
namespace {

TEST(SanitizeOutputTest, PlainTextIsUnchanged) {
  EXPECT_EQ(SanitizeOutput("Water -(+)-> Outflow\n\tindented: a: b\n"),
            "Water -(+)-> Outflow\n\tindented: a: b\n");
  EXPECT_EQ(SanitizeOutput("Wasserstand \xc3\xa4 \xe2\x88\x92 \xf0\x9f\x92\xa7"),
            "Wasserstand \xc3\xa4 \xe2\x88\x92 \xf0\x9f\x92\xa7");
}

TEST(SanitizeOutputTest, ControlCharactersAreEscaped) {
  EXPECT_EQ(SanitizeOutput("a\x1b[2Jb\a\bc\rd"), "a\\x1b[2Jb\\x07\\x08c\\x0dd");
  EXPECT_EQ(SanitizeOutput("\x1b]0;owned\x07"), "\\x1b]0;owned\\x07");  // OSC title
  EXPECT_EQ(SanitizeOutput("x\x7fy"), "x\\u007fy");
  EXPECT_EQ(SanitizeOutput("csi \xc2\x9b"
                           "31m"),
            "csi \\u009b31m");
  EXPECT_EQ(SanitizeOutput("\xe2\x80\xae"
                           "gnp.exe"),
            "\\u202egnp.exe");
}

TEST(SanitizeOutputTest, InvalidUtf8BytesAreEscaped) {
  EXPECT_EQ(SanitizeOutput("a\xff"
                           "b\xc3"),
            "a\\xffb\\xc3");
  EXPECT_EQ(SanitizeOutput("\xc0\xaf"), "\\xc0\\xaf");  // overlong '/'
}

TEST(SanitizeOutputTest, NoLineStartsAWorkflowCommand) {
  EXPECT_EQ(SanitizeOutput("::error title=forged::x"), "\\x3a:error title=forged::x");
  EXPECT_EQ(SanitizeOutput("lab: x\n::add-mask::y\n"), "lab: x\n\\x3a:add-mask::y\n");
  // The runner trims white space, including Unicode's, before it looks.
  EXPECT_EQ(SanitizeOutput("a\n  \t::stop-commands::t"), "a\n  \t\\x3a:stop-commands::t");
  EXPECT_EQ(SanitizeOutput("\xc2\xa0::error::"), "\xc2\xa0\\x3a:error::");
  // Mid-line `::` and a single leading colon are left alone.
  EXPECT_EQ(SanitizeOutput("loop a::b\n:x\n"), "loop a::b\n:x\n");
  // The older `##[command]` form is acted on anywhere in a line.
  EXPECT_EQ(SanitizeOutput("name ##[add-mask]s ###[x"), "name ##\\x5badd-mask]s ###\\x5bx");
}

TEST(SanitizeControlsTest, KeepsLineStartsAndEscapesControls) {
  EXPECT_EQ(SanitizeControls("::error file=a.yaml::x\x1b[2J %0A ##[y\n"),
            "::error file=a.yaml::x\\x1b[2J %0A ##\\x5by\n");
}

TEST(SanitizeOutputTest, IsIdempotent) {
  const std::string hostile = "x\n::error::\x1b]0;t\x07\xc2\x9b\xff ##[set-output]\r\n";
  const std::string once = SanitizeOutput(hostile);
  EXPECT_EQ(SanitizeOutput(once), once);
}

TEST(SanitizeOutputTest, JsonStaysValid) {
  // JSON writers escape C0 controls; a C1 control comes out as its JSON escape.
  EXPECT_EQ(SanitizeOutput("{\"name\": \"a\\u001b\xc2\x9b\"}\n"),
            "{\"name\": \"a\\u001b\\u009b\"}\n");
}

TEST(OutputSanitizerTest, PiecesGiveTheSameTextAsTheWhole) {
  const std::string text =
      "ok\n:"
      ":error\xc2\x9b \xe2\x88\x92 ##[x\n:y";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    OutputSanitizer sanitizer;
    std::string out;
    sanitizer.Feed(std::string_view(text).substr(0, cut), &out);
    sanitizer.Feed(std::string_view(text).substr(cut), &out);
    sanitizer.Finish(&out);
    EXPECT_EQ(out, SanitizeOutput(text)) << "cut at " << cut;
  }
}

TEST(SanitizingStreambufTest, SanitizesAStreamAndPassesRawBytes) {
  std::ostringstream target;
  {
    SanitizingStreambuf buffer(target.rdbuf());
    std::ostream out(&buffer);
    out << "name: "
        << "x\n:" << ':' << "error\x1b[31m\n";
    WriteUnsanitized(out, "\r\x1b[K");
    out << "done\n";
  }
  EXPECT_EQ(target.str(), "name: x\n\\x3a:error\\x1b[31m\n\r\x1b[Kdone\n");
}

TEST(SanitizingStreambufTest, WriteUnsanitizedOnAPlainStreamWritesTheBytes) {
  std::ostringstream out;
  WriteUnsanitized(out, std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(out.str(), std::string("\x89PNG\r\n\x1a\n", 8));
}

}  // namespace
}  // namespace sdlab
