#include "core/grade/rubric.h"

namespace sdlab {

namespace {

struct KindName {
  CheckKind kind;
  const char* name;
  CheckFamily family;
};

constexpr KindName kKinds[] = {
    {CheckKind::kStockCount, "stock_count", CheckFamily::kStructure},
    {CheckKind::kElement, "element", CheckFamily::kStructure},
    {CheckKind::kStockFlows, "stock_flows", CheckFamily::kStructure},
    {CheckKind::kStocksConnected, "stocks_connected", CheckFamily::kStructure},
    {CheckKind::kDepends, "depends", CheckFamily::kStructure},
    {CheckKind::kSimulates, "simulates", CheckFamily::kSimulation},
    {CheckKind::kBehaviour, "behaviour", CheckFamily::kBehaviour},
    {CheckKind::kLoop, "loop", CheckFamily::kLoops},
    {CheckKind::kLink, "link", CheckFamily::kLoops},
    {CheckKind::kLoopLabels, "loop_labels", CheckFamily::kLoops},
    {CheckKind::kLoopCount, "loop_count", CheckFamily::kLoops},
    {CheckKind::kDominance, "dominance", CheckFamily::kLoops},
    {CheckKind::kLeverageLevels, "leverage_levels", CheckFamily::kLeverage},
    {CheckKind::kLeverageMatch, "leverage_match", CheckFamily::kLeverage},
    {CheckKind::kLeverageRanking, "leverage_ranking", CheckFamily::kLeverage},
    {CheckKind::kWhatIf, "what_if", CheckFamily::kWhatIf},
    {CheckKind::kAnswer, "answer", CheckFamily::kAnswers},
};

}  // namespace

const char* CheckKindName(CheckKind kind) {
  for (const KindName& entry : kKinds) {
    if (entry.kind == kind) return entry.name;
  }
  return "?";
}

std::optional<CheckKind> ParseCheckKind(std::string_view text) {
  if (text == "behavior") return CheckKind::kBehaviour;  // US spelling
  for (const KindName& entry : kKinds) {
    if (text == entry.name) return entry.kind;
  }
  return std::nullopt;
}

std::vector<std::string> CheckKindNames() {
  std::vector<std::string> names;
  for (const KindName& entry : kKinds) names.emplace_back(entry.name);
  return names;
}

CheckFamily FamilyOf(CheckKind kind) {
  for (const KindName& entry : kKinds) {
    if (entry.kind == kind) return entry.family;
  }
  return CheckFamily::kStructure;
}

const char* SeriesMeasureName(SeriesMeasure measure) {
  switch (measure) {
    case SeriesMeasure::kInitial:
      return "initial";
    case SeriesMeasure::kFinal:
      return "final";
    case SeriesMeasure::kMin:
      return "min";
    case SeriesMeasure::kMax:
      return "max";
    case SeriesMeasure::kMean:
      return "mean";
    case SeriesMeasure::kTotal:
      return "total";
  }
  return "final";
}

const char* BehaviourPatternName(BehaviourPattern pattern) {
  switch (pattern) {
    case BehaviourPattern::kGrows:
      return "grows";
    case BehaviourPattern::kDeclines:
      return "declines";
    case BehaviourPattern::kStaysWithin:
      return "stays_within";
    case BehaviourPattern::kExceeds:
      return "exceeds";
    case BehaviourPattern::kFallsBelow:
      return "falls_below";
    case BehaviourPattern::kPeaks:
      return "peaks";
    case BehaviourPattern::kPeriodic:
      return "periodic";
    case BehaviourPattern::kInRange:
      return "in_range";
  }
  return "grows";
}

double Rubric::total_points() const {
  double total = 0;
  for (const CheckSpec& check : checks) total += check.points;
  return RoundPoints(total);
}

const Concept* Rubric::FindConcept(std::string_view id) const {
  for (const Concept& concept_def : concepts) {
    if (concept_def.id == id) return &concept_def;
  }
  return nullptr;
}

const Scenario* Rubric::FindScenario(std::string_view id) const {
  for (const Scenario& scenario : scenarios) {
    if (scenario.id == id) return &scenario;
  }
  return nullptr;
}

const CheckSpec* Rubric::FindCheck(std::string_view id) const {
  for (const CheckSpec& check : checks) {
    if (check.id == id) return &check;
  }
  return nullptr;
}

}  // namespace sdlab
