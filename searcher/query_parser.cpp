#include "searcher/query_parser.h"

#include <algorithm>
#include <optional>

#include "analysis/text/text_normalizer.h"
#include "analysis/text/tokenizer.h"
#include "schema/gazetteer.h"
#include "searcher/search_request.h"

namespace communique {
namespace {

constexpr int kMaxDepth = 16;         // parentheses (docs/security.md)
constexpr unsigned kMaxWindow = 100;  // NEAR/n, ADJ/n
constexpr unsigned kDefaultWindow = 10;

}  // namespace

size_t PhraseQuoteAt(std::string_view s, size_t i) {
  static constexpr std::string_view kQuotes[] = {
      "\"",           "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xE2\x80\x9F",
      "\xC2\xAB",     "\xC2\xBB",     "\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E",
      "\xE3\x80\x8F", "\xE3\x80\x9D", "\xE3\x80\x9E", "\xEF\xBC\x82"};
  for (std::string_view q : kQuotes) {
    if (s.compare(i, q.size(), q) == 0) return q.size();
  }
  return 0;
}

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

struct Lexeme {
  enum class Type { kRun, kPhrase, kField, kOpen, kClose, kAnd, kOr, kXor, kNot, kNear, kEnd };
  Type type = Type::kEnd;
  std::string_view text;  // run, phrase content or field value
  size_t begin = 0;       // offset of `text` in the query
  // The lexeme as written: with its sign, quotes and field prefix.
  size_t from = 0, to = 0;
  char sign = 0;  // '+' or '-' written right before it
  unsigned window = kDefaultWindow;
  bool ordered = false;
  bool quoted_value = false;  // kField: the value was a quoted phrase
  const QueryField* field = nullptr;
  std::string name;  // kField: the prefix as written; operators: as written
};

Status Bad(const std::string& message) { return Status::BadRequest(message); }

// Splits the query into lexemes. Fails only on a malformed NEAR/n.
Result<std::vector<Lexeme>> Lex(std::string_view s, const QuerySyntax& syntax) {
  std::vector<Lexeme> out;
  char sign = 0;
  size_t sign_from = 0;
  auto push = [&](Lexeme l) {
    bool primary = l.type == Lexeme::Type::kRun || l.type == Lexeme::Type::kPhrase ||
                   l.type == Lexeme::Type::kField || l.type == Lexeme::Type::kOpen;
    if (primary) l.sign = sign;
    if (primary && sign) l.from = sign_from;
    sign = 0;
    out.push_back(std::move(l));
  };
  // The phrase whose opening quote (q bytes) is at i: its text and where
  // scanning goes on. An unclosed quote runs to the end.
  auto phrase_at = [&](size_t i, size_t q, Lexeme& l) {
    size_t j = i + q, k = j;
    while (k < s.size() && !PhraseQuoteAt(s, k)) ++k;
    l.text = s.substr(j, k - j);
    l.begin = j;
    return k < s.size() ? k + PhraseQuoteAt(s, k) : k;
  };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsSpace(c)) {
      sign = 0;  // "- putin": a dash on its own is punctuation
      ++i;
      continue;
    }
    if (c == '(' || c == ')') {
      Lexeme l;
      l.type = c == '(' ? Lexeme::Type::kOpen : Lexeme::Type::kClose;
      l.from = i;
      l.to = i + 1;
      l.begin = i++;
      push(l);
      continue;
    }
    if (size_t q = PhraseQuoteAt(s, i)) {
      Lexeme l;
      l.type = Lexeme::Type::kPhrase;
      l.from = i;
      i = phrase_at(i, q, l);
      l.to = i;
      push(l);
      continue;
    }
    if ((c == '+' || c == '-') && i + 1 < s.size() && !IsSpace(s[i + 1]) && s[i + 1] != ')') {
      if (!sign) sign_from = i;
      sign = sign == '-' || c == '-' ? '-' : '+';
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j]) && s[j] != '(' && s[j] != ')' && !PhraseQuoteAt(s, j))
      ++j;
    std::string_view run = s.substr(i, j - i);
    Lexeme l;
    l.begin = i;
    l.text = run;
    l.name = std::string(run);
    if (run == "AND") {
      l.type = Lexeme::Type::kAnd;
    } else if (run == "OR") {
      l.type = Lexeme::Type::kOr;
    } else if (run == "XOR") {
      l.type = Lexeme::Type::kXor;
    } else if (run == "NOT") {
      l.type = Lexeme::Type::kNot;
    } else if (run.substr(0, 4) == "NEAR" || run.substr(0, 3) == "ADJ") {
      l.ordered = run[0] == 'A';
      std::string_view rest = run.substr(l.ordered ? 3 : 4);
      if (rest.empty()) {
        l.type = Lexeme::Type::kNear;
      } else if (rest[0] == '/') {
        std::string_view digits = rest.substr(1);
        bool number = !digits.empty() && digits.size() <= 4 &&
                      digits.find_first_not_of("0123456789") == std::string_view::npos;
        unsigned n = number ? static_cast<unsigned>(std::stoul(std::string(digits))) : 0;
        std::string op(run.substr(0, l.ordered ? 3 : 4));
        if (n < 1 || n > kMaxWindow)
          return Bad(op + "/n takes a number of words from 1 to " + std::to_string(kMaxWindow) +
                     ", e.g. Putin " + op + "/5 Modi");
        l.type = Lexeme::Type::kNear;
        l.window = n;
      } else {
        l.type = Lexeme::Type::kRun;  // a word such as "NEARBY" or "ADJUST"
      }
    } else {
      l.type = Lexeme::Type::kRun;
    }
    if (l.type == Lexeme::Type::kRun) {
      size_t colon = run.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        auto f = syntax.find(AsciiLower(run.substr(0, colon)));
        if (f != syntax.end()) {
          l.type = Lexeme::Type::kField;
          l.field = &f->second;
          l.name = std::string(run.substr(0, colon));
          l.text = run.substr(colon + 1);
          l.begin = i + colon + 1;
          if (l.text.empty() && j < s.size()) {
            if (size_t q = PhraseQuoteAt(s, j)) {
              j = phrase_at(j, q, l);
              l.quoted_value = true;
            }
          }
        }
      }
    }
    l.from = i;
    l.to = j;
    i = j;
    push(l);
  }
  Lexeme end;
  end.type = Lexeme::Type::kEnd;
  end.begin = s.size();
  out.push_back(end);
  return out;
}

