#include "core/equation/builtins.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sdlab {
namespace {

constexpr Monotonicity kUp = Monotonicity::kIncreasing;
constexpr Monotonicity kDown = Monotonicity::kDecreasing;
constexpr Monotonicity kAny = Monotonicity::kUnknown;

// Indexed by Builtin; the order must match the enum.
const std::vector<BuiltinInfo>& Table() {
  static const std::vector<BuiltinInfo> table = {
      {"ABS", 1, 1, false, false, {kAny}},
      {"MIN", 2, -1, false, false, {kUp}},
      {"MAX", 2, -1, false, false, {kUp}},
      {"EXP", 1, 1, false, false, {kUp}},
      {"LN", 1, 1, false, false, {kUp}},
      {"LOG10", 1, 1, false, false, {kUp}},
      {"SQRT", 1, 1, false, false, {kUp}},
      {"SIN", 1, 1, false, false, {kAny}},
      {"COS", 1, 1, false, false, {kAny}},
      {"TAN", 1, 1, false, false, {kAny}},
      {"ARCSIN", 1, 1, false, false, {kUp}},
      {"ARCCOS", 1, 1, false, false, {kDown}},
      {"ARCTAN", 1, 1, false, false, {kUp}},
      {"PI", 0, 0, false, false, {}},
      {"INF", 0, 0, false, false, {}},
      {"INT", 1, 1, false, false, {kUp}},
      {"ROUND", 1, 1, false, false, {kUp}},
      {"MOD", 2, 2, false, false, {kAny}},
      {"SAFEDIV", 2, 3, false, false, {kAny}},
      {"TIME", 0, 0, false, true, {}},
      {"DT", 0, 0, false, false, {}},
      {"STARTTIME", 0, 0, false, false, {}},
      {"STOPTIME", 0, 0, false, false, {}},
      {"STEP", 2, 2, false, true, {kUp, kAny}},
      {"RAMP", 2, 3, false, true, {kUp, kAny, kAny}},
      {"PULSE", 2, 3, false, true, {kUp, kAny, kAny}},
      {"SMTH1", 2, 3, true, false, {kUp, kAny, kAny}},
      {"SMTH3", 2, 3, true, false, {kUp, kAny, kAny}},
      {"SMTHN", 3, 4, true, false, {kUp, kAny, kAny, kAny}},
      {"DELAY1", 2, 3, true, false, {kUp, kAny, kAny}},
      {"DELAY3", 2, 3, true, false, {kUp, kAny, kAny}},
      {"DELAYN", 3, 4, true, false, {kUp, kAny, kAny, kAny}},
      {"DELAY", 2, 3, true, false, {kUp, kAny, kAny}},
      {"TREND", 2, 3, true, false, {kUp, kAny, kAny}},
      {"INIT", 1, 1, true, false, {kUp}},
      {"PREVIOUS", 1, 2, true, false, {kUp, kAny}},
      {"IF_THEN_ELSE", 3, 3, false, false, {kAny, kUp, kUp}},
      {"RANDOM", 2, 3, false, true, {kAny}},
      {"LOOKUP", 2, 2, false, false, {kAny, kAny}},
  };
  return table;
}

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Upper(a[i]) != Upper(b[i])) return false;
  }
  return true;
}

std::uint64_t SplitMix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Time comparisons allow a millionth of a step so that `start + n·dt`
// landing a rounding error short of a switch time still switches there.
double Slack(const TimeContext& context) { return context.dt * 1e-6; }

double Pulse(double volume, double first, double interval, const TimeContext& context) {
  double t = context.step_time;
  double slack = Slack(context);
  if (t + slack < first) return 0;
  double since = t - first;
  if (interval > 0) since -= interval * std::floor((since + slack) / interval);
  return (since + slack >= 0 && since + slack < context.dt) ? volume / context.dt : 0;
}

}  // namespace

const BuiltinInfo& GetBuiltin(BuiltinId id) { return Table()[static_cast<std::size_t>(id)]; }

BuiltinId FindBuiltin(std::string_view name) {
  const std::vector<BuiltinInfo>& table = Table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (SameIgnoringCase(name, table[i].name)) return static_cast<BuiltinId>(i);
  }
  return -1;
}

