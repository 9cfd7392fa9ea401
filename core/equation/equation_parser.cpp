#include "core/equation/equation_parser.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/equation/builtins.h"
#include "core/equation/equation_lexer.h"

namespace sdlab {
namespace {

bool IsKeyword(const Token& token, std::string_view keyword) {
  if (token.kind != TokenKind::kName || token.text.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < keyword.size(); ++i) {
    char c = token.text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != keyword[i]) return false;
  }
  return true;
}

bool IsReservedWord(const Token& token) {
  for (const char* word : {"IF", "THEN", "ELSE", "AND", "OR", "NOT", "MOD"}) {
    if (IsKeyword(token, word)) return true;
  }
  return false;
}

// Long operator chains (a + b + c ...) nest without recursion in the parser;
// bound the tree so that recursive walkers stay within the stack.
int TreeDepth(const Expr& root) {
  int deepest = 0;
  std::vector<std::pair<const Expr*, int>> pending = {{&root, 1}};
  while (!pending.empty()) {
    auto [expr, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    for (const ExprPtr& argument : expr->args) pending.emplace_back(argument.get(), depth + 1);
  }
  return deepest;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  ExprPtr ParseAll(ParseError* error) {
    const Token& last = tokens_.back();
    if (last.kind == TokenKind::kError) {
      *error = {last.offset, last.text};
      return nullptr;
    }
    if (Peek().kind == TokenKind::kEnd) {
      *error = {0, "empty equation"};
      return nullptr;
    }
    ExprPtr expr = ParseOr();
    if (expr && Peek().kind != TokenKind::kEnd) {
      Fail(Peek(), "unexpected " + DescribeToken(Peek()) + " after a complete expression");
      expr = nullptr;
    }
    if (expr && TreeDepth(*expr) > kMaxEquationTreeDepth) {
      Fail(tokens_.front(), "equation too long: its expression tree is more than " +
                                std::to_string(kMaxEquationTreeDepth) + " levels deep");
      expr = nullptr;
    }
    if (!expr) *error = error_;
    return expr;
  }

 private:
  const Token& Peek() const { return tokens_[position_]; }
  const Token& Take() { return tokens_[position_ < tokens_.size() - 1 ? position_++ : position_]; }

  void Fail(const Token& at, std::string message) {
    if (!failed_) error_ = {at.offset, std::move(message)};
    failed_ = true;
  }

  bool Expect(TokenKind kind, const char* what) {
    if (Peek().kind == kind) {
      Take();
      return true;
    }
    Fail(Peek(), std::string("expected ") + what + ", found " + DescribeToken(Peek()));
    return false;
  }

  bool ExpectKeyword(const char* keyword) {
    if (IsKeyword(Peek(), keyword)) {
      Take();
      return true;
    }
    Fail(Peek(), std::string("expected ") + keyword + ", found " + DescribeToken(Peek()));
    return false;
  }

  // Guards recursion: every nested call goes through here.
  bool Enter() {
    if (++depth_ > kMaxEquationDepth) {
      Fail(Peek(), "equation nested too deeply (more than " + std::to_string(kMaxEquationDepth) +
                       " levels)");
      return false;
    }
    return true;
  }

  static ExprPtr Binary(BinaryOp op, std::size_t op_offset, ExprPtr left, ExprPtr right) {
    auto node = std::make_unique<Expr>();
    node->kind = ExprKind::kBinary;
    node->binary_op = op;
    node->offset = left->offset;
    node->op_offset = op_offset;
    node->args.push_back(std::move(left));
    node->args.push_back(std::move(right));
    return node;
  }

  // One left-associative precedence level: `next (op next)*`.
  template <typename MatchOp>
  ExprPtr ParseLeftAssociative(ExprPtr (Parser::*next)(), MatchOp match) {
    ExprPtr left = (this->*next)();
    BinaryOp op;
    while (left && match(Peek(), &op)) {
      std::size_t op_offset = Take().offset;
      ExprPtr right = (this->*next)();
      if (!right) return nullptr;
      left = Binary(op, op_offset, std::move(left), std::move(right));
    }
    return left;
  }

  ExprPtr ParseOr() {
    if (!Enter()) return nullptr;
    ExprPtr result = ParseLeftAssociative(&Parser::ParseAnd, [](const Token& t, BinaryOp* op) {
      *op = BinaryOp::kOr;
      return IsKeyword(t, "OR");
    });
    --depth_;
    return result;
  }

  ExprPtr ParseAnd() {
    return ParseLeftAssociative(&Parser::ParseEquality, [](const Token& t, BinaryOp* op) {
      *op = BinaryOp::kAnd;
      return IsKeyword(t, "AND");
    });
  }

  ExprPtr ParseEquality() {
    return ParseLeftAssociative(&Parser::ParseRelation, [](const Token& t, BinaryOp* op) {
      if (t.kind == TokenKind::kEqual)
        *op = BinaryOp::kEqual;
      else if (t.kind == TokenKind::kNotEqual)
        *op = BinaryOp::kNotEqual;
      else
        return false;
      return true;
    });
  }

  ExprPtr ParseRelation() {
    return ParseLeftAssociative(&Parser::ParseAdditive, [](const Token& t, BinaryOp* op) {
      switch (t.kind) {
        case TokenKind::kLess:
          *op = BinaryOp::kLess;
          return true;
        case TokenKind::kLessEqual:
          *op = BinaryOp::kLessEqual;
          return true;
        case TokenKind::kGreater:
          *op = BinaryOp::kGreater;
          return true;
        case TokenKind::kGreaterEqual:
          *op = BinaryOp::kGreaterEqual;
          return true;
        default:
          return false;
      }
    });
  }

  ExprPtr ParseAdditive() {
    return ParseLeftAssociative(&Parser::ParseTerm, [](const Token& t, BinaryOp* op) {
      if (t.kind == TokenKind::kPlus)
        *op = BinaryOp::kAdd;
      else if (t.kind == TokenKind::kMinus)
        *op = BinaryOp::kSubtract;
      else
        return false;
      return true;
    });
  }

  ExprPtr ParseTerm() {
    return ParseLeftAssociative(&Parser::ParseUnary, [](const Token& t, BinaryOp* op) {
      if (t.kind == TokenKind::kStar)
        *op = BinaryOp::kMultiply;
      else if (t.kind == TokenKind::kSlash)
        *op = BinaryOp::kDivide;
      else if (IsKeyword(t, "MOD"))
        *op = BinaryOp::kModulo;
      else
        return false;
      return true;
    });
  }

  ExprPtr ParseUnary() {
    const Token& token = Peek();
    UnaryOp op;
    if (token.kind == TokenKind::kMinus)
      op = UnaryOp::kNegate;
    else if (token.kind == TokenKind::kPlus)
      op = UnaryOp::kPlus;
    else if (IsKeyword(token, "NOT"))
      op = UnaryOp::kNot;
    else
      return ParsePower();
    if (!Enter()) return nullptr;
    auto node = std::make_unique<Expr>();
    node->kind = ExprKind::kUnary;
    node->unary_op = op;
    node->offset = Take().offset;
    ExprPtr operand = ParseUnary();
    --depth_;
    if (!operand) return nullptr;
    node->args.push_back(std::move(operand));
    return node;
  }

  ExprPtr ParsePower() {
    ExprPtr base = ParsePrimary();
    if (!base || Peek().kind != TokenKind::kCaret) return base;
    std::size_t op_offset = Take().offset;
    if (!Enter()) return nullptr;
    ExprPtr exponent = ParseUnary();  // right-associative: 2^3^2 = 2^(3^2)
    --depth_;
    if (!exponent) return nullptr;
    return Binary(BinaryOp::kPower, op_offset, std::move(base), std::move(exponent));
  }

  ExprPtr ParseIf() {
    auto node = std::make_unique<Expr>();
    node->kind = ExprKind::kIf;
    node->offset = Take().offset;
    ExprPtr condition = ParseOr();
    if (!condition || !ExpectKeyword("THEN")) return nullptr;
    ExprPtr then_value = ParseOr();
    if (!then_value || !ExpectKeyword("ELSE")) return nullptr;
    ExprPtr else_value = ParseOr();
    if (!else_value) return nullptr;
    node->args.push_back(std::move(condition));
    node->args.push_back(std::move(then_value));
    node->args.push_back(std::move(else_value));
    return node;
  }

  ExprPtr ParseCall(const Token& name) {
    auto node = std::make_unique<Expr>();
    node->kind = ExprKind::kCall;
    node->offset = name.offset;
    node->op_offset = name.offset;
    node->name = name.text;
    node->builtin = FindBuiltin(name.text);
    Take();  // '('
    if (Peek().kind != TokenKind::kRightParen) {
      while (true) {
        ExprPtr argument = ParseOr();
        if (!argument) return nullptr;
        node->args.push_back(std::move(argument));
        if (Peek().kind != TokenKind::kComma) break;
        Take();
      }
    }
    if (!Expect(TokenKind::kRightParen, "',' or ')' in the argument list")) return nullptr;
    return node;
  }

  ExprPtr ParsePrimary() {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kNumber: {
        auto node = std::make_unique<Expr>();
        node->kind = ExprKind::kNumber;
        node->offset = token.offset;
        node->number = Take().number;
        return node;
      }
      case TokenKind::kLeftParen: {
        Take();
        ExprPtr inner = ParseOr();
        if (!inner || !Expect(TokenKind::kRightParen, "')'")) return nullptr;
        return inner;
      }
      case TokenKind::kName:
        if (IsKeyword(token, "IF")) {
          if (!Enter()) return nullptr;
          ExprPtr node = ParseIf();
          --depth_;
          return node;
        }
        // MOD is both XMILE's infix operator and, in the submission format,
        // a function: `MOD(a, b)` in operand position is the builtin call.
        if (IsReservedWord(token) &&
            !(IsKeyword(token, "MOD") && tokens_[position_ + 1].kind == TokenKind::kLeftParen)) {
          Fail(token, "expected an expression, found the keyword '" + token.text + "'");
          return nullptr;
        }
        [[fallthrough]];
      case TokenKind::kQuotedName: {
        if (tokens_[position_ + 1].kind == TokenKind::kLeftParen) {
          Token name = Take();
          if (!Enter()) return nullptr;
          ExprPtr node = ParseCall(name);
          --depth_;
          return node;
        }
        auto node = std::make_unique<Expr>();
        node->kind = ExprKind::kVariable;
        node->offset = token.offset;
        node->op_offset = token.offset;
        node->name = Take().text;
        return node;
      }
      default:
        Fail(token, "expected an expression, found " + DescribeToken(token));
        return nullptr;
    }
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
  int depth_ = 0;
  bool failed_ = false;
  ParseError error_;
};

}  // namespace

ExprPtr ParseEquation(std::string_view equation, ParseError* error) {
  Parser parser(TokenizeEquation(equation));
  return parser.ParseAll(error);
}

}  // namespace sdlab
