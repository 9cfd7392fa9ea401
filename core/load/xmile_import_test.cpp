#include "core/load/xmile_import.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sdlab {
namespace {

const char* const kSpecs =
    "<sim_specs method=\"Euler\" time_units=\"Months\"><start>0</start><stop>10</stop>"
    "<dt>0.5</dt></sim_specs>\n";

// A model whose variables start on line 4.
std::string Xmile(const std::string& variables, const std::string& specs = kSpecs) {
  return "<xmile xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\" version=\"1.0\">\n" +
         specs + "<model><variables>\n" + variables + "</variables></model>\n</xmile>\n";
}

StockFlowModel Import(const std::string& text) {
  Diagnostics diagnostics("m.xmile");
  std::optional<StockFlowModel> model = ImportXmile(SourceFile("m.xmile", text), diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << FormatDiagnostics(diagnostics, nullptr);
  return model ? *model : StockFlowModel{};
}

// The diagnostics of a failing import, one line each.
std::string Errors(const std::string& text) {
  Diagnostics diagnostics("m.xmile");
  EXPECT_FALSE(ImportXmile(SourceFile("m.xmile", text), diagnostics).has_value());
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += FormatDiagnosticLine(d) + "\n";
  return out;
}

TEST(XmileImportTest, ReadsStocksFlowsAuxiliariesAndSimSpecs) {
  const StockFlowModel model = Import(
      Xmile("<stock name=\"Teacup Temperature\"><eqn>180</eqn><outflow>\"Heat Loss\"</outflow>"
            "<units>degrees</units><doc> hot </doc></stock>\n"
            "<flow name=\"Heat Loss\"><eqn>(Teacup_Temperature - room) / tau</eqn></flow>\n"
            "<aux name=\"room\"><eqn>70</eqn></aux>\n"
            "<aux name=\"tau\"><eqn>10</eqn></aux>\n"));
  EXPECT_TRUE(model.present);
  EXPECT_EQ(model.sim.start, 0);
  EXPECT_EQ(model.sim.stop, 10);
  EXPECT_EQ(model.sim.dt, 0.5);
  EXPECT_EQ(model.sim.method, IntegrationMethod::kEuler);
  EXPECT_EQ(model.sim.time_units, "Months");
  ASSERT_EQ(model.stocks.size(), 1u);
  const Stock& stock = model.stocks[0];
  EXPECT_EQ(stock.name, "Teacup Temperature");
  EXPECT_EQ(stock.normalized, "teacup_temperature");
  EXPECT_EQ(stock.initial.text, "180");
  EXPECT_EQ(stock.units, "degrees");
  EXPECT_EQ(stock.doc, "hot");
  EXPECT_FALSE(stock.non_negative);  // XMILE stocks may go negative unless marked
  EXPECT_EQ(stock.location, (Location{4, 1}));
  EXPECT_EQ(stock.initial.location, (Location{4, 39}));
  ASSERT_EQ(model.flows.size(), 1u);
  EXPECT_EQ(model.flows[0].name, "Heat Loss");
  EXPECT_EQ(model.flows[0].from, "Teacup Temperature");
  EXPECT_EQ(model.flows[0].to, "");
  EXPECT_EQ(model.flows[0].equation.text, "(Teacup_Temperature - room) / tau");
  EXPECT_EQ(model.flows[0].equation.location, (Location{5, 29}));
  ASSERT_EQ(model.auxiliaries.size(), 2u);
  EXPECT_EQ(model.auxiliaries[0].name, "room");
  EXPECT_EQ(model.auxiliaries[1].equation.text, "10");
  EXPECT_TRUE(model.lookups.empty());
}

TEST(XmileImportTest, ReadsMethodsAndReciprocalDt) {
  const std::string specs =
      "<sim_specs method=\"RK4\"><start>1</start><stop>13</stop><dt reciprocal=\"true\">4</dt>"
      "</sim_specs>\n";
  const StockFlowModel model = Import(Xmile("<aux name=\"a\"><eqn>1</eqn></aux>\n", specs));
  EXPECT_EQ(model.sim.method, IntegrationMethod::kRk4);
  EXPECT_EQ(model.sim.start, 1);
  EXPECT_EQ(model.sim.dt, 0.25);
  const std::string rk2 = "<sim_specs method=\"rk2\"><start>0</start><stop>1</stop></sim_specs>\n";
  const StockFlowModel defaults = Import(Xmile("<aux name=\"a\"><eqn>1</eqn></aux>\n", rk2));
  EXPECT_EQ(defaults.sim.method, IntegrationMethod::kRk2);
  EXPECT_EQ(defaults.sim.dt, 1);  // XMILE's default
}

TEST(XmileImportTest, AdaptiveMethodsFallBackToRk4WithAWarning) {
  Diagnostics diagnostics("m.xmile");
  const std::string specs =
      "<sim_specs method=\"RK45\"><start>0</start><stop>1</stop></sim_specs>\n";
  std::optional<StockFlowModel> model = ImportXmile(
      SourceFile("m.xmile", Xmile("<aux name=\"a\"><eqn>1</eqn></aux>\n", specs)), diagnostics);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->sim.method, IntegrationMethod::kRk4);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items()[0]),
            "m.xmile:2:1: warning: integration method 'RK45' is not supported; using RK4 with a "
            "fixed dt");
}

