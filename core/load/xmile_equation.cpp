#include "core/load/xmile_equation.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/equation/builtins.h"
#include "core/names.h"

namespace sdlab {

Location LocatedText::At(std::size_t offset) const {
  if (locations.empty()) return element_location;
  return locations[std::min(offset, locations.size() - 1)];
}

LocatedText LocatedText::Trimmed() const {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  LocatedText out;
  out.element_location = element_location;
  out.text = text.substr(begin, end - begin);
  if (locations.size() == text.size()) {
    out.locations.assign(locations.begin() + static_cast<std::ptrdiff_t>(begin),
                         locations.begin() + static_cast<std::ptrdiff_t>(end));
  } else {
    out.locations.assign(out.text.size(), At(begin));
  }
  return out;
}

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool IsNameStart(char c) { return IsAsciiLetter(c) || c == '_' || c == '$' || IsNonAscii(c); }
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }

std::string Upper(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

template <std::size_t N>
bool Contains(const std::array<const char*, N>& list, std::string_view word) {
  const std::string upper = Upper(word);
  return std::any_of(list.begin(), list.end(), [&](const char* item) { return upper == item; });
}

// The namespaces XMILE 1.0 names for vendor-specific functions.
constexpr std::array<const char*, 10> kVendorNamespaces = {
    "STD",  "USER",         "SIMILE",   "ANYLOGIC", "FORIO",
    "ISEE", "INSIGHTMAKER", "POWERSIM", "SYSDYN",   "VENSIM"};

// XMILE 1.0 builtins that sdlab's equation language does not have.
constexpr std::array<const char*, 11> kUnsupportedBuiltins = {
    "EXPRND", "LOGNORMAL", "NORMAL", "POISSON", "FORCST", "SIZE",
    "SUM",    "MEAN",      "STDDEV", "RANK",    "PROD"};

// A function sdlab's equation language has, which a vendor-prefixed call may
// name: a builtin of the equation table, or IF (of IF ... THEN ... ELSE,
// which the parser treats as a keyword).
bool IsSdlabFunction(std::string_view word) {
  return FindBuiltin(word) >= 0 || Upper(word) == "IF";
}

enum class TokenKind { kNumber, kName, kQuoted, kSymbol };

struct Token {
  TokenKind kind = TokenKind::kSymbol;
  std::size_t begin = 0;  // byte range in the equation text
  std::size_t end = 0;
  std::string_view text;
  bool dropped = false;  // a vendor prefix (`isee:`, `std.`)
};

bool IsKeyword(const Token& token, const char* keyword) {
  return token.kind == TokenKind::kName && Upper(token.text) == keyword;
}

bool IsSymbol(const Token& token, std::string_view symbol) {
  return token.kind == TokenKind::kSymbol && token.text == symbol;
}

class Translator {
 public:
  Translator(const LocatedText& equation, std::string_view element, Diagnostics& diagnostics,
             const XmileEquationContext& context)
      : equation_(equation),
        source_(equation.text),
        element_(element),
        diagnostics_(diagnostics),
        context_(context) {}

  std::optional<EquationText> Run() {
    if (!Lex() || !Check()) return std::nullopt;
    return Emit();
  }

 private:
  void Fail(std::size_t offset, std::string message) {
    diagnostics_.Error(equation_.At(offset), std::move(message));
  }

  bool Lex() {
    const std::size_t n = source_.size();
    std::size_t i = 0;
    while (i < n) {
      const char c = source_[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
      } else if (c == '\\' && i + 1 < n && (source_[i + 1] == '\n' || source_[i + 1] == '\r')) {
        i += 2;  // a line continuation: see EmitGap
      } else if (c == '{') {
        const std::size_t close = source_.find('}', i);
        if (close == std::string_view::npos) {
          Fail(i, "unterminated comment in the equation of '" + std::string(element_) +
                      "' (missing '}')");
          return false;
        }
        i = close + 1;
      } else if (c == '"') {
        std::size_t j = i + 1;
        while (j < n && source_[j] != '"') j += (source_[j] == '\\' && j + 1 < n) ? 2 : 1;
        if (j >= n) {
          Fail(i, "unterminated quoted name in the equation of '" + std::string(element_) +
                      "' (missing '\"')");
          return false;
        }
        Push(TokenKind::kQuoted, i, j + 1);
        i = j + 1;
      } else if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(source_[i + 1]))) {
        std::size_t j = i;
        while (j < n && (IsDigit(source_[j]) || source_[j] == '.')) ++j;
        if (j < n && (source_[j] == 'e' || source_[j] == 'E')) {
          std::size_t k = j + 1;
          if (k < n && (source_[k] == '+' || source_[k] == '-')) ++k;
          while (k < n && IsDigit(source_[k])) ++k;
          j = k;
        }
        Push(TokenKind::kNumber, i, j);
        i = j;
      } else if (IsNameStart(c)) {
        std::size_t j = i;
        while (j < n && IsNameChar(source_[j])) ++j;
        Push(TokenKind::kName, i, j);
        i = j;
      } else {
        static constexpr std::array<const char*, 5> kTwoCharSymbols = {"<=", ">=", "<>",
                                                                       "==", "!="};
        std::size_t length = 1;
        for (const char* symbol : kTwoCharSymbols) {
          if (source_.substr(i, 2) == symbol) length = 2;
        }
        Push(TokenKind::kSymbol, i, i + length);
        i += length;
      }
    }
    return true;
  }

  void Push(TokenKind kind, std::size_t begin, std::size_t end) {
    Token token;
    token.kind = kind;
    token.begin = begin;
    token.end = end;
    token.text = source_.substr(begin, end - begin);
    tokens_.push_back(token);
  }

  // Vendor prefixes are dropped; subscripts, module references and builtins
  // sdlab lacks are reported.
  bool Check() {
    bool ok = true;
    const std::string element = std::string(element_);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      Token& token = tokens_[i];
      const Token* next = i + 1 < tokens_.size() ? &tokens_[i + 1] : nullptr;
      const Token* after_next = i + 2 < tokens_.size() ? &tokens_[i + 2] : nullptr;
      if (token.kind == TokenKind::kName && next != nullptr && after_next != nullptr &&
          (IsSymbol(*next, ":") || IsSymbol(*next, ".")) && next->begin == token.end &&
          after_next->begin == next->end && after_next->kind == TokenKind::kName) {
        const std::string qualified(source_.substr(token.begin, after_next->end - token.begin));
        if (Contains(kVendorNamespaces, token.text)) {
          if (!IsSdlabFunction(after_next->text)) {
            Fail(token.begin, "the equation of '" + element + "' uses " + qualified +
                                  ", a vendor function that sdlab does not support");
            ok = false;
          }
          token.dropped = true;
          tokens_[i + 1].dropped = true;
          continue;
        }
        if (IsSymbol(*next, ".")) {
          Fail(token.begin, "modules are not supported: the equation of '" + element +
                                "' refers to '" + qualified + "' inside a module");
          ok = false;
        }
      }
      if (IsSymbol(token, "[")) {
        Fail(token.begin,
             "arrays are not supported: the equation of '" + element + "' uses a subscript");
        ok = false;
      }
      if ((token.kind == TokenKind::kName || token.kind == TokenKind::kQuoted) && next != nullptr &&
          IsSymbol(*next, "(") && !context_.macros.empty()) {
        const std::string name =
            token.kind == TokenKind::kName ? std::string(token.text) : DecodeXmileName(token.text);
        if (context_.macros.count(NormalizeName(name)) > 0) {
          Fail(token.begin, "macros are not supported: the equation of '" + element +
                                "' calls macro '" + name + "'");
          ok = false;
        }
      }
      if (token.kind == TokenKind::kName && next != nullptr && IsSymbol(*next, "(") &&
          Contains(kUnsupportedBuiltins, token.text)) {
        Fail(token.begin, "the equation of '" + element + "' uses " + Upper(token.text) +
                              ", an XMILE builtin that sdlab does not support");
        ok = false;
      }
    }
    return ok;
  }

  const Token* Neighbour(std::size_t index, int direction) const {
    for (std::size_t j = index;;) {
      if (direction < 0 ? j == 0 : j + 1 >= tokens_.size()) return nullptr;
      j = direction < 0 ? j - 1 : j + 1;
      if (!tokens_[j].dropped) return &tokens_[j];
    }
  }

  // The lookup a name refers to when it is called (`name(x)`) or passed to
  // LOOKUP as its table, and its variable keeps its table separately.
  const std::string* CalledTable(std::size_t index) const {
    const Token& token = tokens_[index];
    if (context_.tables.empty() ||
        (token.kind != TokenKind::kName && token.kind != TokenKind::kQuoted)) {
      return nullptr;
    }
    const Token* next = Neighbour(index, 1);
    const Token* previous = Neighbour(index, -1);
    const bool called = next != nullptr && IsSymbol(*next, "(");
    bool looked_up = false;
    if (previous != nullptr && IsSymbol(*previous, "(")) {
      const Token* function = Neighbour(static_cast<std::size_t>(previous - tokens_.data()), -1);
      looked_up = function != nullptr && IsKeyword(*function, "LOOKUP");
    }
    if (!called && !looked_up) return nullptr;
    const std::string name =
        token.kind == TokenKind::kName ? std::string(token.text) : DecodeXmileName(token.text);
    const auto found = context_.tables.find(NormalizeName(name));
    return found == context_.tables.end() ? nullptr : &found->second;
  }

  class Output {
   public:
    explicit Output(const LocatedText& source) : source_(source) {}
    void Put(std::string_view text, std::size_t source_offset) {
      result.text += text;
      result.offsets.insert(result.offsets.end(), text.size(), source_.At(source_offset));
    }
    void Copy(std::size_t begin, std::size_t end) {
      result.text.append(source_.text, begin, end - begin);
      for (std::size_t i = begin; i < end; ++i) result.offsets.push_back(source_.At(i));
    }
    EquationText result;

   private:
    const LocatedText& source_;
  };

  // Quoted names lose XMILE's escapes (our quoted names have none); names
  // with characters our identifiers cannot hold get quotes.
  void EmitToken(std::size_t index, Output& out) const {
    const Token& token = tokens_[index];
    if (const std::string* table = CalledTable(index)) {
      out.Put(*table, token.begin);
    } else if (token.kind == TokenKind::kQuoted) {
      const std::string_view inner = token.text.substr(1, token.text.size() - 2);
      const std::string decoded = DecodeXmileName(token.text);
      if (decoded.find_first_of("\"\\") != std::string::npos || decoded == inner) {
        out.Copy(token.begin, token.end);
      } else {
        out.Put("\"" + decoded + "\"", token.begin);
      }
    } else if (token.kind == TokenKind::kName && !IsPlainIdentifier(token.text)) {
      out.Put("\"" + std::string(token.text) + "\"", token.begin);
    } else {
      out.Copy(token.begin, token.end);
    }
  }

  // The text between tokens (spaces, line breaks, comments) is kept as
  // written, but for a backslash, which XMILE equations use only to continue
  // a line.
  void EmitGap(std::size_t begin, std::size_t end, Output& out) const {
    for (std::size_t i = begin; i < end; ++i) {
      if (source_[i] == '{') {
        const std::size_t close = source_.find('}', i);
        out.Copy(i, close + 1);
        i = close;
      } else if (source_[i] == '\\') {
        out.Put(" ", i);
      } else {
        out.Copy(i, i + 1);
      }
    }
  }

  EquationText Emit() const {
    Output out(equation_);
    std::size_t cursor = 0;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Token& token = tokens_[i];
      EmitGap(cursor, token.begin, out);
      if (!token.dropped) EmitToken(i, out);
      cursor = token.end;
    }
    EmitGap(cursor, source_.size(), out);
    out.result.location =
        out.result.offsets.empty() ? equation_.element_location : out.result.offsets.front();
    return out.result;
  }

  const LocatedText& equation_;
  std::string_view source_;
  std::string_view element_;
  Diagnostics& diagnostics_;
  const XmileEquationContext& context_;
  std::vector<Token> tokens_;
};

}  // namespace

std::optional<EquationText> TranslateXmileEquation(const LocatedText& equation,
                                                   std::string_view element_name,
                                                   Diagnostics& diagnostics,
                                                   const XmileEquationContext& context) {
  const LocatedText trimmed = equation.Trimmed();
  return Translator(trimmed, element_name, diagnostics, context).Run();
}

std::string DecodeXmileName(std::string_view name) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
  while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '\\' && i + 1 < name.size()) {
      const char next = name[i + 1];
      if (next == 'n' || next == '\\' || next == '"') {
        out += next == 'n' ? ' ' : next;
        ++i;
        continue;
      }
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out;
}

bool IsPlainIdentifier(std::string_view word) {
  if (word.empty()) return false;
  auto start = [](char c) { return IsAsciiLetter(c) || c == '_' || IsNonAscii(c); };
  if (!start(word.front())) return false;
  return std::all_of(word.begin(), word.end(), [&](char c) { return start(c) || IsDigit(c); });
}

std::string EquationReference(std::string_view name) {
  const std::string spelling = EquationSpelling(name);
  if (IsPlainIdentifier(spelling)) return spelling;
  return "\"" + std::string(name) + "\"";
}

}  // namespace sdlab
