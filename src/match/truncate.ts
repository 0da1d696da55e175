/**
 * The byte cap on matched text. Regex cost grows with line length, and a multi-megabyte line (a
 * stack dump, a base64 blob) must not stall a partition, so lines are cut before matching.
 */

export interface Truncated {
  readonly text: string;
  readonly truncated: boolean;
}

const encoder = new TextEncoder();
/** Scratch space reused across calls; `encodeInto` only ever writes up to its length. */
let scratch = new Uint8Array(0);

/**
 * Cuts `line` to at most `maxBytes` UTF-8 bytes, never inside a code point (a surrogate pair is
 * kept or dropped whole). A lone surrogate counts as the 3 bytes of the U+FFFD it encodes to.
 */
export function truncateUtf8(line: string, maxBytes: number): Truncated {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes, so short lines need no counting.
  if (line.length * 3 <= maxBytes) return { text: line, truncated: false };
  const cap = Math.max(0, Math.floor(maxBytes));
  if (scratch.length < cap) scratch = new Uint8Array(cap);
  // encodeInto stops before a code point that does not fit whole, and reports how much it read.
  const { read } = encoder.encodeInto(line, scratch.subarray(0, cap));
  return read >= line.length ? { text: line, truncated: false } : { text: line.slice(0, read), truncated: true };
}
