// libFuzzer target: a rubric's YAML text through the rubric loader
// (core/grade/rubric_loader.h, LoadRubricText: no `extends:` is followed, so
// the input never reaches the file system), then its diagnostics formatted.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/diagnostic.h"
#include "core/grade/rubric_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sdlab::SourceFile source("fuzz-rubric.yaml",
                                 std::string(reinterpret_cast<const char*>(data), size));
  sdlab::Diagnostics diagnostics(source.path());
  sdlab::LoadRubricText(source, diagnostics);
  sdlab::FormatDiagnostics(diagnostics, &source);
  return 0;
}
