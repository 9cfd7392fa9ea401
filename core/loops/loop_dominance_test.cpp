#include "core/loops/loop_dominance.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/load/xmile_import.h"
#include "model_builder.h"
#include "test_support.h"

namespace sdlab {
namespace {

using testing::ModelBuilder;

DominanceResult Analyse(const StockFlowModel& source, DominanceOptions options = {}) {
  DominanceResult result;
  std::optional<Model> model = testing::CompileOrFail(source);
  if (!model) return result;
  Diagnostics diagnostics("model.yaml");
  EXPECT_TRUE(AnalyseDominance(*model, options, &result, diagnostics))
      << testing::DiagnosticLines(diagnostics);
  return result;
}

const DominanceLoop* LoopOf(const DominanceResult& result, LoopPolarity polarity) {
  for (const DominanceLoop& loop : result.loops) {
    if (loop.loop.polarity == polarity) return &loop;
  }
  return nullptr;
}

// The logistic growth model of ../shared/reference/ltm, built by hand.
StockFlowModel Logistic(IntegrationMethod method = IntegrationMethod::kEuler, double dt = 1) {
  return ModelBuilder()
      .Sim(0, 100, dt, method)
      .SaveInterval(1)
      .Stock("population", "5")
      .Flow("net_birth_rate", "fractional_growth_rate * population", "", "population")
      .Constant("maximum_growth_rate", 0.12)
      .Constant("carrying_capacity", 1000)
      .Aux("fractional_growth_rate", "maximum_growth_rate * (1 - fraction_used)")
      .Aux("fraction_used", "population / carrying_capacity")
      .Build();
}

// The table's figures were rounded to three significant digits, then printed
// with the decimals shown (0.7847 -> 0.785 -> "0.79"); the same two roundings
// of our score must give the printed figure.
bool MatchesPrinted(double percent, const std::string& printed) {
  std::size_t dot = printed.find('.');
  int decimals = dot == std::string::npos ? 0 : static_cast<int>(printed.size() - dot - 1);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3g", percent);
  double three = std::strtod(buffer, nullptr);
  double scale = std::pow(10.0, decimals);
  double shown = std::round(three * scale) / scale;
  return std::fabs(shown - std::strtod(printed.c_str(), nullptr)) < 1e-9;
}

TEST(LoopDominance, ReproducesThePublishedLogisticGrowthScoresAtEveryStep) {
  const std::string folder = testing::SharedDir() + "/reference/ltm";
  std::ifstream table_file(folder + "/ltm_results.tsv");
  if (!table_file) GTEST_SKIP() << "the reference scores are not at " << folder;
  Diagnostics diagnostics("logistic_growth.stmx");
  std::optional<StockFlowModel> source =
      ImportXmileFile(folder + "/logistic_growth.stmx", diagnostics);
  ASSERT_TRUE(source) << testing::DiagnosticLines(diagnostics);
  DominanceResult result = Analyse(*source);
  ASSERT_EQ(result.method, DominanceResult::Method::kEveryLoop);
  ASSERT_EQ(result.loops.size(), 2u);
  const DominanceLoop* r1 = LoopOf(result, LoopPolarity::kReinforcing);
  const DominanceLoop* b1 = LoopOf(result, LoopPolarity::kBalancing);
  ASSERT_TRUE(r1 && b1);

  std::string line;
  int rows = 0;
  while (std::getline(table_file, line)) {
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // the file's BOM
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, '\t');) cells.push_back(cell);
    if (cells.empty() || cells[0] == "loop") continue;
    const DominanceLoop* loop = cells[0] == "r1" ? r1 : cells[0] == "b1" ? b1 : nullptr;
    ASSERT_NE(loop, nullptr) << "unknown loop " << cells[0];
    ASSERT_EQ(cells.size(), result.times.size() + 1);
    for (std::size_t t = 0; t < result.times.size(); ++t) {
      EXPECT_TRUE(MatchesPrinted(loop->relative[t] * 100, cells[t + 1]))
          << cells[0] << " at t=" << result.times[t] << ": ours " << loop->relative[t] * 100
          << "%, published " << cells[t + 1] << "%";
    }
    ++rows;
  }
  EXPECT_EQ(rows, 2);
}

TEST(LoopDominance, AOneLoopModelScoresMinusOneThroughout) {
  DominanceResult result = Analyse(ModelBuilder()
                                       .Sim(0, 20, 0.5)
                                       .Stock("tank", "100")
                                       .Flow("drain", "tank / 5", "tank", "")
                                       .Build());
  ASSERT_EQ(result.loops.size(), 1u);
  const DominanceLoop& loop = result.loops[0];
  EXPECT_EQ(loop.loop.polarity, LoopPolarity::kBalancing);
  EXPECT_EQ(loop.relative[0], 0);  // no previous step at the start
  for (std::size_t t = 1; t < loop.relative.size(); ++t) {
    EXPECT_DOUBLE_EQ(loop.relative[t], -1) << "t=" << result.times[t];
  }
}

TEST(LoopDominance, ALoopThroughASmoothScoresAsOneLoop) {
  DominanceResult result = Analyse(ModelBuilder()
                                       .Sim(0, 30, 0.25)
                                       .Stock("savings", "100")
                                       .Flow("interest", "SMTH1(savings, 4) * 0.05", "", "savings")
                                       .Build());
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_EQ(result.loops[0].loop.polarity, LoopPolarity::kReinforcing);
  for (std::size_t t = 2; t < result.times.size(); ++t) {
    EXPECT_DOUBLE_EQ(result.loops[0].relative[t], 1) << "t=" << result.times[t];
    EXPECT_NE(result.loops[0].score[t], 0) << "t=" << result.times[t];
  }
}

