// libFuzzer target: XMILE text through the importer (core/load/xmile_import.h,
// pugixml underneath, then the XMILE equation translation), then its
// diagnostics formatted.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/diagnostic.h"
#include "core/load/xmile_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sdlab::SourceFile source("fuzz.xmile",
                                 std::string(reinterpret_cast<const char*>(data), size));
  sdlab::Diagnostics diagnostics(source.path());
  sdlab::ImportXmile(source, diagnostics);
  sdlab::FormatDiagnostics(diagnostics, &source);
  return 0;
}