TEST(XmileImportTest, ReportsBadSimSpecs) {
  const std::string aux = "<aux name=\"a\"><eqn>1</eqn></aux>\n";
  EXPECT_EQ(Errors(Xmile(aux,
                         "<sim_specs method=\"magic\"><start>0</start><stop>1</stop>"
                         "</sim_specs>\n")),
            "m.xmile:2:1: error: unknown integration method 'magic' in <sim_specs> (expected "
            "Euler, RK2 or RK4)\n");
  EXPECT_EQ(Errors(Xmile(aux, "<sim_specs><start>0</start></sim_specs>\n")),
            "m.xmile:2:1: error: <sim_specs> has no <stop>\n");
  EXPECT_EQ(Errors(Xmile(aux, "<sim_specs><start>5</start><stop>1</stop></sim_specs>\n")),
            "m.xmile:2:1: error: <stop> (1) must be after <start> (5)\n");
  EXPECT_EQ(Errors(Xmile(aux,
                         "<sim_specs><start>0</start><stop>1</stop><dt>-1</dt>"
                         "</sim_specs>\n")),
            "m.xmile:2:42: error: dt must be positive, not -1\n");
  EXPECT_EQ(Errors(Xmile(aux, "<sim_specs><start>zero</start><stop>1</stop></sim_specs>\n")),
            "m.xmile:2:19: error: <start> of <sim_specs> must be a number, not 'zero'\n");
  EXPECT_EQ(Errors("<xmile><model><variables/></model></xmile>"),
            "m.xmile:1:1: error: the XMILE file has no <sim_specs>\n");
}

TEST(XmileImportTest, ModelSimSpecsOverrideTheFilesOnes) {
  const StockFlowModel model =
      Import("<xmile>" + std::string(kSpecs) +
             "<model><sim_specs><start>2</start><stop>4</stop><dt>0.125</dt></sim_specs>"
             "<variables><aux name=\"a\"><eqn>1</eqn></aux></variables></model></xmile>");
  EXPECT_EQ(model.sim.start, 2);
  EXPECT_EQ(model.sim.dt, 0.125);
}

