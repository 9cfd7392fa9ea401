#pragma once
// The validated submission (format sdlab/1, docs/submission-format.md)
// with source locations. Produced by LoadSubmission; every later stage reads
// this, never YAML.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/equation/lookup_type.h"

namespace sdlab {

enum class IntegrationMethod { kEuler, kRk2, kRk4 };
enum class ElementKind { kStock, kFlow, kAuxiliary, kConstant, kLookup };

/// An equation as written, with where its text starts in the file so that a
/// column inside it maps back to line:col (see LocateInScalar).
struct EquationText {
  std::string text;
  Location location;
  // Byte offset in `text` -> file location. Filled by the loader; for
  // equations built in code (tests, XMILE import) it may be empty, and then
  // `location` plus the offset is used.
  std::vector<Location> offsets;
  Location At(std::size_t offset) const;
};

/// What every element carries.
struct ElementInfo {
  std::string name;        // as written
  std::string normalized;  // NormalizeName(name)
  Location location;       // of the element (its `name:` value)
  std::string concept_id;  // explicit `concept:` binding, or empty
  Location concept_location;
  std::string units;
  std::string doc;
};

struct Stock : ElementInfo {
  EquationText initial;       // a number or an equation of constants
  std::optional<double> max;  // capacity; inflow beyond it is discarded
  Location max_location;
  bool non_negative = true;
};

struct Flow : ElementInfo {
  std::string from;  // stock name as written; empty = cloud
  Location from_location;
  std::string to;
  Location to_location;
  EquationText equation;
};

struct Auxiliary : ElementInfo {
  EquationText equation;
};

struct Constant : ElementInfo {
  double value = 0;
  Location value_location;
};

struct Lookup : ElementInfo {
  std::vector<std::pair<double, double>> points;
  LookupType type = LookupType::kContinuous;
};

struct SimSpec {
  double start = 0;
  double stop = 100;
  double dt = 1;
  IntegrationMethod method = IntegrationMethod::kEuler;
  std::string time_units;
  std::optional<double> save_interval;  // `sim.save_interval`, in time units; default dt
  Location location;
};

struct StockFlowModel {
  bool present = false;
  Location location;
  SimSpec sim;
  std::vector<Stock> stocks;
  std::vector<Flow> flows;
  std::vector<Auxiliary> auxiliaries;
  std::vector<Constant> constants;
  std::vector<Lookup> lookups;
};

// ---- causal_loop: loaded structurally here; meaning in core/loops/causal_graph.h ----

struct CldVariable : ElementInfo {};

struct CldLinkText {
  // Either the mapping form or the compact form "A -> B (+)".
  bool compact = false;
  std::string compact_text;  // the whole compact string
  std::string from;
  Location from_location;
  std::string to;
  Location to_location;
  std::string polarity;  // as written ("+", "negative", "−", "?" ...)
  Location polarity_location;
  bool delay = false;
  std::string concept_id;
  std::string doc;
  Location location;  // of the link item
};

struct CldLoopText {
  std::string id;
  Location id_location;
  std::string name;
  std::string type;  // as written: reinforcing | balancing | R | B
  Location type_location;
  std::vector<std::pair<std::string, Location>> path;
  Location location;
};

struct CausalLoopDiagram {
  bool present = false;
  Location location;
  std::vector<CldVariable> variables;
  std::vector<CldLinkText> links;
  std::vector<CldLoopText> loops;
};

// ---- leverage ----

struct Intervention {
  int level = 0;  // 1..12
  Location level_location;
  std::string action;
  Location action_location;
  std::string expected_impact;
  Location expected_impact_location;
  std::optional<int> rank;
  Location rank_location;
  // what_if.set: element name (as written) -> new constant value, in order.
  std::vector<std::pair<std::string, double>> what_if_set;
  std::vector<Location> what_if_locations;
  Location location;
};

struct LeverageAnalysis {
  bool present = false;
  Location location;
  std::string problem;
  std::vector<Intervention> interventions;
};

// ---- answers ----

struct Answer {
  std::string question_id;
  std::string text;
  Location location;  // of the value
};

struct Answers {
  bool present = false;
  Location location;
  std::vector<Answer> items;  // in file order
  const Answer* Find(const std::string& question_id) const;
};

struct Submission {
  std::string path;  // as given on the command line
  std::string format = "sdlab/1";
  std::string lab;
  Location lab_location;
  std::string author;
  StockFlowModel stock_flow;
  CausalLoopDiagram causal_loop;
  LeverageAnalysis leverage;
  Answers answers;
};

}  // namespace sdlab
