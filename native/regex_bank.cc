#include "regex_bank.h"

#include <re2/re2.h>
#include <re2/regexp.h>

#include <cstring>

#include "ascii.h"
#include "pattern.h"  // the `re2` package's JavaScript-to-RE2 translation (lib/pattern.cc)
#include "piece_program.h"

namespace logsig {

namespace {

// As the `re2` package's constructor does (lib/new.cc): translate, then these options.
std::string Translate(const std::string& source, const std::string& flags) {
  std::vector<char> translated;
  if (translateRegExp(source.data(), source.size(), flags.find('m') != std::string::npos, translated)) {
    return std::string(translated.data(), translated.size() - 1);
  }
  return source;
}

re2::RE2::Options OptionsFor(const std::string& flags) {
  re2::RE2::Options options;
  options.set_case_sensitive(flags.find('i') == std::string::npos);
  options.set_one_line(flags.find('m') == std::string::npos);
  options.set_dot_nl(flags.find('s') != std::string::npos);
  options.set_log_errors(false);
  return options;
}

std::unique_ptr<re2::RE2> Compile(const std::string& source, const std::string& flags, const char* wrap_before,
                                  const char* wrap_after) {
  return std::make_unique<re2::RE2>(wrap_before + Translate(source, flags) + wrap_after, OptionsFor(flags));
}

// A piece's program, from RE2's parse of the piece as Compile would give it RE2. False (no
// program) when it does not parse or cannot be expressed: the piece then gets its RE2.
bool BuildProgram(PieceProgram& program, const std::string& source, const std::string& flags, bool reverse) {
  re2::Regexp* regexp = re2::Regexp::Parse(Translate(source, flags),
                                           static_cast<re2::Regexp::ParseFlags>(OptionsFor(flags).ParseFlags()), nullptr);
  if (regexp == nullptr) return false;
  const bool built = program.Build(regexp, reverse);
  regexp->Decref();
  return built;
}

}  // namespace

// A split lives in the arena as one block, aligned to a cache line: this header word, the literal
// (padded to a word), the suffix's program, the prefix's program. A piece without a program keeps
// its RE2 in re2_pieces_ instead.
struct SplitHeader {
  uint16_t literal_length;
  uint8_t ignore_case;
  uint8_t prefix;  // a PieceKind
  uint8_t suffix;  // a PieceKind
  uint8_t pad;
  uint16_t prefix_at;  // words from the block's start to the prefix's program
};
static_assert(sizeof(SplitHeader) == 8, "a header is one word");

enum PieceKind : uint8_t { kNoPiece, kProgramPiece, kRe2Piece };

struct RegexBank::Re2Pieces {
  std::unique_ptr<re2::RE2> prefix;  // `(?:prefix)\z`, run over the text before the literal; null: none
  std::unique_ptr<re2::RE2> suffix;  // run anchored where the literal ends; null: none
};

RegexBank::RegexBank() = default;
RegexBank::~RegexBank() = default;

void RegexBank::Add(const std::string& source, const std::string& flags, bool skip) {
  Pattern& pattern = patterns_.emplace_back();
  pattern.skip = skip;
  if (!skip) {
    pattern.source = source;
    pattern.flags = flags;
  }
}

const re2::RE2* RegexBank::Regex(size_t pattern) const {
  const Pattern& p = patterns_[pattern];
  if (!p.tried) {
    p.tried = true;
    auto regex = Compile(p.source, p.flags, "", "");
    if (regex->ok()) p.regex = std::move(regex);
  }
  return p.regex.get();
}

bool RegexBank::Split(size_t route, const std::string& literal, const std::string& prefix, const std::string& suffix,
                      const std::string& flags) {
  if (literal.empty() || literal.size() > 0xffff) return false;
  for (char c : literal) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  // A piece gets its own RE2 only when it has no program: most have one, and compiling an RE2
  // that never runs would only lengthen start-up.
  auto pieces = std::make_unique<Re2Pieces>();
  PieceProgram prefix_program, suffix_program;
  if (!prefix.empty() && !BuildProgram(prefix_program, prefix, flags, true)) {
    // \z, not $: under the m flag $ would also stop at a line break.
    pieces->prefix = Compile(prefix, flags, "(?:", ")\\z");
    if (!pieces->prefix->ok()) return false;
  }
  if (!suffix.empty() && !BuildProgram(suffix_program, suffix, flags, false)) {
    pieces->suffix = Compile(suffix, flags, "", "");
    if (!pieces->suffix->ok()) return false;
  }
  auto kind = [](const std::string& piece, const PieceProgram& program) {
    return piece.empty() ? kNoPiece : program.empty() ? kRe2Piece : kProgramPiece;
  };
  SplitHeader header{static_cast<uint16_t>(literal.size()), flags.find('i') != std::string::npos, kind(prefix, prefix_program),
                     kind(suffix, suffix_program), 0, 0};
  while (arena_.size() % 8 != 0) arena_.push_back(0);
  const size_t block = arena_.size();
  arena_.resize(block + 1 + (literal.size() + 7) / 8, 0);
  char* chars = reinterpret_cast<char*>(arena_.data() + block + 1);
  for (size_t i = 0; i < literal.size(); i++) chars[i] = header.ignore_case ? static_cast<char>(AsciiLower(literal[i])) : literal[i];
  // A full class table (32,768 distinct classes) or an oversized block: no split, the whole regex
  // runs on RE2.
  if ((header.suffix == kProgramPiece && !suffix_program.AppendTo(arena_, classes_)) || arena_.size() - block > 0xffff) {
    arena_.resize(block);
    return false;
  }
  header.prefix_at = static_cast<uint16_t>(arena_.size() - block);
  if (header.prefix == kProgramPiece && !prefix_program.AppendTo(arena_, classes_)) {
    arena_.resize(block);
    return false;
  }
  std::memcpy(arena_.data() + block, &header, sizeof header);
  if (split_at_.size() <= route) split_at_.resize(route + 1, kNoSplit);
  split_at_[route] = static_cast<uint32_t>(block);
  if (header.prefix == kRe2Piece || header.suffix == kRe2Piece) {
    if (re2_pieces_.size() <= route) re2_pieces_.resize(route + 1);
    re2_pieces_[route] = std::move(pieces);
  }
  return true;
}

bool RegexBank::SplitMatches(size_t route, uint32_t block_at, const char* text, size_t size, size_t at) const {
  const uint64_t* block = arena_.data() + block_at;
  SplitHeader header;
  std::memcpy(&header, block, sizeof header);
  const size_t length = header.literal_length;
  if (at + length > size) return false;
  const char* literal = reinterpret_cast<const char*>(block + 1);
  if (header.ignore_case) {
    for (size_t i = 0; i < length; i++) {
      if (AsciiLower(text[at + i]) != static_cast<unsigned char>(literal[i])) return false;
    }
  } else if (std::memcmp(literal, text + at, length) != 0) {
    return false;
  }
  // The suffix sees the whole line (its assertions need the real context on both sides). So does
  // the prefix's program; the prefix's RE2 sees only the text before the literal, which is why a
  // prefix may hold no right-looking assertion. A program that gives up counts as no match here:
  // the caller then runs the whole regex.
  const size_t end = at + length;
  if (header.suffix == kProgramPiece) {
    if (PieceProgram::Run(block + 1 + (length + 7) / 8, classes_.data(), text, size, end) != PieceProgram::Outcome::kMatch) return false;
  } else if (header.suffix == kRe2Piece &&
             !re2_pieces_[route]->suffix->Match(absl::string_view(text, size), end, size, re2::RE2::ANCHOR_START, nullptr, 0)) {
    return false;
  }
  if (header.prefix == kProgramPiece) return PieceProgram::Run(block + header.prefix_at, classes_.data(), text, size, at) == PieceProgram::Outcome::kMatch;
  if (header.prefix == kRe2Piece) return re2_pieces_[route]->prefix->Match(absl::string_view(text, at), 0, at, re2::RE2::UNANCHORED, nullptr, 0);
  return true;
}

RegexBank::Answer RegexBank::Test(size_t pattern, size_t route, uint32_t block, const char* text, size_t size, long literal_at) const {
  if (literal_at >= 0 && block != kNoSplit && SplitMatches(route, block, text, size, static_cast<size_t>(literal_at))) {
    return Answer::kMatch;
  }
  const re2::RE2* regex = Regex(pattern);
  if (regex == nullptr) return Answer::kUntested;
  return regex->Match(absl::string_view(text, size), 0, size, re2::RE2::UNANCHORED, nullptr, 0) ? Answer::kMatch : Answer::kNoMatch;
}

}  // namespace logsig