// Removes every ")" that closes no "(": the query means what it would
// without it, wherever it stands ("a OR b ) c" is "a OR b c", and
// "putin AND ) khan" is "putin AND khan"), as query_parser.h documents.
void DropStrayCloses(std::vector<Lexeme>& lexemes) {
  size_t open = 0, kept = 0;
  for (size_t i = 0; i < lexemes.size(); ++i) {
    if (lexemes[i].type == Lexeme::Type::kOpen) ++open;
    if (lexemes[i].type == Lexeme::Type::kClose) {
      if (open == 0) continue;
      --open;
    }
    if (kept != i) lexemes[kept] = std::move(lexemes[i]);
    ++kept;
  }
  lexemes.resize(kept);
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Lexeme> lexemes)
      : text_(text), lx_(std::move(lexemes)) {}

  // Stray ")"s are gone (DropStrayCloses), so Or() reads to the end.
  Result<QueryNode> Parse() { return Or(); }

  size_t words() const { return words_; }
  bool has_phrase() const { return has_phrase_; }

 private:
  const Lexeme& Peek() const { return lx_[pos_]; }
  bool AtEnd() const { return Peek().type == Lexeme::Type::kEnd; }

  Result<QueryNode> Or() { return Binary(Lexeme::Type::kOr, QueryNode::Kind::kOr, 0); }

  // level 0: OR over XOR groups; level 1: XOR over AND groups.
  Result<QueryNode> Binary(Lexeme::Type op, QueryNode::Kind kind, int level) {
    auto operand = [&]() -> Result<QueryNode> {
      return level == 0 ? Binary(Lexeme::Type::kXor, QueryNode::Kind::kXor, 1) : And();
    };
    auto first = operand();
    if (!first.ok()) return first;
    if (Peek().type != op) return first;
    QueryNode n;
    n.kind = kind;
    n.children.push_back(std::move(first).value());
    while (Peek().type == op) {
      std::string name = Peek().name;
      ++pos_;
      auto next = operand();
      if (!next.ok()) return next;
      if (IsEmpty(next.value()) || IsEmpty(n.children.back()))
        return Bad(name + " needs something to search for on both sides, e.g. Putin " + name +
                   " Xi");
      n.children.push_back(std::move(next).value());
    }
    return n;
  }

  static bool IsEmpty(const QueryNode& n) {
    return n.kind == QueryNode::Kind::kAnd && n.children.empty() && n.excluded.empty();
  }

  // Everything up to the next OR, XOR, ")" or the end: AND, written or not.
  Result<QueryNode> And() {
    QueryNode n;
    n.kind = QueryNode::Kind::kAnd;
    bool pending_and = false;
    // A NOT before punctuation or "()" waits for the next real part, so
    // "khan NOT, putin" leaves putin out rather than requiring it.
    bool pending_not = false;
    size_t not_from = 0;  // where the pending NOT was written
    for (;;) {
      const Lexeme& l = Peek();
      if (l.type == Lexeme::Type::kEnd || l.type == Lexeme::Type::kOr ||
          l.type == Lexeme::Type::kXor || l.type == Lexeme::Type::kClose) {
        if (pending_and)
          return Bad("AND needs something to search for on both sides, e.g. Putin AND Xi");
        return n;
      }
      if (l.type == Lexeme::Type::kAnd) {
        if (IsEmpty(n) || pending_and)
          return Bad("AND needs something to search for on both sides, e.g. Putin AND Xi");
        pending_and = true;
        ++pos_;
        continue;
      }
      bool negated = pending_not;
      pending_not = false;
      size_t from = negated ? not_from : l.from;
      if (l.type == Lexeme::Type::kNot) {
        ++pos_;
        negated = true;
        const Lexeme& after = Peek();
        if (after.type == Lexeme::Type::kEnd || after.type == Lexeme::Type::kOr ||
            after.type == Lexeme::Type::kXor || after.type == Lexeme::Type::kClose ||
            after.type == Lexeme::Type::kAnd || after.type == Lexeme::Type::kNot ||
            after.type == Lexeme::Type::kNear)
          return Bad("NOT needs a word after it, e.g. Khan NOT Putin (or Khan -Putin)");
      }
      if (Peek().type == Lexeme::Type::kNear)
        return Bad(Peek().name + " needs a word on each side, e.g. Putin " + Peek().name + " Modi");
      char sign = Peek().sign;
      auto item = Near();
      if (!item.ok()) return item;
      pending_and = false;
      std::optional<QueryNode> part = std::move(item).value();
      if (IsEmpty(*part)) {  // punctuation only, or "()"
        pending_not = negated;
        not_from = from;
        continue;
      }
      part->written_begin = from;
      part->written_end = lx_[pos_ - 1].to;
      if (sign == '+') part->required = true;
      if (negated || sign == '-')
        n.excluded.push_back(std::move(*part));
      else
        n.children.push_back(std::move(*part));
    }
  }

  // primary (NEAR|ADJ primary)*: one proximity group of single words.
  Result<QueryNode> Near() {
    auto first = Primary();
    if (!first.ok() || Peek().type != Lexeme::Type::kNear) return first;
    QueryNode n;
    n.kind = QueryNode::Kind::kNear;
    n.window = Peek().window;
    n.ordered = Peek().ordered;
    std::string name = Peek().name;
    auto add = [&](const QueryNode& operand) -> Status {
      if (operand.kind != QueryNode::Kind::kWord || operand.wildcard || !operand.field.empty())
        return Bad(name + " joins single words, e.g. Putin " + name +
                   " Modi (for exact words in order use a \"phrase\")");
      n.words.push_back(operand.words[0]);
      return Status::Ok();
    };
    if (Status s = add(first.value()); !s.ok()) return s;
    while (Peek().type == Lexeme::Type::kNear) {
      // One group takes one width and order: the loosest written.
      n.window = std::max(n.window, Peek().window);
      n.ordered = n.ordered && Peek().ordered;
      ++pos_;
      if (Peek().type != Lexeme::Type::kRun)
        return Bad(name + " needs a word on each side, e.g. Putin " + name + " Modi");
      auto next = Primary();
      if (!next.ok()) return next;
      if (Status s = add(next.value()); !s.ok()) return s;
    }
    return n;
  }

  Result<QueryNode> Primary() {
    const Lexeme l = Peek();
    ++pos_;
    switch (l.type) {
      case Lexeme::Type::kOpen: {
        if (++depth_ > kMaxDepth)
          return Bad("query nests parentheses too deeply (at most " + std::to_string(kMaxDepth) +
                     " levels)");
        auto inner = Or();
        if (!inner.ok()) return inner;
        if (Peek().type == Lexeme::Type::kClose) ++pos_;  // else closed at the end
        --depth_;
        return inner;
      }
      case Lexeme::Type::kPhrase:
        return Words(l.text, l.begin, "", /*quoted=*/true, /*wildcard=*/false);
      case Lexeme::Type::kField:
        return Field(l);
      case Lexeme::Type::kRun: {
        std::string_view run = l.text;
        bool wildcard = !run.empty() && run.back() == '*';
        while (!run.empty() && run.back() == '*') run.remove_suffix(1);
        if (wildcard && Tokenize(run).empty())
          return Bad("a wildcard goes right after the start of a word, e.g. sanction*");
        return Words(run, l.begin, "", false, wildcard);
      }
      default:
        return QueryNode{};  // unreachable: callers peek first
    }
  }

  // The words of `text` (at `begin` in the query) as one word or a phrase.
  Result<QueryNode> Words(std::string_view text, size_t begin, const std::string& field,
                          bool quoted, bool wildcard) {
    std::vector<Token> tokens = Tokenize(text);
    QueryNode n;
    n.field = field;
    n.quoted = quoted;
    if (tokens.empty()) return n;  // an empty kAnd: nothing to search for
    words_ += tokens.size();
    if (tokens.size() == 1 || wildcard) {
      // "U.S.-China*": the words before the wildcard must match too.
      QueryNode all;
      all.kind = QueryNode::Kind::kAnd;
      for (size_t k = 0; k < tokens.size(); ++k) {
        QueryNode w;
        w.kind = QueryNode::Kind::kWord;
        w.field = field;
        w.quoted = quoted;
        w.words = {tokens[k].folded};
        w.begin = begin + tokens[k].begin;
        w.end = begin + tokens[k].end;
        w.wildcard = wildcard && k + 1 == tokens.size();
        if (quoted) has_phrase_ = true;
        if (tokens.size() == 1) return w;
        all.children.push_back(std::move(w));
      }
      return all;
    }
    n.kind = QueryNode::Kind::kPhrase;
    n.begin = begin;
    n.end = begin + text.size();
    for (const Token& t : tokens) n.words.push_back(t.folded);
    n.joined = !quoted;
    for (size_t k = 1; k < tokens.size(); ++k) n.joined &= tokens[k].begin == tokens[k - 1].end;
    if (quoted) has_phrase_ = true;
    return n;
  }

  Result<QueryNode> Field(const Lexeme& l) {
    std::string_view value = l.text;
    while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
    while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
    if (value.empty())
      return Bad(l.name + ": needs a value right after the colon, e.g. " +
                 Example(*l.field, l.name));
    switch (l.field->kind) {
      case QueryField::Kind::kText:
        return Words(value, l.begin, l.field->field, l.quoted_value, false);
      case QueryField::Kind::kDate: {
        QueryNode n;
        n.kind = QueryNode::Kind::kDate;
        size_t dots = value.find("..");
        std::string_view a = value.substr(0, dots);
        std::string_view b = dots == std::string_view::npos ? a : value.substr(dots + 2);
        if (!a.empty()) {
          auto from = ParseDateBound(std::string(a), false);
          if (!from.ok()) return Bad(DateHelp(l.name, value));
          n.from = from.value();
        }
        if (!b.empty()) {
          auto to = ParseDateBound(std::string(b), true);
          if (!to.ok()) return Bad(DateHelp(l.name, value));
          n.to = to.value();
        }
        if (n.from.empty() && n.to.empty()) return Bad(DateHelp(l.name, value));
        if (!n.from.empty() && !n.to.empty() && n.from > n.to)
          return Bad(l.name + ":" + std::string(value) + " ends before it starts");
        return n;
      }
      case QueryField::Kind::kFilter: {
        QueryNode n;
        n.kind = QueryNode::Kind::kFilter;
        n.field = l.field->field;
        n.value = std::string(value);
        return n;
      }
    }
    return QueryNode{};
  }

  static std::string Example(const QueryField& f, const std::string& name) {
    switch (f.kind) {
      case QueryField::Kind::kText:
        return name + ":putin or " + name + ":\"phone call\"";
      case QueryField::Kind::kDate:
        return name + ":2021-09, " + name + ":2021 or " + name + ":2021-09-01..2021-09-30";
      case QueryField::Kind::kFilter:
        break;
    }
    return name + ":\"Atlas Daily\" or " + name + ":pakistan";
  }

  static std::string DateHelp(const std::string& name, std::string_view value) {
    return name + ":" + std::string(value.substr(0, 40)) + " is not a date or range; write " +
           name + ":2021-09-14, " + name + ":2021-09, " + name + ":2021 or " + name +
           ":2021-09-01..2021-09-30 (either end may be left open)";
  }

  std::string_view text_;
  std::vector<Lexeme> lx_;
  size_t pos_ = 0;
  int depth_ = 0;
  size_t words_ = 0;
  bool has_phrase_ = false;
};

