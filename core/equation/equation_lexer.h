#pragma once
// Splits an equation into tokens. Names are identifiers (letters, digits,
// underscores and any non-ASCII byte, not starting with a digit) or text in
// double quotes; `{...}` is a comment; numbers are `1`, `2.5`, `.5`, `1e-3`.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sdlab {

enum class TokenKind {
  kNumber,
  kName,        // identifier or keyword (IF, AND, MOD ... are names here)
  kQuotedName,  // "Request Queue": never a keyword or a function
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kCaret,
  kLeftParen,
  kRightParen,
  kComma,
  kEqual,     // = or ==
  kNotEqual,  // <> or !=
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kEnd,
  kError,  // `text` holds the message
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::size_t offset = 0;  // first byte in the equation
  std::size_t length = 0;
  std::string text;  // the name (quotes removed), the number's spelling, or the error
  double number = 0;
};

/// Tokenizes the whole equation; the last token is kEnd or the first kError.
std::vector<Token> TokenizeEquation(std::string_view equation);

/// "'+'", "a number", "the name 'x'", "the end of the equation" — for messages.
std::string DescribeToken(const Token& token);

}  // namespace sdlab
