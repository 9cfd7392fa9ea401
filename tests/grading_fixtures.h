#pragma once
// Shared by the grading tests: a small web-app submission and rubric header
// in YAML, and helpers that load both from text and grade.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/grade/grader.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/load/submission.h"
#include "core/load/submission_loader.h"

namespace sdlab::testing {

/// A complete, correct submission for the test lab `web`: two stocks with
/// flows, retries that feed the queue, a CLD with a retry storm (R) and an
/// autoscaling loop (B), five ranked interventions and two answers.
inline const char* const kWebSubmission = R"yaml(lab: web
author: Test Student
stock_flow:
  sim: { start: 0, stop: 600, dt: 1 }
  stocks:
    - name: Request Queue
      initial: 0
    - name: Cache Entries
      initial: 1000
  flows:
    - name: Arrivals
      to: Request Queue
      equation: traffic + retries
    - name: Processing
      from: Request Queue
      equation: MIN(request_queue / DT, capacity)
    - name: Cache Fill
      to: Cache Entries
      equation: (key_space - cache_entries) / 60
    - name: Expiry
      from: Cache Entries
      equation: cache_entries / ttl
  auxiliaries:
    - name: Retries
      equation: retry_fraction * request_queue / 10
    - name: Latency
      equation: request_queue / MAX(processing, 0.001)
  constants:
    - { name: Traffic, value: 100 }
    - { name: Capacity, value: 150 }
    - { name: Retry Fraction, value: 0.5 }
    - { name: Key Space, value: 1000 }
    - { name: TTL, value: 600 }
causal_loop:
  links:
    - "Load -> Latency (+)"
    - "Latency -> Timeouts (+)"
    - "Timeouts -> Retries (+)"
    - "Retries -> Load (+)"
    - "Latency -> Pods (+)"
    - "Pods -> Latency (-)"
  loops:
    - { id: R1, type: R, path: [Load, Latency, Timeouts, Retries] }
    - { id: B1, type: B, path: [Latency, Pods] }
leverage:
  problem: Cascading failures during traffic spikes
  interventions:
    - { level: 12, action: Increase the timeout to 10s, rank: 5 }
    - { level: 8, action: Add autoscaling with an HPA, rank: 4 }
    - level: 7
      action: Add a circuit breaker on database calls
      rank: 3
      what_if: { set: { retry_fraction: 0 } }
    - { level: 6, action: Add distributed tracing and dashboards, rank: 2 }
    - { level: 5, action: A rule that every request must have a deadline, rank: 1 }
answers:
  hourly_spike_stock: The Cache Entries stock
  hourly_spike_cause: Every key gets the same TTL, so they all expire on the hour.
)yaml";

/// The rubric's head for lab `web`: concepts, questions, a scenario and a
/// catalogue. Tests append `checks:`.
inline const char* const kWebRubricHead = R"yaml(lab: web
title: Web test lab
version: test
concepts:
  request_queue: { aliases: [queue, backlog], kind: stock, description: the request queue }
  cache_entries: { aliases: [cache entries, cached keys], kind: stock }
  load: [traffic, demand]
  latency: [response time]
  retries: [retry, retrying]
  retry_fraction: [retry fraction, retry probability]
  pods: [replicas, servers]
  timeouts: [timeout]
  capacity: [capacity, throughput]
questions:
  hourly_spike_stock: Which stock is behind the hourly spikes?
  hourly_spike_cause: Why do they happen?
scenarios:
  spike:
    scale: { load: 5 }
  spike_no_retries:
    scale: { load: 5 }
    set: { retry_fraction: 0 }
leverage_catalogue:
  12: [timeout, more pods, replicas]
  8: [autoscal*, hpa]
  7: [circuit breaker, retry budget, backoff]
  6: [tracing, dashboard*, metric*]
  5: [rule, policy, every request must]
)yaml";

inline Rubric LoadRubricOrDie(const std::string& text) {
  Diagnostics diagnostics;
  std::optional<Rubric> rubric = LoadRubricText(SourceFile("rubric.yaml", text), diagnostics);
  if (!rubric) {
    ADD_FAILURE() << FormatDiagnostics(diagnostics, nullptr);
    return Rubric{};
  }
  return *rubric;
}

inline Submission LoadSubmissionOrDie(const std::string& text) {
  Diagnostics diagnostics("answer.yaml");
  std::optional<Submission> submission =
      LoadSubmission(SourceFile("answer.yaml", text), diagnostics);
  if (!submission) {
    ADD_FAILURE() << FormatDiagnostics(diagnostics, nullptr);
    return Submission{};
  }
  return *submission;
}

/// Grades `submission` against the web rubric head plus `checks` (YAML
/// list items under `checks:`).
inline GradeResult GradeWeb(const std::string& checks,
                            const std::string& submission = kWebSubmission) {
  Rubric rubric = LoadRubricOrDie(std::string(kWebRubricHead) + "checks:\n" + checks);
  return GradeSubmission(rubric, LoadSubmissionOrDie(submission));
}

/// Replaces the first occurrence of `from` in `text` (which must be there).
inline std::string Edit(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "fixture text not found: " << from;
    return text;
  }
  return text.replace(at, from.size(), to);
}

/// Replaces every occurrence of `from` in `text`.
inline std::string EditAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// The one check of a result, by value (results are often temporaries).
inline CheckResult OnlyCheck(const GradeResult& result) {
  EXPECT_EQ(result.checks.size(), 1u);
  return result.checks.empty() ? CheckResult{} : result.checks.front();
}

}  // namespace sdlab::testing