const std::vector<std::string>& BuiltinNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const BuiltinInfo& info : Table()) out.emplace_back(info.name);
    return out;
  }();
  return names;
}

std::string ArityText(const BuiltinInfo& info) {
  auto plural = [](int n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
  if (info.max_args < 0) return "expects at least " + plural(info.min_args);
  if (info.min_args == info.max_args) return "expects " + plural(info.min_args);
  return "expects " + std::to_string(info.min_args) + " to " + plural(info.max_args);
}

double ApplyPureBuiltin(BuiltinId id, const double* args, int count, const TimeContext& context) {
  switch (static_cast<Builtin>(id)) {
    case kAbs:
      return std::fabs(args[0]);
    case kMin:
      return *std::min_element(args, args + count);
    case kMax:
      return *std::max_element(args, args + count);
    case kExp:
      return std::exp(args[0]);
    case kLn:
      return args[0] > 0 ? std::log(args[0]) : std::numeric_limits<double>::quiet_NaN();
    case kLog10:
      return args[0] > 0 ? std::log10(args[0]) : std::numeric_limits<double>::quiet_NaN();
    case kSqrt:
      return std::sqrt(args[0]);
    case kSin:
      return std::sin(args[0]);
    case kCos:
      return std::cos(args[0]);
    case kTan:
      return std::tan(args[0]);
    case kArcsin:
      return std::asin(args[0]);
    case kArccos:
      return std::acos(args[0]);
    case kArctan:
      return std::atan(args[0]);
    case kPi:
      return 3.14159265358979323846;
    case kInf:
      return std::numeric_limits<double>::infinity();
    case kInt:
      return std::floor(args[0]);
    case kRound:
      return std::round(args[0]);
    case kMod:
      if (args[1] == 0) return std::numeric_limits<double>::quiet_NaN();
      return args[0] - args[1] * std::floor(args[0] / args[1]);
    case kSafeDiv:
      if (args[1] == 0) return count > 2 ? args[2] : 0;
      return args[0] / args[1];
    case kTime:
      return context.time;
    case kDt:
      return context.dt;
    case kStartTime:
      return context.start;
    case kStopTime:
      return context.stop;
    case kStep:
      return context.time + Slack(context) >= args[1] ? args[0] : 0;
    case kRamp: {
      double start = args[1];
      if (context.time + Slack(context) < start) return 0;
      double until = count > 2 ? std::min(context.time, args[2]) : context.time;
      return until > start ? args[0] * (until - start) : 0;
    }
    case kPulse:
      return Pulse(args[0], args[1], count > 2 ? args[2] : 0, context);
    case kIfThenElse:
      return args[0] != 0 ? args[1] : args[2];
    case kRandom:
      return RandomUniform(args[0], args[1], count > 2 ? args[2] : 0, context.step);
    default:
      return std::numeric_limits<double>::quiet_NaN();
  }
}

double LookupValue(const std::vector<std::pair<double, double>>& points, LookupType type,
                   double x) {
  if (std::isnan(x)) return x;
  const std::size_t n = points.size();
  if (n == 1) return points[0].second;
  // First point with x_i > x.
  auto above = std::upper_bound(
      points.begin(), points.end(), x,
      [](double value, const std::pair<double, double>& point) { return value < point.first; });
  if (type == LookupType::kDiscrete) {
    return above == points.begin() ? points.front().second : std::prev(above)->second;
  }
  if (above == points.begin() || above == points.end()) {
    if (type == LookupType::kContinuous) {
      return above == points.begin() ? points.front().second : points.back().second;
    }
    // Extrapolate along the end segment.
    above = above == points.begin() ? points.begin() + 1 : points.end() - 1;
  }
  const auto& [x1, y1] = *above;
  const auto& [x0, y0] = *std::prev(above);
  return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

double RandomUniform(double min, double max, double seed, long long step) {
  std::int64_t seed_integer = std::isfinite(seed) && std::fabs(seed) < 9e18
                                  ? static_cast<std::int64_t>(std::llround(seed))
                                  : 0;
  std::uint64_t z = SplitMix64(SplitMix64(static_cast<std::uint64_t>(seed_integer)) ^
                               static_cast<std::uint64_t>(step));
  double unit = static_cast<double>(z >> 11) * 0x1.0p-53;
  return min + (max - min) * unit;
}

}  // namespace sdlab
