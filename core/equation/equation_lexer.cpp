#include "core/equation/equation_lexer.h"

#include <charconv>
#include <cstdio>
#include <system_error>

namespace sdlab {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

Token Make(TokenKind kind, std::size_t offset, std::size_t length, std::string_view text) {
  Token token;
  token.kind = kind;
  token.offset = offset;
  token.length = length;
  token.text = std::string(text);
  return token;
}

Token Error(std::size_t offset, std::string message) {
  return Make(TokenKind::kError, offset, 1, message);
}

// Scans a number starting at `pos` (a digit, or '.' followed by a digit).
Token ScanNumber(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && IsDigit(text[end])) ++end;
  if (end < text.size() && text[end] == '.') {
    ++end;
    while (end < text.size() && IsDigit(text[end])) ++end;
  }
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    std::size_t exponent = end + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    if (exponent >= text.size() || !IsDigit(text[exponent])) {
      return Error(pos, "malformed number '" + std::string(text.substr(pos, exponent - pos)) +
                            "': the exponent has no digits");
    }
    end = exponent;
    while (end < text.size() && IsDigit(text[end])) ++end;
  }
  Token token = Make(TokenKind::kNumber, pos, end - pos, text.substr(pos, end - pos));
  const char* first = text.data() + pos;
  auto [ptr, error] = std::from_chars(first, text.data() + end, token.number);
  if (error == std::errc::result_out_of_range) {
    return Error(pos, "number '" + token.text + "' is out of range");
  }
  if (error != std::errc() || ptr != text.data() + end) {
    return Error(pos, "malformed number '" + token.text + "'");
  }
  if (end < text.size() && IsNameStart(text[end])) {
    return Error(end, "unexpected '" + std::string(1, text[end]) + "' after the number '" +
                          token.text + "'");
  }
  return token;
}

}  // namespace

std::vector<Token> TokenizeEquation(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (true) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos >= text.size()) break;
    char c = text[pos];
    if (c == '{') {  // XMILE comment
      std::size_t close = text.find('}', pos);
      if (close == std::string_view::npos) {
        tokens.push_back(Error(pos, "unterminated comment: '{' without '}'"));
        return tokens;
      }
      pos = close + 1;
      continue;
    }
    if (IsDigit(c) || (c == '.' && pos + 1 < text.size() && IsDigit(text[pos + 1]))) {
      Token token = ScanNumber(text, pos);
      bool error = token.kind == TokenKind::kError;
      pos += token.length;
      tokens.push_back(std::move(token));
      if (error) return tokens;
      continue;
    }
    if (IsNameStart(c)) {
      std::size_t end = pos;
      while (end < text.size() && IsNameChar(text[end])) ++end;
      tokens.push_back(Make(TokenKind::kName, pos, end - pos, text.substr(pos, end - pos)));
      pos = end;
      continue;
    }
    if (c == '"') {
      std::size_t close = text.find('"', pos + 1);
      if (close == std::string_view::npos) {
        tokens.push_back(Error(pos, "unterminated quoted name: '\"' without a closing '\"'"));
        return tokens;
      }
      if (close == pos + 1) {
        tokens.push_back(Error(pos, "empty quoted name"));
        return tokens;
      }
      tokens.push_back(Make(TokenKind::kQuotedName, pos, close + 1 - pos,
                            text.substr(pos + 1, close - pos - 1)));
      pos = close + 1;
      continue;
    }
    auto two = [&](char second) { return pos + 1 < text.size() && text[pos + 1] == second; };
    TokenKind kind = TokenKind::kError;
    std::size_t length = 1;
    switch (c) {
      case '+':
        kind = TokenKind::kPlus;
        break;
      case '-':
        kind = TokenKind::kMinus;
        break;
      case '*':
        kind = TokenKind::kStar;
        break;
      case '/':
        kind = TokenKind::kSlash;
        break;
      case '^':
        kind = TokenKind::kCaret;
        break;
      case '(':
        kind = TokenKind::kLeftParen;
        break;
      case ')':
        kind = TokenKind::kRightParen;
        break;
      case ',':
        kind = TokenKind::kComma;
        break;
      case '=':
        kind = TokenKind::kEqual;
        length = two('=') ? 2 : 1;
        break;
      case '!':
        if (two('=')) {
          kind = TokenKind::kNotEqual;
          length = 2;
        }
        break;
      case '<':
        if (two('>')) {
          kind = TokenKind::kNotEqual;
          length = 2;
        } else if (two('=')) {
          kind = TokenKind::kLessEqual;
          length = 2;
        } else {
          kind = TokenKind::kLess;
        }
        break;
      case '>':
        kind = two('=') ? TokenKind::kGreaterEqual : TokenKind::kGreater;
        length = two('=') ? 2 : 1;
        break;
      default:
        break;
    }
    if (kind == TokenKind::kError) {
      char shown[8] = {c, 0};
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        std::snprintf(shown, sizeof shown, "\\x%02x", static_cast<unsigned>(c));
      }
      tokens.push_back(Error(pos, "unexpected character '" + std::string(shown) + "'"));
      return tokens;
    }
    tokens.push_back(Make(kind, pos, length, text.substr(pos, length)));
    pos += length;
  }
  tokens.push_back(Make(TokenKind::kEnd, text.size(), 0, ""));
  return tokens;
}

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kNumber:
      return "the number " + token.text;
    case TokenKind::kName:
      return "'" + token.text + "'";
    case TokenKind::kQuotedName:
      return "the name \"" + token.text + "\"";
    case TokenKind::kEnd:
      return "the end of the equation";
    case TokenKind::kError:
      return token.text;
    default:
      return "'" + token.text + "'";
  }
}

}  // namespace sdlab
