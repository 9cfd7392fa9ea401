// The batch runner: one forked child per submission, a pipe back for its
// gradebook entry, and a parent that enforces the limits. Processes rather
// than threads because a submission can exhaust memory or loop, Graphviz is
// not thread-safe, and a child can be killed without harm to the others.
// Children are forked from the already prepared parent (rubric loaded), so
// starting one costs a fork, not a program start.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>

#include "core/batch/batch_runner.h"

#if defined(__SANITIZE_ADDRESS__)
#define SDLAB_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SDLAB_ADDRESS_SANITIZER 1
#endif
#endif

namespace sdlab {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kOutOfMemoryExit = 86;  // the child's allocation failed
constexpr int kExceptionExit = 87;    // the grade function threw
constexpr std::size_t kMaxResultBytes = std::size_t{16} << 20;
constexpr int kPollMilliseconds = 20;  // how often limits are checked

struct Worker {
  pid_t pid = -1;
  int fd = -1;  // read end of the child's result pipe
  std::size_t index = 0;
  Clock::time_point deadline;
  std::string output;
  std::string killed_for;  // our reason for killing it, if we did
  long baseline_rss_kb = -1;
};

[[noreturn]] void ExitOutOfMemory() { _exit(kOutOfMemoryExit); }

#ifndef SDLAB_ADDRESS_SANITIZER
// The calling process's address space in bytes (0 when /proc cannot say).
std::size_t AddressSpaceBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  if (!(statm >> pages)) return 0;
  return pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}
#endif

bool WriteAll(int fd, const std::string& data) {
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

// Runs in the child: never returns, never runs the parent's exit handlers
// (they would, for example, remove the parent's temporary files).
[[noreturn]] void RunChild(const BatchSubmission& submission, const GradeSubmissionFunction& grade,
                           const BatchLimits& limits, pid_t parent, int fd) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(kExceptionExit);  // the parent is already gone
#ifndef SDLAB_ADDRESS_SANITIZER
  // AddressSanitizer reserves terabytes of address space; there the parent
  // watches the resident size instead. The limit is on what the submission
  // adds to the address space the child starts with (the program and its
  // libraries, mapped but mostly shared): counting those too left a correct
  // submission too little room to draw its diagrams, and Graphviz's text
  // layout aborts rather than report a failed allocation.
  const rlim_t bytes = static_cast<rlim_t>(AddressSpaceBytes()) +
                       (static_cast<rlim_t>(limits.memory_megabytes) << 20);
  const rlimit memory{bytes, bytes};
  setrlimit(RLIMIT_AS, &memory);
#endif
  // A backstop should the parent's clock fail: CPU time a little past the limit.
  const rlim_t cpu = static_cast<rlim_t>(limits.timeout_seconds) + 2;
  const rlimit cpu_limit{cpu, cpu + 1};
  setrlimit(RLIMIT_CPU, &cpu_limit);
  std::set_new_handler(ExitOutOfMemory);
  std::string json;
  try {
    json = GradebookEntryToJson(grade(submission));
  } catch (const std::bad_alloc&) {
    _exit(kOutOfMemoryExit);
  } catch (...) {
    _exit(kExceptionExit);
  }
  _exit(WriteAll(fd, json) ? 0 : kExceptionExit);
}

#ifdef SDLAB_ADDRESS_SANITIZER
long ResidentKilobytes(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  long pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return -1;
  return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}
#endif

std::string Seconds(double seconds) {
  std::ostringstream text;
  text << seconds;
  return text.str();
}

GradebookEntry FailedEntry(const BatchSubmission& submission, std::string reason,
                           std::string detail) {
  GradebookEntry entry;
  entry.student_id = submission.student_id;
  entry.submission = submission.path;
  entry.gradable = false;
  entry.not_gradable_reason = std::move(reason);
  entry.detail = std::move(detail);
  return entry;
}

GradebookEntry Finish(const BatchSubmission& submission, const Worker& worker, int status,
                      const BatchLimits& limits) {
  const std::string timeout = "grading took longer than " + Seconds(limits.timeout_seconds) + " s";
  const std::string memory =
      "grading needed more than " + std::to_string(limits.memory_megabytes) + " MB";
  if (worker.killed_for == kReasonTimeLimit) {
    return FailedEntry(submission, kReasonTimeLimit, timeout);
  }
  if (worker.killed_for == kReasonMemoryLimit) {
    return FailedEntry(submission, kReasonMemoryLimit, memory);
  }
  if (!worker.killed_for.empty()) {
    return FailedEntry(submission, kReasonCrashed, worker.killed_for);
  }
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    if (signal == SIGXCPU) return FailedEntry(submission, kReasonTimeLimit, timeout);
    return FailedEntry(
        submission, kReasonCrashed,
        "the grader stopped on signal " + std::to_string(signal) + " (" + strsignal(signal) + ")");
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == kOutOfMemoryExit) return FailedEntry(submission, kReasonMemoryLimit, memory);
  if (code == kExceptionExit) {
    return FailedEntry(submission, kReasonCrashed, "the grader failed with an exception");
  }
  if (code != 0) {
    return FailedEntry(submission, kReasonCrashed,
                       "the grader exited with status " + std::to_string(code));
  }
  GradebookEntry entry;
  if (!ParseGradebookEntry(worker.output, &entry)) {
    return FailedEntry(submission, kReasonCrashed, "the grader sent no readable result");
  }
  return entry;
}