TEST(XmileImportTest, ReadsUndeclaredIseePrefixesAndIgnoresVendorElements) {
  const StockFlowModel model = Import(
      "<xmile xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
      "<isee:prefs show_module_prefix=\"true\"/>\n"
      "<sim_specs isee:simulation_delay=\"0\"><start>0</start><stop>1</stop></sim_specs>\n"
      "<model><variables><aux name=\"a\"><eqn>1</eqn><isee:delay_aux/></aux>"
      "<isee:dependencies><var name=\"a\"/></isee:dependencies></variables></model></xmile>");
  ASSERT_EQ(model.auxiliaries.size(), 1u);
  EXPECT_EQ(model.auxiliaries[0].name, "a");
}

TEST(XmileImportTest, ReadsTheOlderDialectWithVariablesDirectlyInTheModel) {
  const StockFlowModel model = Import(
      "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\r\n"
      "<xmile version=\"1.0\" level=\"3\" xmlns=\"http://www.systemdynamics.org/XMILE\">\r\n"
      "<sim_specs><start>0</start><stop>30</stop><dt>0.125</dt></sim_specs>\r\n"
      "<model><stock name=\"teacup_temperature\"><eqn>180</eqn><outflow>heat_loss</outflow>"
      "<display x=\"1\" y=\"2\"/></stock>\r\n"
      "<flow name=\"heat_loss\"><eqn>teacup_temperature / 10</eqn></flow>\r\n"
      "<display page_width=\"0\"/></model></xmile>\r\n");
  ASSERT_EQ(model.stocks.size(), 1u);
  ASSERT_EQ(model.flows.size(), 1u);
  EXPECT_EQ(model.flows[0].from, "teacup_temperature");
  EXPECT_EQ(model.flows[0].equation.location, (Location{5, 29}));
}

TEST(XmileImportTest, ReadsElementsOfAPrefixedXmileNamespace) {
  const StockFlowModel model = Import(
      "<x:xmile xmlns:x=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">"
      "<x:sim_specs><x:start>0</x:start><x:stop>1</x:stop></x:sim_specs>"
      "<x:model><x:variables><x:aux name=\"a\"><x:eqn>2</x:eqn></x:aux></x:variables></x:model>"
      "</x:xmile>");
  ASSERT_EQ(model.auxiliaries.size(), 1u);
  EXPECT_EQ(model.auxiliaries[0].equation.text, "2");
}

TEST(XmileImportTest, NonNegativeStocksAndUniflows) {
  const StockFlowModel model =
      Import(Xmile("<stock name=\"s\"><eqn>1</eqn><inflow>in</inflow><outflow>out</outflow>"
                   "<non_negative/></stock>\n"
                   "<stock name=\"t\"><eqn>1</eqn></stock>\n"
                   "<flow name=\"in\"><eqn>a - 1</eqn><non_negative/></flow>\n"
                   "<flow name=\"out\"><eqn>2</eqn></flow>\n"
                   "<aux name=\"a\"><eqn>0</eqn></aux>\n"));
  ASSERT_EQ(model.stocks.size(), 2u);
  EXPECT_TRUE(model.stocks[0].non_negative);
  EXPECT_FALSE(model.stocks[1].non_negative);
  ASSERT_EQ(model.flows.size(), 2u);
  EXPECT_EQ(model.flows[0].equation.text, "MAX(0, a - 1)");
  EXPECT_EQ(model.flows[0].equation.location, (Location{6, 22}));
  EXPECT_EQ(model.flows[0].equation.At(0), (Location{6, 22}));
  EXPECT_EQ(model.flows[0].equation.At(7), (Location{6, 22}));  // 'a'
  EXPECT_EQ(model.flows[0].equation.At(9), (Location{6, 24}));  // '-'
  EXPECT_EQ(model.flows[1].equation.text, "2");
}

