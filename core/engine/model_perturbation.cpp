#include "core/engine/model_perturbation.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/names.h"
#include "core/number_format.h"

namespace sdlab {
namespace {

// A number as equation text that reads back to the same double; a negative
// one in parentheses, so that it may follow any operator.
std::string Literal(double value) {
  const std::string text = FormatShortest(value);
  return value < 0 ? "(" + text + ")" : text;
}

// STEP(1, t) switches on at t with a millionth of a step of slack
// (core/equation/builtins.cpp), so that a time `start + n·dt` landing a
// rounding error short of t still counts as t: the window's edges fall
// exactly on the steps at `from` and `until`, whatever dt, and the
// perturbation follows the same clock as a student's own STEP or PULSE.
// TIME itself is not named, so an element called "Time" cannot capture it.
std::string WindowCondition(const Perturbation& perturbation) {
  std::string condition;
  if (perturbation.from) condition = "STEP(1, " + Literal(*perturbation.from) + ") = 1";
  if (perturbation.until) {
    if (!condition.empty()) condition += " AND ";
    condition += "STEP(1, " + Literal(*perturbation.until) + ") = 0";
  }
  return condition;
}

// The wrapped equation, its offsets mapped back to the original's text so
// that a location inside it still points into the student's equation.
EquationText Wrap(const EquationText& original, const Perturbation& perturbation) {
  EquationText wrapped;
  wrapped.text = PerturbedEquation(original.text, perturbation);
  wrapped.location = original.location;
  const std::size_t length = original.text.size();
  wrapped.offsets.reserve(wrapped.text.size());
  for (std::size_t offset = 0; offset < wrapped.text.size(); ++offset) {
    // Byte 0 is the opening parenthesis; the original follows it.
    const std::size_t inside = offset == 0 ? 0 : std::min(offset - 1, length == 0 ? 0 : length - 1);
    wrapped.offsets.push_back(original.At(inside));
  }
  return wrapped;
}

// The equation of the element named `key` (normalised) in `model`, a
// constant turned into an auxiliary first; nullptr when the element has no
// equation a perturbation can wrap (CanPerturb says why).
EquationText* EquationOf(StockFlowModel& model, const std::string& key) {
  for (Flow& flow : model.flows) {
    if (flow.normalized == key) return &flow.equation;
  }
  for (Auxiliary& auxiliary : model.auxiliaries) {
    if (auxiliary.normalized == key) return &auxiliary.equation;
  }
  for (auto it = model.constants.begin(); it != model.constants.end(); ++it) {
    if (it->normalized != key) continue;
    Auxiliary auxiliary;
    static_cast<ElementInfo&>(auxiliary) = *it;
    auxiliary.equation.text = FormatShortest(it->value);
    auxiliary.equation.location = it->value_location;
    model.constants.erase(it);
    model.auxiliaries.push_back(std::move(auxiliary));
    return &model.auxiliaries.back().equation;
  }
  return nullptr;
}

// Takes the overrides of the element named `key` out of `*overrides`; the
// last one, which the engine would apply, or none.
std::optional<double> TakeOverride(const std::string& key,
                                   std::vector<std::pair<std::string, double>>* overrides) {
  std::optional<double> value;
  if (overrides == nullptr) return value;
  auto kept = std::remove_if(overrides->begin(), overrides->end(), [&](const auto& entry) {
    if (NormalizeName(entry.first) != key) return false;
    value = entry.second;
    return true;
  });
  overrides->erase(kept, overrides->end());
  return value;
}

}  // namespace

bool CanPerturb(const StockFlowModel& model, const std::string& element, std::string* why) {
  const std::string key = NormalizeName(element);
  auto named = [&](const auto& elements) {
    return std::any_of(elements.begin(), elements.end(),
                       [&](const auto& candidate) { return candidate.normalized == key; });
  };
  if (named(model.flows) || named(model.auxiliaries) || named(model.constants)) return true;
  for (const Stock& stock : model.stocks) {
    if (stock.normalized == key) {
      *why = "'" + stock.name +
             "' is a stock, whose value only its flows change; perturb its inflow instead";
      return false;
    }
  }
  for (const Lookup& lookup : model.lookups) {
    if (lookup.normalized == key) {
      *why = "'" + lookup.name +
             "' is a graphical function; perturb the element that reads it instead";
      return false;
    }
  }
  *why = "the model has no element '" + element + "'";
  return false;
}

std::string PerturbedEquation(const std::string& original, const Perturbation& perturbation) {
  const bool scale = perturbation.kind == Perturbation::Kind::kScale;
  const std::string condition = WindowCondition(perturbation);
  std::string change;
  if (condition.empty()) {
    change = Literal(perturbation.value);
  } else {
    change = "(IF " + condition + " THEN " + Literal(perturbation.value) + " ELSE " +
             (scale ? "1" : "0") + ")";
  }
  return "(" + original + ")" + (scale ? " * " : " + ") + change;
}

std::optional<StockFlowModel> PerturbModel(const StockFlowModel& model,
                                           const std::vector<Perturbation>& perturbations,
                                           std::vector<std::pair<std::string, double>>* overrides,
                                           std::string* error) {
  StockFlowModel perturbed = model;
  std::set<std::string> started;  // elements whose overrides are folded in
  for (const Perturbation& perturbation : perturbations) {
    if (!std::isfinite(perturbation.value) ||
        (perturbation.from && !std::isfinite(*perturbation.from)) ||
        (perturbation.until && !std::isfinite(*perturbation.until))) {
      *error = "a perturbation of '" + perturbation.element + "' is not a finite number";
      return std::nullopt;
    }
    if (!CanPerturb(perturbed, perturbation.element, error)) return std::nullopt;
    const std::string key = NormalizeName(perturbation.element);
    EquationText* equation = EquationOf(perturbed, key);
    if (equation == nullptr) return std::nullopt;  // CanPerturb vouched for it
    if (started.insert(key).second) {
      if (std::optional<double> base = TakeOverride(key, overrides)) {
        equation->text = FormatShortest(*base);
        equation->offsets.clear();
      }
    }
    *equation = Wrap(*equation, perturbation);
  }
  return perturbed;
}

}  // namespace sdlab