bool Start(const std::vector<BatchSubmission>& submissions, std::size_t index,
           const GradeSubmissionFunction& grade, const BatchLimits& limits, Worker* worker) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return false;
  std::fflush(nullptr);  // nothing buffered may be written twice
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    close(fds[0]);
    RunChild(submissions[index], grade, limits, parent, fds[1]);
  }
  close(fds[1]);
  fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  worker->pid = pid;
  worker->fd = fds[0];
  worker->index = index;
  worker->output.clear();
  worker->killed_for.clear();
  worker->baseline_rss_kb = -1;
  worker->deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(limits.timeout_seconds));
  return true;
}

void Kill(Worker* worker, std::string reason) {
  if (worker->killed_for.empty()) worker->killed_for = std::move(reason);
  kill(worker->pid, SIGKILL);
}

// Reads what the child has written; returns true at end of file.
bool Drain(Worker* worker) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = read(worker->fd, buffer, sizeof buffer);
    if (n > 0) {
      worker->output.append(buffer, static_cast<std::size_t>(n));
      if (worker->output.size() > kMaxResultBytes) {
        Kill(worker, "the grader's result was larger than 16 MB");
        return true;
      }
      continue;
    }
    if (n == 0) return true;
    if (errno == EINTR) continue;
    return errno != EAGAIN && errno != EWOULDBLOCK;
  }
}

void CheckLimits(Worker* worker, const BatchLimits& limits) {
  if (!worker->killed_for.empty()) return;
  if (Clock::now() >= worker->deadline) {
    Kill(worker, kReasonTimeLimit);
    return;
  }
#ifdef SDLAB_ADDRESS_SANITIZER
  // Growth of the resident size since the child started (a forked child
  // shares the parent's pages, which are not the submission's doing).
  const long rss = ResidentKilobytes(worker->pid);
  if (rss < 0) return;
  if (worker->baseline_rss_kb < 0) worker->baseline_rss_kb = rss;
  if (rss - worker->baseline_rss_kb > static_cast<long>(limits.memory_megabytes) * 1024) {
    Kill(worker, kReasonMemoryLimit);
  }
#else
  (void)limits;
#endif
}

// The number of threads of this process (1 when /proc cannot say).
std::size_t ThreadCount() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoul(line.substr(8));
  }
  return 1;
}

// Forking while another thread holds a lock (the allocator's, fontconfig's)
// leaves the child waiting on it forever. Libraries can start short-lived
// threads of their own (Pango starts one to initialise fontconfig when the
// parent prepares Graphviz), so wait, up to a few seconds, for them to end.
void WaitForOtherThreadsToEnd() {
  const Clock::time_point give_up = Clock::now() + std::chrono::seconds(5);
  while (ThreadCount() > 1 && Clock::now() < give_up) {
    poll(nullptr, 0, 5);
  }
}

}  // namespace

std::size_t ProcessThreadCount() { return ThreadCount(); }

std::vector<GradebookEntry> RunBatch(const std::vector<BatchSubmission>& submissions,
                                     const GradeSubmissionFunction& grade,
                                     const BatchLimits& limits,
                                     const BatchProgressFunction& progress) {
  WaitForOtherThreadsToEnd();
  std::vector<GradebookEntry> entries(submissions.size());
  std::vector<Worker> running;
  std::size_t next = 0, done = 0;
  const std::size_t jobs = static_cast<std::size_t>(std::max(limits.jobs, 1));
  auto complete = [&](std::size_t index, GradebookEntry entry) {
    entries[index] = std::move(entry);
    ++done;
    if (progress) progress(done, submissions.size(), entries[index]);
  };
  while (done < submissions.size()) {
    while (running.size() < jobs && next < submissions.size()) {
      const std::size_t index = next++;
      const BatchSubmission& submission = submissions[index];
      if (!submission.problem.empty()) {
        GradebookEntry entry =
            FailedEntry(submission, submission.reason.empty() ? kReasonNoFile : submission.reason,
                        submission.problem);
        entry.skipped = submission.skipped;
        complete(index, std::move(entry));
        continue;
      }
      Worker worker;
      if (!Start(submissions, index, grade, limits, &worker)) {
        complete(index, FailedEntry(submissions[index], kReasonCrashed,
                                    std::string("cannot start a worker: ") + std::strerror(errno)));
        continue;
      }
      running.push_back(std::move(worker));
    }
    if (running.empty()) continue;
    std::vector<pollfd> fds;
    for (const Worker& worker : running) fds.push_back({worker.fd, POLLIN, 0});
    poll(fds.data(), fds.size(), kPollMilliseconds);
    for (std::size_t i = 0; i < running.size();) {
      Worker& worker = running[i];
      const bool finished = Drain(&worker);
      if (!finished) {
        CheckLimits(&worker, limits);
        ++i;
        continue;
      }
      close(worker.fd);
      int status = 0;
      // The pipe closes when the child exits or is killed; wait for it.
      while (waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
      }
      complete(worker.index, Finish(submissions[worker.index], worker, status, limits));
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  return entries;
}

}  // namespace sdlab