TEST(XmileImportTest, BehaviorSetsNonNegativeDefaultsThatElementsCanTurnOff) {
  const StockFlowModel model =
      Import("<xmile>" + std::string(kSpecs) +
             "<behavior><non_negative/><flow><non_negative>false</non_negative></flow></behavior>"
             "<model><variables>"
             "<stock name=\"s\"><eqn>1</eqn><outflow>f</outflow></stock>"
             "<stock name=\"t\"><eqn>1</eqn><non_negative>false</non_negative></stock>"
             "<flow name=\"f\"><eqn>1</eqn></flow>"
             "<flow name=\"g\"><eqn>1</eqn><non_negative/></flow>"
             "</variables></model></xmile>");
  ASSERT_EQ(model.stocks.size(), 2u);
  EXPECT_TRUE(model.stocks[0].non_negative);
  EXPECT_FALSE(model.stocks[1].non_negative);
  ASSERT_EQ(model.flows.size(), 2u);
  EXPECT_EQ(model.flows[0].equation.text, "1");
  EXPECT_EQ(model.flows[1].equation.text, "MAX(0, 1)");
}

TEST(XmileImportTest, ReadsStandaloneGraphicalFunctions) {
  const StockFlowModel model = Import(
      Xmile("<gf name=\"pts\"><xpts>0,5,10</xpts><ypts>0, 1 ,-1</ypts></gf>\n"
            "<gf name=\"scaled\" type=\"extrapolate\"><yscale min=\"0\" max=\"9\"/>"
            "<xscale min=\"0\" max=\"45\"/><ypts>1,2,3,4</ypts></gf>\n"
            "<gf name=\"sep\" type=\"discrete\"><xpts sep=\";\">1;2</xpts><ypts sep=\" \"> 3  4 "
            "</ypts></gf>\n"
            "<aux name=\"call\"><eqn>pts(TIME) + LOOKUP(scaled, 2)</eqn></aux>\n"));
  ASSERT_EQ(model.lookups.size(), 3u);
  EXPECT_EQ(model.lookups[0].name, "pts");
  EXPECT_EQ(model.lookups[0].type, LookupType::kContinuous);
  EXPECT_EQ(model.lookups[0].points,
            (std::vector<std::pair<double, double>>{{0, 0}, {5, 1}, {10, -1}}));
  EXPECT_EQ(model.lookups[1].type, LookupType::kExtrapolate);
  EXPECT_EQ(model.lookups[1].points,
            (std::vector<std::pair<double, double>>{{0, 1}, {15, 2}, {30, 3}, {45, 4}}));
  EXPECT_EQ(model.lookups[2].type, LookupType::kDiscrete);
  EXPECT_EQ(model.lookups[2].points, (std::vector<std::pair<double, double>>{{1, 3}, {2, 4}}));
  ASSERT_EQ(model.auxiliaries.size(), 1u);
  EXPECT_EQ(model.auxiliaries[0].equation.text, "pts(TIME) + LOOKUP(scaled, 2)");
}

TEST(XmileImportTest, AnAuxWithAGraphicalFunctionBecomesAnAuxAndALookup) {
  const StockFlowModel model = Import(
      Xmile("<aux name=\"Effect of Load\"><eqn>load / 2</eqn>"
            "<gf discrete=\"true\"><xscale min=\"0\" max=\"1\"/><ypts>1,5</ypts></gf></aux>\n"
            "<aux name=\"load\"><eqn>TIME</eqn></aux>\n"
            "<aux name=\"user\"><eqn>Effect_of_Load(3) + LOOKUP(effect_of_load, 4) + "
            "effect_of_load</eqn></aux>\n"
            "<flow name=\"f\"><eqn>load</eqn><gf><xpts>0,1</xpts><ypts>0,2</ypts></gf>"
            "<non_negative/></flow>\n"));
  ASSERT_EQ(model.lookups.size(), 2u);
  EXPECT_EQ(model.lookups[0].name, "Effect of Load lookup");
  EXPECT_EQ(model.lookups[0].type, LookupType::kDiscrete);
  EXPECT_EQ(model.lookups[0].points, (std::vector<std::pair<double, double>>{{0, 1}, {1, 5}}));
  ASSERT_EQ(model.auxiliaries.size(), 3u);
  EXPECT_EQ(model.auxiliaries[0].name, "Effect of Load");
  EXPECT_EQ(model.auxiliaries[0].equation.text, "LOOKUP(Effect_of_Load_lookup, load / 2)");
  EXPECT_EQ(model.auxiliaries[2].equation.text,
            "Effect_of_Load_lookup(3) + LOOKUP(Effect_of_Load_lookup, 4) + effect_of_load");
  ASSERT_EQ(model.flows.size(), 1u);
  EXPECT_EQ(model.flows[0].equation.text, "MAX(0, LOOKUP(f_lookup, load))");
  EXPECT_EQ(model.lookups[1].name, "f lookup");
}