// A kAnd of one part is that part.
const QueryNode& Unwrapped(const QueryNode& n) {
  if (n.kind == QueryNode::Kind::kAnd && n.children.size() == 1 && n.excluded.empty())
    return Unwrapped(n.children[0]);
  return n;
}

void UnparseInto(const QueryNode& node, std::string& out) {
  const QueryNode& n = Unwrapped(node);
  auto join = [&](const std::vector<QueryNode>& parts, const char* op) {
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) out += op;
      const QueryNode& p = Unwrapped(parts[i]);
      bool group = p.kind == QueryNode::Kind::kOr || p.kind == QueryNode::Kind::kXor ||
                   p.kind == QueryNode::Kind::kAnd;
      if (group) out += '(';
      UnparseInto(p, out);
      if (group) out += ')';
    }
  };
  auto prefix = [&](const QueryNode& w) {
    if (!w.field.empty()) out += w.field + ":";
  };
  switch (n.kind) {
    case QueryNode::Kind::kWord:
      prefix(n);
      if (n.quoted) out += '"';
      out += n.words[0];
      if (n.wildcard) out += '*';
      if (n.quoted) out += '"';
      return;
    case QueryNode::Kind::kPhrase: {
      prefix(n);
      out += '"';
      for (size_t i = 0; i < n.words.size(); ++i) out += (i ? " " : "") + n.words[i];
      out += '"';
      return;
    }
    case QueryNode::Kind::kFilter:
      out += n.field + ":\"" + n.value + "\"";
      return;
    case QueryNode::Kind::kDate:
      out += "date:" + n.from + ".." + n.to;
      return;
    case QueryNode::Kind::kNear:
      for (size_t i = 0; i < n.words.size(); ++i) {
        if (i) out += std::string(n.ordered ? " ADJ/" : " NEAR/") + std::to_string(n.window) + " ";
        out += n.words[i];
      }
      return;
    case QueryNode::Kind::kOr:
      join(n.children, " OR ");
      return;
    case QueryNode::Kind::kXor:
      join(n.children, " XOR ");
      return;
    case QueryNode::Kind::kAnd:
      join(n.children, " ");
      for (const QueryNode& x : n.excluded) {
        if (!out.empty()) out += ' ';
        out += "NOT ";
        std::vector<QueryNode> one{x};
        join(one, "");
      }
      return;
  }
}

}  // namespace

