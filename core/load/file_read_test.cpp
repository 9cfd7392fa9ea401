#include "core/load/file_read.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sdlab {
namespace {

TEST(ReadCappedFile, ReadsTheWholeFileUpToTheCap) {
  const std::string path = testing::MakeTempDir() + "/ten.txt";
  testing::WriteFile(path, std::string("0123456789"));
  Diagnostics diagnostics;
  EXPECT_EQ(ReadCappedFile(path, 10, diagnostics), std::optional<std::string>("0123456789"));
  EXPECT_TRUE(diagnostics.items().empty());
}

TEST(ReadCappedFile, KeepsBinaryBytesAndReadsPastOneChunk) {
  const std::string path = testing::MakeTempDir() + "/big.bin";
  std::string bytes(70000, 'x');
  bytes[5] = '\0';
  bytes[69999] = '\r';
  testing::WriteFile(path, bytes);
  Diagnostics diagnostics;
  EXPECT_EQ(ReadCappedFile(path, bytes.size(), diagnostics), std::optional<std::string>(bytes));
}

TEST(ReadCappedFile, RefusesAFileOverTheCap) {
  const std::string path = testing::MakeTempDir() + "/eleven.txt";
  testing::WriteFile(path, "01234567890");
  Diagnostics diagnostics;
  EXPECT_FALSE(ReadCappedFile(path, 10, diagnostics).has_value());
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].message, "file is too large (more than 10 bytes)");
  EXPECT_FALSE(diagnostics.items()[0].location.known());
}

TEST(ReadCappedFile, SaysWhyAFileCannotBeRead) {
  Diagnostics diagnostics;
  EXPECT_FALSE(ReadCappedFile("/nonexistent/x.txt", 10, diagnostics).has_value());
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].message,
            "cannot read '/nonexistent/x.txt': No such file or directory");
}

}  // namespace
}  // namespace sdlab