TEST(XmileImportTest, AnAuxWithOnlyAGraphicalFunctionIsALookup) {
  const StockFlowModel model =
      Import(Xmile("<aux name=\"table\"><gf><xpts>0,1</xpts><ypts>2,3</ypts></gf></aux>\n"
                   "<aux name=\"b\"><eqn>table(0.5)</eqn></aux>\n"));
  ASSERT_EQ(model.lookups.size(), 1u);
  EXPECT_EQ(model.lookups[0].name, "table");
  ASSERT_EQ(model.auxiliaries.size(), 1u);
  EXPECT_EQ(model.auxiliaries[0].equation.text, "table(0.5)");
}

TEST(XmileImportTest, GeneratedLookupNamesDoNotClash) {
  const StockFlowModel model =
      Import(Xmile("<aux name=\"e\"><eqn>1</eqn><gf><xpts>0,1</xpts><ypts>2,3</ypts></gf></aux>\n"
                   "<aux name=\"e lookup\"><eqn>2</eqn></aux>\n"));
  ASSERT_EQ(model.lookups.size(), 1u);
  EXPECT_EQ(model.lookups[0].name, "e lookup 2");
  EXPECT_EQ(model.auxiliaries[0].equation.text, "LOOKUP(e_lookup_2, 1)");
}

TEST(XmileImportTest, ReportsBadGraphicalFunctions) {
  EXPECT_EQ(Errors(Xmile("<gf name=\"g\"><xpts>0,1</xpts></gf>\n")),
            "m.xmile:4:1: error: graphical function 'g' has no <ypts>\n");
  EXPECT_EQ(Errors(Xmile("<gf name=\"g\"><xpts>0,1,2</xpts><ypts>0,1</ypts></gf>\n")),
            "m.xmile:4:14: error: graphical function 'g' has 3 <xpts> but 2 <ypts>\n");
  EXPECT_EQ(Errors(Xmile("<gf name=\"g\"><xpts>0,2,1</xpts><ypts>0,1,2</ypts></gf>\n")),
            "m.xmile:4:1: error: the x values of graphical function 'g' must increase, but 1 "
            "follows 2\n");
  EXPECT_EQ(Errors(Xmile("<gf name=\"g\"><xpts>0,x</xpts><ypts>0,1</ypts></gf>\n")),
            "m.xmile:4:22: error: <xpts> of graphical function 'g' has 'x', which is not a "
            "number\n");
  EXPECT_EQ(Errors(Xmile("<gf name=\"g\"><ypts>0,1</ypts></gf>\n")),
            "m.xmile:4:1: error: graphical function 'g' has neither <xpts> nor <xscale>\n");
  EXPECT_EQ(Errors(Xmile("<gf name=\"g\" type=\"smooth\"><xpts>0</xpts><ypts>0</ypts></gf>\n")),
            "m.xmile:4:1: error: unknown type 'smooth' of graphical function 'g' (expected "
            "continuous, extrapolate or discrete)\n");
  EXPECT_EQ(Errors(Xmile("<gf name=\"g\"><xscale min=\"1\" max=\"1\"/><ypts>0,1</ypts></gf>\n")),
            "m.xmile:4:14: error: <xscale> of graphical function 'g' needs numbers min < max\n");
}

