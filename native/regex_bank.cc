#include "regex_bank.h"

#include <re2/re2.h>

#include "pattern.h"  // the `re2` package's JavaScript-to-RE2 translation (lib/pattern.cc)

namespace logsig {

RegexBank::RegexBank() = default;
RegexBank::~RegexBank() = default;

bool RegexBank::Add(const std::string& source, const std::string& flags, bool skip, std::string& error) {
  if (skip) {
    regexes_.emplace_back(nullptr);
    return true;
  }
  // As the `re2` package's constructor does (lib/new.cc): translate, then these options.
  const bool multiline = flags.find('m') != std::string::npos;
  std::vector<char> translated;
  std::string pattern = source;
  if (translateRegExp(source.data(), source.size(), multiline, translated)) pattern.assign(translated.data(), translated.size() - 1);
  re2::RE2::Options options;
  options.set_case_sensitive(flags.find('i') == std::string::npos);
  options.set_one_line(!multiline);
  options.set_dot_nl(flags.find('s') != std::string::npos);
  options.set_log_errors(false);
  auto regex = std::make_unique<re2::RE2>(pattern, options);
  if (!regex->ok()) {
    error = regex->error();
    regexes_.emplace_back(nullptr);
    return false;
  }
  regexes_.push_back(std::move(regex));
  return true;
}

bool RegexBank::Test(size_t pattern, const char* text, size_t size) const {
  return regexes_[pattern]->Match(absl::string_view(text, size), 0, size, re2::RE2::UNANCHORED, nullptr, 0);
}

}  // namespace logsig
