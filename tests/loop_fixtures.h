#pragma once
// Causal loop diagrams built in code for the loop tests: the course's own
// examples (module 1.3, Part 3 and the quiz) and small helpers, so the tests
// do not depend on the YAML loader.

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/load/submission.h"
#include "core/loops/causal_graph.h"
#include "core/names.h"

namespace sdlab::testing {

/// A graph on variables v0..v(n-1) with the given links (from, to,
/// polarity), built directly so that it may hold self-links and any
/// multiplicity.
inline CausalGraph MakeGraph(int n, const std::vector<std::tuple<int, int, LinkPolarity>>& links) {
  CausalGraph graph;
  for (int i = 0; i < n; ++i) {
    std::string name = "v" + std::to_string(i);
    graph.variables.push_back(CausalVariable{name, NormalizeName(name), "", Location{}, true});
  }
  for (const auto& [from, to, polarity] : links) {
    CausalLink link;
    link.from = from;
    link.to = to;
    link.polarity = polarity;
    graph.links.push_back(link);
  }
  return graph;
}

/// A compact link `"A -> B (+)"` as the loader hands it over, at line `line`.
inline CldLinkText CompactLink(std::string text, int line = 0, int column = 0) {
  CldLinkText link;
  link.compact = true;
  link.compact_text = std::move(text);
  link.location = Location{line, column};
  return link;
}

/// A link in mapping form.
inline CldLinkText MappingLink(std::string from, std::string to, std::string polarity,
                               bool delay = false) {
  CldLinkText link;
  link.from = std::move(from);
  link.to = std::move(to);
  link.polarity = std::move(polarity);
  link.delay = delay;
  return link;
}

inline CldLoopText LoopText(std::string id, std::string type, std::vector<std::string> path,
                            int line = 0) {
  CldLoopText loop;
  loop.id = std::move(id);
  loop.type = std::move(type);
  if (line > 0) {
    loop.location = Location{line, 1};
    loop.id_location = Location{line, 5};
    loop.type_location = Location{line + 1, 11};
  }
  for (std::string& name : path) loop.path.emplace_back(std::move(name), Location{});
  return loop;
}

/// A diagram from compact links (each on its own line, 1, 2, ..., at column
/// 7) and loops (those without a line get lines after the links, four
/// lines each: `- id:` at column 7 of line L, the id at column 11, the type
/// at column 13 of line L + 1).
inline CausalLoopDiagram Diagram(const std::vector<std::string>& links,
                                 std::vector<CldLoopText> loops = {}) {
  CausalLoopDiagram diagram;
  diagram.present = true;
  int line = 1;
  for (const std::string& text : links) diagram.links.push_back(CompactLink(text, line++, 7));
  for (std::size_t i = 0; i < loops.size(); ++i) {
    CldLoopText& loop = loops[i];
    if (loop.location.known()) continue;
    int loop_line = static_cast<int>(links.size() + 2 + 4 * i);
    loop.location = Location{loop_line, 7};
    loop.id_location = Location{loop_line, 11};
    loop.type_location = Location{loop_line + 1, 13};
  }
  diagram.loops = std::move(loops);
  return diagram;
}

/// Module 1.3, Example 1: the retry storm (0 negative links: reinforcing).
inline CausalLoopDiagram RetryStorm() {
  return Diagram({"Load -> Latency (+)", "Latency -> Timeouts (+)", "Timeouts -> Retries (+)",
                  "Retries -> Load (+)"},
                 {LoopText("R1", "reinforcing", {"Load", "Latency", "Timeouts", "Retries"})});
}

/// Module 1.3, Example 2: the autoscaler (1 negative link: balancing).
inline CausalLoopDiagram Autoscaler() {
  return Diagram({"CPU Usage -> Compare to Target (+)", "Compare to Target -> Scaling Decision (+)",
                  "Scaling Decision -> Pod Count (+)", "Pod Count -> CPU Usage (-)"},
                 {LoopText("B1", "balancing",
                           {"CPU Usage", "Compare to Target", "Scaling Decision", "Pod Count"})});
}

/// The quiz's cache loop: Requests -> CacheHits -> DBLoad -> Latency ->
/// Requests with 2 negative links: reinforcing.
inline CausalLoopDiagram CacheLoop() {
  return Diagram({"Requests -> CacheHits (+)", "CacheHits -> DBLoad (-)", "DBLoad -> Latency (+)",
                  "Latency -> Requests (-)"},
                 {LoopText("R1", "R", {"Requests", "CacheHits", "DBLoad", "Latency"})});
}

/// Module 1.3, Example 3: the microservice under stress, with R1 (retry
/// storm), B2 (autoscaler) and B3 (circuit breaker).
inline CausalLoopDiagram MicroserviceUnderStress() {
  return Diagram({"Load -> Latency (+)", "Latency -> Timeouts (+)", "Timeouts -> Retries (+)",
                  "Retries -> Load (+)", "Latency -> Pods (+)", "Pods -> Latency (-)",
                  "Timeouts -> Circuit State (+)", "Circuit State -> Load (-)"},
                 {LoopText("R1", "reinforcing", {"Load", "Latency", "Timeouts", "Retries"}),
                  LoopText("B2", "balancing", {"Latency", "Pods"}),
                  LoopText("B3", "balancing", {"Timeouts", "Circuit State", "Load", "Latency"})});
}

}  // namespace sdlab::testing