TEST(XmileImportTest, DecodesNamesWithLineBreaksAndSpecialCharacters) {
  const StockFlowModel model = Import(Xmile(
      "<stock name=\"Stock with \\n Newline\"><eqn>67</eqn>"
      "<inflow>\"Flow_w/_division,_lists\"</inflow></stock>\n"
      "<flow name=\"Flow w/ division, lists\"><eqn>\"Aux_with_$peC!@|_characters\"</eqn></flow>\n"
      "<aux name=\"Aux with $peC!@| characters\"><eqn>21</eqn></aux>\n"));
  ASSERT_EQ(model.stocks.size(), 1u);
  EXPECT_EQ(model.stocks[0].name, "Stock with   Newline");
  EXPECT_EQ(model.stocks[0].normalized, "stock_with_newline");
  ASSERT_EQ(model.flows.size(), 1u);
  EXPECT_EQ(model.flows[0].to, "Stock with   Newline");
  EXPECT_EQ(model.flows[0].equation.text, "\"Aux_with_$peC!@|_characters\"");
}

TEST(XmileImportTest, AnAuxListedAsAStocksFlowBecomesAFlow) {
  // Vensim's XMILE export writes rates as <aux>.
  const StockFlowModel model = Import(
      Xmile("<stock name=\"s\"><eqn>.25</eqn><outflow>f2</outflow><outflow>f1</outflow></stock>\n"
            "<aux name=\"f1\"><eqn>+.72</eqn></aux>\n"
            "<aux name=\"other\"><eqn>1</eqn></aux>\n"
            "<aux name=\"f2\"><eqn>-.67</eqn></aux>\n"));
  EXPECT_EQ(model.stocks[0].initial.text, ".25");
  ASSERT_EQ(model.flows.size(), 2u);
  // Listed as the stock lists its outflows: XMILE's priority order.
  EXPECT_EQ(model.flows[0].name, "f2");
  EXPECT_EQ(model.flows[0].equation.text, "-.67");
  EXPECT_EQ(model.flows[1].name, "f1");
  EXPECT_EQ(model.flows[1].equation.text, "+.72");
  EXPECT_EQ(model.flows[1].from, "s");
  ASSERT_EQ(model.auxiliaries.size(), 1u);
  EXPECT_EQ(model.auxiliaries[0].name, "other");
}

TEST(XmileImportTest, AFlowIntoTwoStocksGetsACopyForTheSecond) {
  const StockFlowModel model =
      Import(Xmile("<stock name=\"a\"><eqn>0</eqn><inflow>rate</inflow></stock>\n"
                   "<stock name=\"b\"><eqn>0</eqn><inflow>rate</inflow></stock>\n"
                   "<flow name=\"rate\"><eqn>2</eqn></flow>\n"));
  ASSERT_EQ(model.flows.size(), 2u);
  EXPECT_EQ(model.flows[0].name, "rate");
  EXPECT_EQ(model.flows[0].to, "a");
  EXPECT_EQ(model.flows[1].name, "rate to b");
  EXPECT_EQ(model.flows[1].to, "b");
  EXPECT_EQ(model.flows[1].equation.text, "rate");
  EXPECT_EQ(model.flows[1].location, (Location{5, 29}));
}

TEST(XmileImportTest, ReportsUndefinedAndWrongFlowReferences) {
  EXPECT_EQ(Errors(Xmile("<stock name=\"s\"><eqn>0</eqn><inflow>arival</inflow></stock>\n"
                         "<flow name=\"arrival\"><eqn>1</eqn></flow>\n")),
            "m.xmile:4:29: error: stock 's' lists inflow 'arival', which is not defined (did you "
            "mean 'arrival'?)\n");
  EXPECT_EQ(Errors(Xmile("<stock name=\"s\"><eqn>0</eqn><outflow>t</outflow></stock>\n"
                         "<stock name=\"t\"><eqn>0</eqn></stock>\n")),
            "m.xmile:4:29: error: stock 's' lists outflow 't', which is a stock, not a flow\n");
}

