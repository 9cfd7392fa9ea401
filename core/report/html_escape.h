#pragma once
// Escaping for HTML and SVG text and attribute values: student text is data.

#include <string>
#include <string_view>

namespace sdlab {

/// `&` `<` `>` `"` `'` as character references; invalid UTF-8 bytes and
/// control characters other than newline and tab become '?'. Safe both in
/// element content and in a quoted attribute value.
std::string EscapeHtml(std::string_view text);

/// Base64 (RFC 4648, with padding), for `data:` URLs.
std::string Base64Encode(std::string_view bytes);

}  // namespace sdlab
