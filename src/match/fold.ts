/**
 * Case folding for the prefilter: one UTF-16 code unit in, one out, the same function on literals
 * and on lines, so "literal occurs in line" survives folding for both case-sensitive patterns
 * (exact text folds to itself) and case-insensitive ones.
 *
 * Lower-casing is per code unit (a character whose lower case is longer, like U+0130, keeps
 * itself). Two characters fold onto ASCII letters in RE2's Unicode case folding although their
 * lower case is not ASCII: U+017F (long s) ~ s and U+212A (Kelvin sign) ~ k; they are mapped here
 * so a `(?i)` pattern's literal is still found in a line that spells it with them.
 */
const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    // Surrogates stand alone here: lower-casing them is meaningless and they fold to themselves.
    if (c >= 0xd800 && c <= 0xdfff) {
      table[c] = c;
      continue;
    }
    const lower = String.fromCharCode(c).toLowerCase();
    table[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  table[0x017f] = 0x73; // ſ → s
  table[0x212a] = 0x6b; // K (Kelvin) → k
  return table;
}

/** The folded code unit. */
export function foldCode(code: number): number {
  return FOLD[code]!;
}

export function foldString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(FOLD[text.charCodeAt(i)]!);
  return out;
}

/** The table itself, for the hot loop of the prefilter (one indexed load per character). */
export const FOLD_TABLE: Readonly<Uint16Array> = FOLD;