TEST(XmileImportTest, ReportsDuplicateNames) {
  EXPECT_EQ(Errors(Xmile("<aux name=\"Stock 1\"><eqn>0</eqn></aux>\n"
                         "<stock name=\"stock_1\"><eqn>0</eqn></stock>\n")),
            "m.xmile:5:1: error: duplicate name 'stock_1': the aux 'Stock 1' on line 4 has the "
            "same name\n");
}

TEST(XmileImportTest, ReportsMissingAndEmptyEquations) {
  EXPECT_EQ(Errors(Xmile("<stock name=\"s\"/>\n<aux name=\"a\"><eqn> </eqn></aux>\n")),
            "m.xmile:4:1: error: stock 's' has no initial value (<eqn>)\n"
            "m.xmile:5:1: error: aux 'a' has no equation (<eqn>)\n");
}

TEST(XmileImportTest, ReportsEquationErrorsAtTheirFileLocation) {
  EXPECT_EQ(Errors(Xmile("<aux name=\"a\">\n  <eqn>b &lt; c[1]</eqn></aux>\n")),
            "m.xmile:5:16: error: arrays are not supported: the equation of 'a' uses a "
            "subscript\n");
}

TEST(XmileImportTest, ReportsUnsupportedConstructsNamingTheElement) {
  EXPECT_EQ(Errors(Xmile("<aux name=\"sales\"><dimensions><dim name=\"region\"/></dimensions>"
                         "<eqn>1</eqn></aux>\n")),
            "m.xmile:4:19: error: arrays are not supported: aux 'sales' has dimensions\n");
  EXPECT_EQ(Errors(Xmile("<module name=\"hares\"/>\n")),
            "m.xmile:4:1: error: modules are not supported: module 'hares'\n");
  EXPECT_EQ(Errors(Xmile("<stock name=\"pipe\"><eqn>0</eqn><conveyor><len>2</len></conveyor>"
                         "</stock>\n")),
            "m.xmile:4:32: error: conveyors are not supported: stock 'pipe' is a conveyor\n");
  EXPECT_EQ(Errors(Xmile("<flow name=\"drip\"><eqn>1</eqn><leak/></flow>\n")),
            "m.xmile:4:31: error: conveyor leaks are not supported: flow 'drip' is a leak\n");
  EXPECT_EQ(Errors("<xmile>" + std::string(kSpecs) +
                   "<macro name=\"double\"><eqn>2*x</eqn><parm>x</parm></macro>\n"
                   "<macro name=\"clip\" filter=\"stock\"><eqn>x</eqn></macro>\n"
                   "<model><variables><aux name=\"a\"><eqn>1 + double(2)</eqn></aux></variables>"
                   "</model>\n<model name=\"sub\"><variables/></model></xmile>"),
            "m.xmile:3:1: error: macros are not supported: macro 'clip' filters every stock\n"
            "m.xmile:5:1: error: modules are not supported: submodel 'sub'\n"
            "m.xmile:4:42: error: macros are not supported: the equation of 'a' calls macro "
            "'double'\n");
}

TEST(XmileImportTest, IgnoresMacrosThatAreNeverCalledAndTheNonNegativeFilter) {
  // XMILE 1.0's lynx-hares example defines non_negative as a filter macro.
  const StockFlowModel model =
      Import("<xmile>" + std::string(kSpecs) +
             "<model><variables><aux name=\"a\"><eqn>doubled</eqn></aux>"
             "<aux name=\"doubled\"><eqn>2</eqn></aux></variables></model>\n"
             "<macro name=\"double\"><eqn>2*x</eqn><parm>x</parm></macro>\n"
             "<macro filter=\"flow\" name=\"non_negative\"><parm>flow</parm><parm>value</parm>"
             "<eqn>IF value THEN MAX(flow, 0) ELSE flow</eqn></macro></xmile>");
  ASSERT_EQ(model.auxiliaries.size(), 2u);
  EXPECT_EQ(model.auxiliaries[0].equation.text, "doubled");
}

