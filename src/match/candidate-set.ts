/**
 * The patterns that could match the current line, each at most once. Reused from line to line:
 * clearing it is one counter and one stamp, not a walk over the catalog (and not `array.length = 0`,
 * which alone cost a fifth of a non-matching line).
 */
export class CandidateSet {
  /** Pattern indices, valid up to `count`. */
  readonly list: Int32Array;
  count = 0;
  /** Per pattern: the stamp of the line it was last added for. */
  readonly #mark: Uint32Array;
  #stamp = 0;

  constructor(patterns: number) {
    this.list = new Int32Array(patterns);
    this.#mark = new Uint32Array(patterns);
  }

  /** Starts a new line: the set is empty again. */
  clear(): void {
    this.count = 0;
    if (this.#stamp === 0xffffffff) {
      this.#mark.fill(0);
      this.#stamp = 0;
    }
    this.#stamp++;
  }

  /** Adds `pattern` unless it is already in. */
  add(pattern: number): void {
    if (this.#mark[pattern] === this.#stamp) return;
    this.#mark[pattern] = this.#stamp;
    this.list[this.count++] = pattern;
  }
}
