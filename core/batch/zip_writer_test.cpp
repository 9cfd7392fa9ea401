#include "core/batch/zip_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::HasSubstr;

TEST(Crc32Test, MatchesTheStandardCheckValue) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926ul);
  EXPECT_EQ(Crc32(""), 0ul);
}

TEST(ZipWriterTest, TheSameEntriesGiveTheSameBytes) {
  const std::vector<ZipEntry> entries = {{"a.txt", "alpha\n", false},
                                         {"b/run", "#!/bin/sh\n", true}};
  EXPECT_EQ(WriteZip(entries), WriteZip(entries));
  // Local header, central directory header, end record.
  const std::string zip = WriteZip(entries);
  EXPECT_EQ(zip.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(zip.substr(zip.size() - 22, 4), std::string("PK\x05\x06", 4));
}

TEST(ZipWriterTest, UnzipReadsBackContentsAndPermissions) {
  if (!std::filesystem::exists("/usr/bin/unzip")) {
    GTEST_SKIP() << "/usr/bin/unzip is not installed (Debian: apt-get install unzip)";
  }
  const std::string dir = testing::MakeTempDir();
  const std::string binary(std::string("\x00\xff\x01zip", 6));
  testing::WriteFile(dir + "/test.zip", WriteZip({{"setup.sh", "#!/bin/sh\necho hi\n", true},
                                                  {"source/rubric.yaml", "lab: x\n", false},
                                                  {"data.bin", binary, false}}));
  const std::string out = dir + "/out";
  ASSERT_EQ(std::system(("unzip -q " + testing::ShellQuote(dir + "/test.zip") + " -d " +
                         testing::ShellQuote(out))
                            .c_str()),
            0);
  EXPECT_EQ(testing::ReadFileOrDie(out + "/setup.sh"), "#!/bin/sh\necho hi\n");
  EXPECT_EQ(testing::ReadFileOrDie(out + "/source/rubric.yaml"), "lab: x\n");
  EXPECT_EQ(testing::ReadFileOrDie(out + "/data.bin"), binary);
  namespace fs = std::filesystem;
  EXPECT_NE(fs::status(out + "/setup.sh").permissions() & fs::perms::owner_exec, fs::perms::none);
  EXPECT_EQ(fs::status(out + "/source/rubric.yaml").permissions() & fs::perms::owner_exec,
            fs::perms::none);
  // unzip's own integrity test checks every CRC.
  ASSERT_EQ(std::system(("unzip -tq " + testing::ShellQuote(dir + "/test.zip") + " > " +
                         testing::ShellQuote(dir + "/t.log"))
                            .c_str()),
            0);
  EXPECT_THAT(testing::ReadFileOrDie(dir + "/t.log"), HasSubstr("No errors detected"));
}

}  // namespace
}  // namespace sdlab