Result<ParsedText> ParseQueryText(std::string_view q, const QuerySyntax& syntax) {
  ParsedText out;
  out.text = NormalizeText(q);
  for (char& c : out.text) {
    if (c == '\n') c = ' ';
  }
  auto lexemes = Lex(out.text, syntax);
  if (!lexemes.ok()) return lexemes.status();
  DropStrayCloses(lexemes.value());
  Parser parser(out.text, std::move(lexemes).value());
  auto root = parser.Parse();
  if (!root.ok()) return root.status();
  out.root = std::move(root).value();
  out.words = parser.words();
  out.has_phrase = parser.has_phrase();
  return out;
}

std::string Unparse(const QueryNode& node) {
  std::string out;
  UnparseInto(node, out);
  return out;
}

QueryNode WithoutQuotes(const QueryNode& node) {
  // A field's phrase stays (title:"a b" has no unquoted form in the text).
  if (node.kind == QueryNode::Kind::kPhrase && node.field.empty()) {
    QueryNode all;
    all.kind = QueryNode::Kind::kAnd;
    for (const std::string& w : node.words) {
      QueryNode word;
      word.kind = QueryNode::Kind::kWord;
      word.field = node.field;
      word.words = {w};
      all.children.push_back(std::move(word));
    }
    return all;
  }
  QueryNode out = node;
  out.quoted = false;
  for (QueryNode& c : out.children) c = WithoutQuotes(c);
  for (QueryNode& c : out.excluded) c = WithoutQuotes(c);
  return out;
}

}  // namespace communique
