// libFuzzer target: a submission's YAML text through the strict loader
// (core/load/submission_loader.h), then its diagnostics formatted as the
// program prints them (source line and caret), so that a location past the
// end of a line or of the file is exercised too.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/diagnostic.h"
#include "core/load/submission_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sdlab::SourceFile source("fuzz.yaml",
                                 std::string(reinterpret_cast<const char*>(data), size));
  sdlab::Diagnostics diagnostics(source.path());
  sdlab::LoadSubmission(source, diagnostics);
  sdlab::FormatDiagnostics(diagnostics, &source);
  return 0;
}
