#pragma once
// Perturbing one element of a StockFlowModel inside a time window, whatever
// its equation: a copy of the model in which the element's equation is
// wrapped in a new one ("(original) * (IF <in the window> THEN 3 ELSE 1)"),
// then compiled like any model. A rubric scenario drives a student's
// exogenous input this way (core/grade/check_context.h), without depending
// on how the student wrote it.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/load/submission.h"

namespace sdlab {

struct Perturbation {
  enum class Kind { kScale, kAdd };
  std::string element;  // the element's name; any spelling that normalises the same
  Kind kind = Kind::kScale;
  double value = 1;  // the factor, or the amount added
  /// The window [from, until): `from` is inside, `until` is not, at dt
  /// granularity (the engine's STEP switches there). None: the run's start,
  /// or its end.
  std::optional<double> from;
  std::optional<double> until;
};

/// The equation whose value is `original`'s perturbed: `(original) * factor`
/// or `(original) + amount`, the change gated by the window when it has one.
std::string PerturbedEquation(const std::string& original, const Perturbation& perturbation);

/// True when the element named `element` has a value a perturbation can
/// change: an auxiliary, a flow or a constant. Otherwise false, with `*why` a
/// sentence ("'Request Queue' is a stock, whose value only its flows change;
/// perturb its inflow instead").
bool CanPerturb(const StockFlowModel& model, const std::string& element, std::string* why);

/// A copy of `model` with each perturbation applied, in order (two on one
/// element compose). A constant becomes an auxiliary (its value now depends
/// on time, so it is a series of the run). An override in `*overrides` (name
/// -> value, SimulationOptions::overrides) naming a perturbed element would
/// replace the perturbation with a constant; it is taken out of `*overrides`
/// and becomes the value the perturbation starts from instead, so that a
/// scenario's `set:` and its spike combine. An element CanPerturb refuses,
/// or a number that is not finite: nullopt, with `*error` the sentence.
std::optional<StockFlowModel> PerturbModel(const StockFlowModel& model,
                                           const std::vector<Perturbation>& perturbations,
                                           std::vector<std::pair<std::string, double>>* overrides,
                                           std::string* error);

}  // namespace sdlab
