// ASCII case, as RE2 folds it on ASCII text: shared by the split check and the piece programs.
#pragma once

namespace logsig {

inline unsigned char AsciiLower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

// A letter's other case; any other byte is its own.
inline unsigned char AsciiOtherCase(unsigned char c) {
  if (c >= 'a' && c <= 'z') return c - ('a' - 'A');
  return AsciiLower(c);
}

}  // namespace logsig
