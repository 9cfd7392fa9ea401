#pragma once
// XMILE equations in sdlab's equation language. Ours is XMILE's (infix MOD,
// IF THEN ELSE, `{comments}`, `.5`, unary '+', quoted names), so an equation
// is kept byte for byte and rewritten only where the two differ: quoted names
// lose XMILE's escapes (`\n` in a name is a line break), names with characters
// our identifiers cannot hold are quoted, vendor prefixes (`isee:`, `std.`)
// on builtins are dropped, a backslash continuing a line becomes a space, and
// a call of a variable's graphical function goes to the lookup that keeps
// it. Every byte of the result keeps its file location. Constructs sdlab does
// not support (subscripts, module references, XMILE builtins we lack) are
// reported, located, naming the element.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/submission.h"

namespace sdlab {

/// Text read from the XML (entities decoded, newlines normalised) with the
/// file location of each of its bytes.
struct LocatedText {
  std::string text;
  std::vector<Location> locations;  // locations.size() == text.size()
  /// Where the element holding the text starts (used when the text is empty).
  Location element_location;

  /// The location of byte `offset` (the last byte's for offsets past the end).
  Location At(std::size_t offset) const;
  /// The text without leading and trailing whitespace, locations kept.
  LocatedText Trimmed() const;
};

/// What an equation's translation needs to know about the rest of the file.
struct XmileEquationContext {
  /// Variables whose graphical function sdlab keeps as a separate lookup: the
  /// variable's normalized name -> how an equation refers to the lookup.
  /// XMILE lets an equation call such a variable's table as `name(x)` or
  /// `LOOKUP(name, x)`; those calls are redirected to the lookup.
  std::map<std::string, std::string> tables;
  /// Normalized names of the file's macros: calling one is an error.
  std::set<std::string> macros;
};

/// Translates one XMILE equation of element `element_name` into sdlab's
/// equation language. Returns the trimmed result with per-byte locations
/// (`EquationText::offsets`), or nullopt after reporting an error (an
/// unterminated comment or quoted name, a subscript, a module reference, an
/// unsupported builtin, a macro call). An empty equation is returned as
/// empty text.
std::optional<EquationText> TranslateXmileEquation(const LocatedText& equation,
                                                   std::string_view element_name,
                                                   Diagnostics& diagnostics,
                                                   const XmileEquationContext& context = {});

/// A name as XMILE writes it in a `name` attribute or an `<inflow>`: trimmed,
/// surrounding double quotes removed, the escapes `\n` (a line break, kept as
/// a space), `\\` and `\"` decoded, line breaks and tabs turned into spaces.
std::string DecodeXmileName(std::string_view name);

/// How an equation refers to `name`: its EquationSpelling when that is a
/// plain identifier (letters, digits, '_', non-ASCII), else the name in
/// double quotes.
std::string EquationReference(std::string_view name);

/// True for a plain identifier: a letter, '_' or non-ASCII byte first, then
/// letters, digits, '_' or non-ASCII bytes.
bool IsPlainIdentifier(std::string_view word);

}  // namespace sdlab
