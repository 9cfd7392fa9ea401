#include "core/batch/batch_runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "test_support.h"

// RunBatch with fake grade functions: order, limits, crashes, threads.
namespace sdlab {
namespace {

namespace fs = std::filesystem;

std::vector<BatchSubmission> Students(int count) {
  std::vector<BatchSubmission> submissions;
  for (int i = 0; i < count; ++i) {
    submissions.push_back(
        {"s" + std::to_string(100 + i), "class/s" + std::to_string(i), "", "", false, "", ""});
  }
  return submissions;
}

GradebookEntry FakeEntry(const BatchSubmission& submission) {
  GradebookEntry entry;
  entry.student_id = submission.student_id;
  entry.submission = submission.path;
  entry.max_score = 10;
  entry.score = static_cast<double>(submission.student_id.back() - '0');
  entry.checks.push_back({"c1", "Check one", CheckStatus::kPartial, Visibility::kVisible,
                          entry.score, 10, "message for " + submission.student_id});
  return entry;
}

std::string AllJson(const std::vector<GradebookEntry>& entries) {
  std::string text;
  for (const GradebookEntry& entry : entries) text += GradebookEntryToJson(entry) + "\n";
  return text;
}

TEST(RunBatchTest, ResultsComeBackInSubmissionOrderWhateverTheJobs) {
  const std::vector<BatchSubmission> submissions = Students(12);
  // The first submission takes far longer than starting every worker (which
  // under ASan on a loaded machine took more than the 180 ms it used to
  // sleep), so with several workers it cannot finish first.
  auto grade = [](const BatchSubmission& submission) {
    const int delay = submission.student_id == "s100" ? 1500 : 10;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    return FakeEntry(submission);
  };
  std::vector<std::string> completion_order;
  auto progress = [&](std::size_t done, std::size_t total, const GradebookEntry& entry) {
    EXPECT_EQ(done, completion_order.size() + 1);
    EXPECT_EQ(total, 12u);
    completion_order.push_back(entry.student_id);
  };
  const std::vector<GradebookEntry> one = RunBatch(submissions, grade, {1, 30, 1024}, progress);
  EXPECT_EQ(completion_order.front(), "s100");
  completion_order.clear();
  const std::vector<GradebookEntry> twelve = RunBatch(submissions, grade, {12, 30, 1024}, progress);
  EXPECT_NE(completion_order.front(), "s100");  // the runs did interleave
  ASSERT_EQ(one.size(), 12u);
  EXPECT_EQ(one[3].student_id, "s103");
  EXPECT_EQ(one[3].score, 3);
  EXPECT_EQ(one[3].checks[0].message, "message for s103");
  EXPECT_EQ(AllJson(one), AllJson(twelve));
}

// A library's short-lived thread holding a lock when the batch forks would
// leave the child waiting on that lock forever (as Pango's fontconfig thread
// did with the allocator's lock under ASan): RunBatch waits for it to end.
TEST(RunBatchTest, WaitsForAThreadThatHoldsALockBeforeForking) {
  static std::mutex lock;
  std::atomic<bool> holding{false};
  std::thread([&holding] {
    std::lock_guard<std::mutex> guard(lock);
    holding = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }).detach();
  while (!holding) std::this_thread::yield();
  EXPECT_EQ(ProcessThreadCount(), 2u);
  auto grade = [](const BatchSubmission& submission) {
    std::lock_guard<std::mutex> guard(lock);  // hangs if the lock came locked
    return FakeEntry(submission);
  };
  const std::vector<GradebookEntry> entries = RunBatch(Students(1), grade, {1, 5, 1024});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_TRUE(entries[0].gradable) << entries[0].not_gradable_reason;
  EXPECT_EQ(ProcessThreadCount(), 1u);
}

TEST(RunBatchTest, ChildrenCanWriteTheirOwnFiles) {
  const std::string dir = testing::MakeTempDir();
  auto grade = [&](const BatchSubmission& submission) {
    testing::WriteFile(dir + "/" + submission.student_id + ".txt", submission.path);
    return FakeEntry(submission);
  };
  RunBatch(Students(3), grade, {2, 30, 1024});
  EXPECT_EQ(testing::ReadFileOrDie(dir + "/s102.txt"), "class/s2");
}

TEST(RunBatchTest, ASubmissionThatLoopsForeverHitsTheTimeLimitAlone) {
  auto grade = [](const BatchSubmission& submission) {
    if (submission.student_id == "s101") {
      for (volatile long spin = 0;; spin = spin + 1) {
      }
    }
    return FakeEntry(submission);
  };
  const std::vector<GradebookEntry> entries = RunBatch(Students(3), grade, {2, 0.5, 1024});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_TRUE(entries[0].gradable);
  EXPECT_FALSE(entries[1].gradable);
  EXPECT_EQ(entries[1].student_id, "s101");
  EXPECT_EQ(entries[1].submission, "class/s1");
  EXPECT_EQ(entries[1].not_gradable_reason, "time limit");
  EXPECT_EQ(entries[1].detail, "grading took longer than 0.5 s");
  EXPECT_TRUE(entries[2].gradable);
  EXPECT_EQ(entries[2].score, 2);
}

TEST(RunBatchTest, ASubmissionThatBlowsMemoryHitsTheMemoryLimitAlone) {
  auto grade = [](const BatchSubmission& submission) {
    if (submission.student_id == "s100") {
      // Up to 4 GB in 1 MB pieces, each touched; the limit stops it first.
      std::vector<char*> pieces;
      for (int i = 0; i < 4096; ++i) {
        char* piece = new char[1 << 20];
        std::memset(piece, i & 0xff, 1 << 20);
        pieces.push_back(piece);
        if (i % 64 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      throw std::runtime_error("the memory limit did not stop the allocation");
    }
    return FakeEntry(submission);
  };
  const std::vector<GradebookEntry> entries = RunBatch(Students(2), grade, {2, 60, 768});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_FALSE(entries[0].gradable);
  EXPECT_EQ(entries[0].not_gradable_reason, "memory limit");
  EXPECT_EQ(entries[0].detail, "grading needed more than 768 MB");
  EXPECT_TRUE(entries[1].gradable);
}

TEST(RunBatchTest, CrashesAndExceptionsAreReportedNotFatal) {
  auto grade = [](const BatchSubmission& submission) -> GradebookEntry {
    if (submission.student_id == "s100") std::abort();
    if (submission.student_id == "s101") throw std::runtime_error("boom");
    if (submission.student_id == "s102") _exit(5);
    return FakeEntry(submission);
  };
  const std::vector<GradebookEntry> entries = RunBatch(Students(4), grade, {2, 30, 1024});
  EXPECT_EQ(entries[0].not_gradable_reason, "crashed");
  EXPECT_EQ(entries[0].detail, "the grader stopped on signal 6 (Aborted)");
  EXPECT_EQ(entries[1].not_gradable_reason, "crashed");
  EXPECT_EQ(entries[1].detail, "the grader failed with an exception");
  EXPECT_EQ(entries[2].detail, "the grader exited with status 5");
  EXPECT_TRUE(entries[3].gradable);
}

TEST(RunBatchTest, AFolderWithNothingToGradeIsReportedWithoutRunning) {
  std::vector<BatchSubmission> submissions = Students(2);
  submissions[0].path.clear();
  submissions[0].problem = "no .yaml file in class/s100";
  auto grade = [](const BatchSubmission& submission) -> GradebookEntry {
    if (submission.path.empty()) std::abort();
    return FakeEntry(submission);
  };
  const std::vector<GradebookEntry> entries = RunBatch(submissions, grade, {1, 30, 1024});
  EXPECT_EQ(entries[0].not_gradable_reason, "no submission file");
  EXPECT_EQ(entries[0].detail, "no .yaml file in class/s100");
  EXPECT_TRUE(entries[1].gradable);
}

TEST(RunBatchTest, LinksAndSkippedEntriesKeepTheirReasonAndAreNeverRun) {
  std::vector<BatchSubmission> submissions = Students(3);
  submissions[0].path.clear();
  submissions[0].reason = kReasonSymlink;
  submissions[0].problem = "class/s100.yaml is a symbolic link to outside the class folder";
  submissions[1].path.clear();
  submissions[1].skipped = true;
  submissions[1].reason = kReasonDotfile;
  submissions[1].problem = "class/.s101 is hidden";
  auto grade = [](const BatchSubmission& submission) -> GradebookEntry {
    if (submission.path.empty()) std::abort();
    return FakeEntry(submission);
  };
  const std::vector<GradebookEntry> entries = RunBatch(submissions, grade, {1, 30, 1024});
  EXPECT_EQ(entries[0].not_gradable_reason, "symbolic link");
  EXPECT_FALSE(entries[0].skipped);
  EXPECT_EQ(entries[1].not_gradable_reason, "dotfile");
  EXPECT_EQ(entries[1].detail, "class/.s101 is hidden");
  EXPECT_TRUE(entries[1].skipped);
  EXPECT_TRUE(entries[2].gradable);
}

}  // namespace
}  // namespace sdlab
