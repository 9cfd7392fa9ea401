#pragma once
// Rank agreement for the leverage ranking check.

#include <optional>
#include <vector>

namespace sdlab {

/// Kendall's tau-b between two paired samples, with ties handled (Kendall
/// 1945): (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)), where n1 and
/// n2 count the pairs tied in x and in y. Returns nullopt when fewer than two
/// pairs are given, the sizes differ, or either sample is entirely tied (the
/// statistic is undefined then).
std::optional<double> KendallTauB(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace sdlab