TEST(XmileImportTest, ReportsFilesThatAreNotXmile) {
  EXPECT_EQ(Errors("<xmile>\n<model>\n<aux name=\"a\"></model>"),
            "m.xmile:3:1: error: <aux> is not closed (add </aux>; </model> at line 3 comes "
            "first)\n");
  // Quoted '>' and '/>' in attributes, comments and self-closing tags are
  // followed; the root left open is reported at its tag.
  EXPECT_EQ(Errors("<xmile a=\"x>y\">\n<!-- <b> -->\n<model><variables/>\n</model>\n"),
            "m.xmile:1:1: error: <xmile> is not closed (add </xmile>; the file ends first)\n");
  EXPECT_EQ(Errors(std::string("<xmile><model><variables><aux name=\"a\"><eqn>1\0</eqn>", 52) +
                   "</aux></variables></model></xmile>"),
            "m.xmile:1:46: error: control character 0x00 is not allowed in XML\n");
  EXPECT_EQ(Errors("<smile/>"),
            "m.xmile:1:1: error: not an XMILE file: the root element is <smile>, not <xmile>\n");
  EXPECT_EQ(Errors("<xmile>" + std::string(kSpecs) + "</xmile>"),
            "m.xmile:1:1: error: the XMILE file has no <model>\n");
  EXPECT_EQ(Errors("<xmile>\n<model name=\"caf\xC3\"/></xmile>"),
            "m.xmile:2:17: error: invalid UTF-8\n");
  EXPECT_EQ(Errors(""), "m.xmile:1:1: error: not well-formed XML: No document element found\n");
}

TEST(XmileImportTest, RefusesFilesOverTheLimits) {
  Diagnostics diagnostics("m.xmile");
  XmileLimits limits;
  limits.max_variables = 1;
  EXPECT_FALSE(ImportXmile(SourceFile("m.xmile", Xmile("<aux name=\"a\"><eqn>1</eqn></aux>\n"
                                                       "<aux name=\"b\"><eqn>1</eqn></aux>\n")),
                           diagnostics, limits));
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(FormatDiagnosticLine(diagnostics.items()[0]),
            "m.xmile:5:1: error: too many variables (the limit is 1)");
}

TEST(XmileImportTest, ImportsFilesAndKeepsTheirSource) {
  const std::string dir = testing::MakeTempDir();
  testing::WriteFile(dir + "/m.stmx", Xmile("<aux name=\"a\"><eqn>1</eqn></aux>\n"));
  Diagnostics diagnostics;
  SourceFile source;
  std::optional<StockFlowModel> model = ImportXmileFile(dir + "/m.stmx", diagnostics, &source);
  ASSERT_TRUE(model);
  EXPECT_EQ(source.path(), dir + "/m.stmx");
  EXPECT_EQ(source.Line(4), "<aux name=\"a\"><eqn>1</eqn></aux>");
  EXPECT_EQ(diagnostics.file(), dir + "/m.stmx");

  Diagnostics missing;
  EXPECT_FALSE(ImportXmileFile(dir + "/none.xmile", missing));
  ASSERT_EQ(missing.items().size(), 1u);
  EXPECT_EQ(missing.items()[0].message,
            "cannot read '" + dir + "/none.xmile': No such file or directory");
}

TEST(XmileImportTest, RecognisesXmilePaths) {
  EXPECT_TRUE(IsXmilePath("teacup.xmile"));
  EXPECT_TRUE(IsXmilePath("dir/Model.STMX"));
  EXPECT_TRUE(IsXmilePath("m.itmx"));
  EXPECT_FALSE(IsXmilePath("answer.yaml"));
  EXPECT_FALSE(IsXmilePath(".xmile"));
}

}  // namespace
}  // namespace sdlab
