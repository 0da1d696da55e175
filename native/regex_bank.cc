#include "regex_bank.h"

#include <re2/re2.h>

#include "pattern.h"  // the `re2` package's JavaScript-to-RE2 translation (lib/pattern.cc)

namespace logsig {

namespace {

// As the `re2` package's constructor does (lib/new.cc): translate, then these options.
std::unique_ptr<re2::RE2> Compile(const std::string& source, const std::string& flags, const char* wrap_before,
                                  const char* wrap_after) {
  const bool multiline = flags.find('m') != std::string::npos;
  std::vector<char> translated;
  std::string pattern = source;
  if (translateRegExp(source.data(), source.size(), multiline, translated)) pattern.assign(translated.data(), translated.size() - 1);
  pattern = wrap_before + pattern + wrap_after;
  re2::RE2::Options options;
  options.set_case_sensitive(flags.find('i') == std::string::npos);
  options.set_one_line(!multiline);
  options.set_dot_nl(flags.find('s') != std::string::npos);
  options.set_log_errors(false);
  return std::make_unique<re2::RE2>(pattern, options);
}

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace

struct RegexBank::LiteralSplit {
  std::string literal;
  bool ignore_case = false;
  std::unique_ptr<re2::RE2> prefix;  // `(?:prefix)\z`, run over the text before the literal; null: none
  std::unique_ptr<re2::RE2> suffix;  // run anchored where the literal ends; null: none
};

RegexBank::RegexBank() = default;
RegexBank::~RegexBank() = default;

bool RegexBank::Add(const std::string& source, const std::string& flags, bool skip) {
  if (skip) {
    regexes_.emplace_back(nullptr);
    return true;
  }
  auto regex = Compile(source, flags, "", "");
  if (!regex->ok()) {
    regexes_.emplace_back(nullptr);
    return false;
  }
  regexes_.push_back(std::move(regex));
  return true;
}

bool RegexBank::Split(size_t route, const std::string& literal, const std::string& prefix, const std::string& suffix,
                      const std::string& flags) {
  if (literal.empty()) return false;
  for (char c : literal) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  auto split = std::make_unique<LiteralSplit>();
  split->ignore_case = flags.find('i') != std::string::npos;
  split->literal = literal;
  if (split->ignore_case) {
    for (char& c : split->literal) c = AsciiLower(c);
  }
  if (!prefix.empty()) {
    // \z, not $: under the m flag $ would also stop at a line break.
    split->prefix = Compile(prefix, flags, "(?:", ")\\z");
    if (!split->prefix->ok()) return false;
  }
  if (!suffix.empty()) {
    split->suffix = Compile(suffix, flags, "", "");
    if (!split->suffix->ok()) return false;
  }
  if (splits_.size() <= route) splits_.resize(route + 1);
  splits_[route] = std::move(split);
  return true;
}

bool RegexBank::SplitMatches(const LiteralSplit& split, const char* text, size_t size, size_t at) const {
  const size_t length = split.literal.size();
  if (at + length > size) return false;
  if (split.ignore_case) {
    for (size_t i = 0; i < length; i++) {
      if (AsciiLower(text[at + i]) != split.literal[i]) return false;
    }
  } else if (split.literal.compare(0, length, text + at, length) != 0) {
    return false;
  }
  // The suffix sees the whole line (its assertions need the real context on both sides); the
  // prefix only the text before the literal, which is why it may hold no right-looking assertion.
  if (split.suffix && !split.suffix->Match(absl::string_view(text, size), at + length, size, re2::RE2::ANCHOR_START, nullptr, 0)) {
    return false;
  }
  return !split.prefix || split.prefix->Match(absl::string_view(text, at), 0, at, re2::RE2::UNANCHORED, nullptr, 0);
}

bool RegexBank::Test(size_t pattern, size_t route, const char* text, size_t size, long literal_at) const {
  const LiteralSplit* split = route < splits_.size() ? splits_[route].get() : nullptr;
  if (split != nullptr && literal_at >= 0 && SplitMatches(*split, text, size, static_cast<size_t>(literal_at))) return true;
  return regexes_[pattern]->Match(absl::string_view(text, size), 0, size, re2::RE2::UNANCHORED, nullptr, 0);
}

}  // namespace logsig