TEST(LoopDominance, LogisticGrowthLoopsCrossNearHalfTheCarryingCapacity) {
  for (IntegrationMethod method :
       {IntegrationMethod::kEuler, IntegrationMethod::kRk2, IntegrationMethod::kRk4}) {
    StockFlowModel source = Logistic(method, 0.25);
    DominanceResult result = Analyse(source);
    const DominanceLoop* r = LoopOf(result, LoopPolarity::kReinforcing);
    const DominanceLoop* b = LoopOf(result, LoopPolarity::kBalancing);
    ASSERT_TRUE(r && b);
    SimulationOptions options;
    sdlab::Run run = testing::SimulateOrFail(source, options);
    int population = run.FindSeries("population");
    std::size_t crossing = 0;
    for (std::size_t t = 1; t < result.times.size(); ++t) {
      EXPECT_NEAR(std::fabs(r->relative[t]) + std::fabs(b->relative[t]), 1, 1e-12);
      if (crossing == 0 && std::fabs(b->relative[t]) > std::fabs(r->relative[t])) crossing = t;
    }
    ASSERT_GT(crossing, 0u);
    // The half-way point lies between the saved row before the crossing and
    // the crossing's (|B| / |R| = P / (K - P) in continuous time).
    const std::vector<double>& p = run.values[static_cast<std::size_t>(population)];
    EXPECT_LE(p[crossing - 1], 505) << "t=" << result.times[crossing];
    EXPECT_GE(p[crossing], 495) << "t=" << result.times[crossing];
    ASSERT_EQ(result.phases.size(), 3u);  // none at the start, then R, then B
    EXPECT_TRUE(result.phases[0].loops.empty());
    EXPECT_EQ(result.loops[static_cast<std::size_t>(result.phases[1].loops.at(0))].loop.polarity,
              LoopPolarity::kReinforcing);
    EXPECT_EQ(result.loops[static_cast<std::size_t>(result.phases[2].loops.at(0))].loop.polarity,
              LoopPolarity::kBalancing);
  }
}

TEST(LoopDominance, OneNetFlowScoresTheSameAsSeparateFlows) {
  DominanceResult separate = Analyse(ModelBuilder()
                                         .Sim(0, 60, 0.5)
                                         .Stock("people", "10")
                                         .Flow("births", "0.1 * people", "", "people")
                                         .Flow("deaths", "0.0001 * people * people", "people", "")
                                         .Build());
  DominanceResult net = Analyse(ModelBuilder()
                                    .Sim(0, 60, 0.5)
                                    .Stock("people", "10")
                                    .Flow("change", "births - deaths", "", "people")
                                    .Aux("births", "0.1 * people")
                                    .Aux("deaths", "0.0001 * people * people")
                                    .Build());
  for (LoopPolarity polarity : {LoopPolarity::kReinforcing, LoopPolarity::kBalancing}) {
    const DominanceLoop* a = LoopOf(separate, polarity);
    const DominanceLoop* b = LoopOf(net, polarity);
    ASSERT_TRUE(a && b);
    for (std::size_t t = 0; t < a->relative.size(); ++t) {
      EXPECT_NEAR(a->relative[t], b->relative[t], 1e-9) << "t=" << separate.times[t];
    }
  }
}

TEST(LoopDominance, NothingDominatesAModelAtEquilibrium) {
  DominanceResult result = Analyse(ModelBuilder()
                                       .Sim(0, 10, 1)
                                       .Stock("level", "50")
                                       .Flow("fill", "5", "", "level")
                                       .Flow("leak", "level / 10", "level", "")
                                       .Build());
  ASSERT_EQ(result.loops.size(), 1u);
  for (double value : result.loops[0].relative) EXPECT_EQ(value, 0);
  ASSERT_EQ(result.phases.size(), 1u);
  EXPECT_TRUE(result.phases[0].loops.empty());
}

TEST(LoopDominance, BeyondTheCapTheStrongestPathSearchFindsTheLoops) {
  DominanceOptions options;
  options.max_loops = 1;  // the model has 2
  DominanceResult result = Analyse(Logistic(), options);
  EXPECT_EQ(result.method, DominanceResult::Method::kStrongestPath);
  EXPECT_NE(result.method_text.find("strongest-path"), std::string::npos) << result.method_text;
  ASSERT_EQ(result.loops.size(), 2u);
  DominanceResult every = Analyse(Logistic());
  for (LoopPolarity polarity : {LoopPolarity::kReinforcing, LoopPolarity::kBalancing}) {
    const DominanceLoop* found = LoopOf(result, polarity);
    const DominanceLoop* enumerated = LoopOf(every, polarity);
    ASSERT_TRUE(found && enumerated);
    EXPECT_EQ(found->path, enumerated->path);
    EXPECT_EQ(found->relative, enumerated->relative);
  }
}

TEST(LoopDominance, AFocusKeepsTheLoopsThroughTheElement) {
  DominanceOptions options;
  options.variable = "Fraction_Used";
  DominanceResult result = Analyse(Logistic(), options);
  ASSERT_EQ(result.loops.size(), 1u);
  EXPECT_EQ(result.loops[0].loop.polarity, LoopPolarity::kBalancing);
  EXPECT_DOUBLE_EQ(result.loops[0].relative[10], -1);  // the only loop through it

  options.variable = "fraction usd";
  std::optional<Model> model = testing::CompileOrFail(Logistic());
  ASSERT_TRUE(model);
  Diagnostics diagnostics("model.yaml");
  DominanceResult missing;
  EXPECT_FALSE(AnalyseDominance(*model, options, &missing, diagnostics));
  EXPECT_NE(testing::DiagnosticLines(diagnostics).find("no element 'fraction usd'"),
            std::string::npos)
      << testing::DiagnosticLines(diagnostics);
}

}  // namespace
}  // namespace sdlab
