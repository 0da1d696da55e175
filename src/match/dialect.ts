/**
 * Regex dialects → one JavaScript `RegExp` source and flags.
 *
 * Catalog patterns are written in JavaScript, PCRE or Python spellings. This module rewrites the
 * PCRE/Python spellings that have an exact JavaScript equivalent and rejects, with the construct and
 * its position, everything that has none. It never guesses: JavaScript without the `u` flag reads
 * an unknown escape such as `\h` as the letter `h`, so a pattern that "compiles" can still silently
 * mean something else. That is why unknown letter escapes are rejected rather than passed on.
 *
 * The `u` flag: it is added only when a pattern needs it (`\p{…}`, or a code point above U+FFFF via
 * `\x{…}`/`\U…`). Without those, `u` would turn spellings that every dialect reads the same way into
 * errors (`\-`, `\'`, a lone `{`), so it stays off. When it is on, the translator rewrites those
 * spellings into forms `u` accepts, so the meaning stays the same either way.
 *
 * Known differences we accept rather than emulate: `$` without `m` matches only at the very end (in
 * PCRE and Python it also matches before a final newline; lines reach the engine without one), and
 * `\d`, `\w`, `\b` are ASCII-only (as with Python's `re.ASCII`).
 *
 * The output is plain data (source + flags), so the later multi-pattern engine can reuse it.
 */

export type TranslateResult =
  | { readonly ok: true; readonly source: string; readonly flags: string }
  | {
      readonly ok: false;
      /** The offending spelling, e.g. `(?>` or `\G`, or `flags "g"` for the record's `flags` field. */
      readonly construct: string;
      /** Index in the pattern (UTF-16 code units); -1 when the problem is not at one place in it. */
      readonly position: number;
      readonly reason: string;
    };

export type TranslateRejection = Extract<TranslateResult, { ok: false }>;

/** Flag letters a record may set, in its `flags` field or inline at the start of its pattern. */
const RECORD_FLAGS = new Set(['i', 's', 'm', 'x']);
/** Inline flags that are no-ops in JavaScript: Python's `u` (the default) and `a` (JS is ASCII already). */
const NOOP_INLINE_FLAGS = new Set(['u', 'a']);

const SYNTAX_CHARS = new Set([...'^$\\.*+?()[]{}|/']);
const LINE_TERMINATORS = '\\n\\r\\u2028\\u2029';
/** PCRE `\h`: horizontal whitespace. */
const HSPACE = '\\t \\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const KNOWN_JS_LETTER_ESCAPES = new Set([...'dDwWsSbBtnvfr']);
/** Letters PCRE or Python give a meaning JavaScript lacks, and why we refuse them. */
const UNSUPPORTED_ESCAPES: Record<string, string> = {
  G: 'the \\G anchor (end of the previous match) has no JavaScript equivalent',
  K: '\\K (reset match start) has no JavaScript equivalent',
  X: '\\X (extended grapheme cluster) has no JavaScript equivalent',
  C: '\\C (single code unit) has no JavaScript equivalent',
  o: 'octal escapes \\o{…} are not supported; use \\xHH',
  l: 'case-changing escapes (\\l, \\L, \\u, \\U) are not supported',
  L: 'case-changing escapes (\\l, \\L, \\u, \\U) are not supported',
};

class Rejection extends Error {
  constructor(
    readonly construct: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

interface Scope {
  i: boolean;
  s: boolean;
  m: boolean;
  x: boolean;
}

/** Human-readable one-liner for a rejection (used by lint and compile problems). */
export function describeRejection(r: TranslateRejection): string {
  return r.position >= 0 ? `${r.construct} at position ${r.position}: ${r.reason}` : `${r.construct}: ${r.reason}`;
}

export function translatePattern(source: string, recordFlags: string | null): TranslateResult {
  try {
    const flags = parseRecordFlags(recordFlags);
    const first = new Translator(source, flags, false).run();
    // `u` is decided by the first pass; a second pass then writes every spelling in its u-safe form.
    const result = first.needsUnicode ? new Translator(source, flags, true).run() : first;
    const jsFlags = [...'ims'].filter((f) => result.global[f as keyof Scope]).join('') + (result.needsUnicode ? 'u' : '');
    try {
      new RegExp(result.source, jsFlags);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const detail = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      return {
        ok: false,
        construct: 'pattern',
        position: -1,
        reason: `JavaScript RegExp rejected the translated pattern /${result.source}/${jsFlags}: ${detail}`,
      };
    }
    return { ok: true, source: result.source, flags: jsFlags };
  } catch (err) {
    if (err instanceof Rejection) return { ok: false, construct: err.construct, position: err.position, reason: err.reason };
    throw err;
  }
}

function parseRecordFlags(recordFlags: string | null): Set<string> {
  const flags = new Set<string>();
  for (const letter of (recordFlags ?? '').trim()) {
    if (!RECORD_FLAGS.has(letter)) {
      throw new Rejection(`flags "${recordFlags}"`, -1, `unknown flag "${letter}"; a record may set only i, s, m and x`);
    }
    flags.add(letter);
  }
  return flags;
}

interface Translation {
  readonly source: string;
  readonly global: Scope;
  readonly needsUnicode: boolean;
}

/** One left-to-right pass over the pattern, emitting JavaScript spellings as it goes. */
class Translator {
  private p = 0;
  private out = '';
  private readonly global: Scope;
  private scopes: Scope[];
  private needsUnicode = false;
  /** Set when the last thing emitted was a numeric escape (`\1`), so a following digit cannot join it. */
  private lastWasNumericEscape = false;
  private groupCount = 0;
  private readonly groupNames = new Set<string>();
  private readonly namedRefs: { name: string; position: number; construct: string }[] = [];
  private readonly numberedRefs: { n: number; position: number; construct: string }[] = [];

  constructor(
    private readonly src: string,
    recordFlags: ReadonlySet<string>,
    private readonly unicode: boolean,
  ) {
    this.global = { i: recordFlags.has('i'), s: recordFlags.has('s'), m: recordFlags.has('m'), x: recordFlags.has('x') };
    this.scopes = [];
  }

  run(): Translation {
    this.readLeadingFlags();
    this.scopes = [{ ...this.global }];
    while (this.p < this.src.length) this.step();
    for (const ref of this.namedRefs) {
      if (!this.groupNames.has(ref.name)) {
        throw new Rejection(ref.construct, ref.position, `refers to a group named "${ref.name}" that the pattern does not define`);
      }
    }
    for (const ref of this.numberedRefs) {
      if (ref.n > this.groupCount) {
        throw new Rejection(ref.construct, ref.position, `refers to group ${ref.n} but the pattern has ${this.groupCount} capturing group(s)`);
      }
    }
    return { source: this.out, global: this.global, needsUnicode: this.needsUnicode || this.unicode };
  }

  private get scope(): Scope {
    return this.scopes[this.scopes.length - 1]!;
  }

  /** `(?i)`, `(?is)`, `(?i)(?s)` at the very start set flags for the whole pattern. */
  private readLeadingFlags(): void {
    const re = /\(\?([a-zA-Z]+)\)/y;
    for (;;) {
      re.lastIndex = this.p;
      const m = re.exec(this.src);
      // Anything else in that shape (`(?R)`, `(?U)`) is left to the group reader, which names it.
      if (!m || ![...m[1]!].every((l) => RECORD_FLAGS.has(l) || NOOP_INLINE_FLAGS.has(l))) return;
      for (const letter of m[1]!) {
        if (RECORD_FLAGS.has(letter)) this.global[letter as keyof Scope] = true;
      }
      this.p += m[0].length;
    }
  }

  private unknownFlag(letter: string, construct: string, position: number): Rejection {
    return new Rejection(construct, position, `inline flag "${letter}" is not supported; only i, s, m and x are`);
  }

  private emit(text: string, numericEscape = false): void {
    // `\1` then `0` (after a dropped comment, or a cut `\189`) must not fuse into `\10`.
    if (this.lastWasNumericEscape && /^\d/.test(text)) this.out += '(?:)';
    this.out += text;
    this.lastWasNumericEscape = numericEscape;
  }

  private step(): void {
    const c = this.src[this.p]!;
    if (this.scope.x) {
      if (/[ \t\n\r\f\v]/.test(c)) {
        this.p++;
        return;
      }
      if (c === '#') {
        const nl = this.src.indexOf('\n', this.p);
        this.p = nl < 0 ? this.src.length : nl + 1;
        return;
      }
    }
    switch (c) {
      case '\\':
        return this.escape(false);
      case '[':
        return this.charClass();
      case '(':
        return this.group();
      case ')':
        if (this.scopes.length > 1) this.scopes.pop();
        this.p++;
        return this.emit(')');
      case '.':
        this.p++;
        return this.emit(this.dot());
      case '^':
        this.p++;
        return this.emit(this.caret());
      case '$':
        this.p++;
        return this.emit(this.dollar());
      case '*':
      case '+':
      case '?':
        return this.quantifier(c);
      case '{':
        return this.brace();
      case '}':
      case ']':
        this.p++;
        return this.emit(`\\${c}`);
      case '|':
        this.p++;
        return this.emit('|');
      default:
        this.p++;
        return this.emit(c);
    }
  }

  // JavaScript reads `.`, `^` and `$` by the pattern-wide flags; where a scoped flag differs
  // (`(?s:…)`, a mid-pattern `(?m)`), spell out what the scope means.
  private dot(): string {
    if (this.scope.s === this.global.s) return '.';
    return this.scope.s ? '[\\s\\S]' : `[^${LINE_TERMINATORS}]`;
  }

  private caret(): string {
    if (this.scope.m === this.global.m) return '^';
    return this.scope.m ? `(?<![^${LINE_TERMINATORS}])` : '(?<![\\s\\S])';
  }

  private dollar(): string {
    if (this.scope.m === this.global.m) return '$';
    return this.scope.m ? `(?![^${LINE_TERMINATORS}])` : '(?![\\s\\S])';
  }

  private quantifier(c: string): void {
    const start = this.p;
    this.p++;
    let text = c;
    if (this.src[this.p] === '?') {
      text += '?';
      this.p++;
    } else if (this.src[this.p] === '+') {
      throw new Rejection(`${c}+`, start, 'possessive quantifiers have no JavaScript equivalent; drop the trailing "+"');
    }
    this.emit(text);
  }

  /** `{n}`, `{n,}`, `{n,m}` and Python's `{,m}` are quantifiers; any other `{` is a literal brace. */
  private brace(): void {
    const start = this.p;
    const m = /\{(\d*)(,?)(\d*)\}/y;
    m.lastIndex = start;
    const q = m.exec(this.src);
    const isQuantifier = q !== null && (q[1] !== '' || (q[2] === ',' && q[3] !== ''));
    if (!q || !isQuantifier) {
      this.p++;
      return this.emit('\\{');
    }
    this.p += q[0].length;
    let text = `{${q[1] === '' ? '0' : q[1]}${q[2]}${q[3]}}`;
    if (this.src[this.p] === '?') {
      text += '?';
      this.p++;
    } else if (this.src[this.p] === '+') {
      throw new Rejection(`${q[0]}+`, start, 'possessive quantifiers have no JavaScript equivalent; drop the trailing "+"');
    }
    this.emit(text);
  }

  private group(): void {
    const start = this.p;
    const rest = this.src.slice(start);
    const reject = (construct: string, reason: string): never => {
      throw new Rejection(construct, start, reason);
    };
    if (rest.startsWith('(*')) reject('(*', 'backtracking control verbs such as (*SKIP) and (*UTF) are not supported');
    if (!rest.startsWith('(?')) {
      this.groupCount++;
      return this.open('(', 1, { ...this.scope });
    }
    if (rest.startsWith('(?#')) {
      const end = this.src.indexOf(')', start);
      if (end < 0) reject('(?#', 'comment group is not closed');
      this.p = end + 1;
      return;
    }
    const named = /^\(\?(?:P<|<(?![=!])|')([^>']*)[>']/.exec(rest);
    if (named) {
      const name = named[1]!;
      this.groupNames.add(name);
      this.groupCount++;
      return this.open(`(?<${name}>`, named[0].length, { ...this.scope });
    }
    const backref = /^\(\?P=([^)]*)\)/.exec(rest);
    if (backref) {
      this.namedRefs.push({ name: backref[1]!, position: start, construct: backref[0] });
      this.p += backref[0].length;
      return this.emit(`\\k<${backref[1]}>`);
    }
    for (const plain of ['(?:', '(?=', '(?!', '(?<=', '(?<!']) {
      if (rest.startsWith(plain)) return this.open(plain, plain.length, { ...this.scope });
    }
    if (rest.startsWith('(?>')) reject('(?>', 'atomic groups have no JavaScript equivalent');
    if (rest.startsWith('(?|')) reject('(?|', 'branch-reset groups have no JavaScript equivalent');
    if (rest.startsWith('(?(')) reject('(?(', 'conditional groups have no JavaScript equivalent');
    if (rest.startsWith('(?C')) reject('(?C', 'callouts have no JavaScript equivalent');
    const recursion = /^\(\?(?:R|[+-]?\d+|&\w+|P>\w+)\)/.exec(rest);
    if (recursion) reject(recursion[0], 'recursion and subroutine calls have no JavaScript equivalent');
    const flagGroup = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([):])/.exec(rest);
    if (flagGroup) return this.flagGroup(flagGroup, start);
    const shown = /^\(\?.?/.exec(rest)![0];
    reject(shown, 'unknown group construct');
  }

  private open(text: string, length: number, scope: Scope): void {
    this.p += length;
    this.scopes.push(scope);
    this.emit(text);
  }

  /** `(?s)` mid-pattern changes the rest of the enclosing group; `(?s:…)` only its own group. */
  private flagGroup(m: RegExpExecArray, start: number): void {
    const [construct, on = '', off = '', end] = m;
    const scope: Scope = { ...this.scope };
    for (const [letters, value] of [
      [on, true],
      [off, false],
    ] as const) {
      for (const letter of letters) {
        if (NOOP_INLINE_FLAGS.has(letter)) continue;
        if (!RECORD_FLAGS.has(letter)) throw this.unknownFlag(letter, construct, start);
        scope[letter as keyof Scope] = value;
      }
    }
    // Case-insensitivity cannot be scoped in Node 20's RegExp and cannot be spelled out faithfully
    // (backreferences, ranges), so a scope may only keep the pattern-wide setting.
    if (scope.i !== this.global.i) {
      throw new Rejection(
        construct,
        start,
        'case-insensitivity for part of a pattern is not supported; put (?i) at the start or set flags: "i" on the record',
      );
    }
    if (end === ')') {
      this.scopes[this.scopes.length - 1] = scope;
      this.p += construct.length;
      return;
    }
    this.open('(?:', construct.length, scope);
  }

  private charClass(): void {
    const start = this.p;
    let text = '[';
    this.p++;
    if (this.src[this.p] === '^') {
      text += '^';
      this.p++;
    }
    // In PCRE and Python a `]` right after `[` or `[^` is a literal; in JavaScript `[]` is an empty class.
    if (this.src[this.p] === ']') {
      text += '\\]';
      this.p++;
    }
    for (;;) {
      if (this.p >= this.src.length) throw new Rejection('[', start, 'character class is not closed');
      const c = this.src[this.p]!;
      if (c === ']') {
        this.p++;
        break;
      }
      if (c === '\\') {
        text += this.classEscape();
        continue;
      }
      if (c === '[') {
        const posix = /\[:\^?[a-z]+:\]/y;
        posix.lastIndex = this.p;
        const found = posix.exec(this.src);
        if (found) throw new Rejection(found[0], this.p, 'POSIX character classes are not supported; use e.g. [a-z] or \\d');
        text += '\\[';
        this.p++;
        continue;
      }
      text += c;
      this.p++;
    }
    this.emit(`${text}]`);
  }

  private classEscape(): string {
    const saved = { out: this.out, numeric: this.lastWasNumericEscape };
    this.out = '';
    this.escape(true);
    const text = this.out;
    this.out = saved.out;
    this.lastWasNumericEscape = saved.numeric;
    return text;
  }

  private escape(inClass: boolean): void {
    const start = this.p;
    const n = this.src[start + 1];
    if (n === undefined) throw new Rejection('\\', start, 'the pattern ends with a lone backslash');
    const reject = (construct: string, reason: string): never => {
      throw new Rejection(construct, start, reason);
    };
    const take = (length: number, text: string) => {
      this.p += length;
      this.emit(text);
    };
    if (/[0-9]/.test(n)) return this.numericEscape(inClass);
    switch (n) {
      case 'A':
        if (inClass) reject('\\A', 'an anchor cannot appear inside a character class');
        return take(2, this.global.m ? '(?<![\\s\\S])' : '^');
      case 'Z':
      case 'z':
        if (inClass) reject(`\\${n}`, 'an anchor cannot appear inside a character class');
        return take(2, this.global.m ? '(?![\\s\\S])' : '$');
      case 'Q': {
        const end = this.src.indexOf('\\E', start + 2);
        const stop = end < 0 ? this.src.length : end;
        const literal = [...this.src.slice(start + 2, stop)].map((ch) => this.literal(ch, inClass)).join('');
        this.p = end < 0 ? stop : end + 2;
        // Not wrapped in a group: in PCRE a quantifier after `\Q…\E` applies to the last character only.
        if (literal !== '') this.emit(literal);
        return;
      }
      case 'E':
        // A lone \E (no \Q before it) is ignored by PCRE.
        this.p += 2;
        return;
      case 'h':
        return take(2, inClass ? HSPACE : `[${HSPACE}]`);
      case 'H':
        if (inClass) reject('\\H', 'a negated class escape inside a character class is not supported');
        return take(2, `[^${HSPACE}]`);
      case 'R':
        if (inClass) reject('\\R', 'a newline sequence cannot appear inside a character class');
        return take(2, '(?:\\r\\n|[\\n\\v\\f\\r\\x85\\u2028\\u2029])');
      case 'N':
        if (this.src[start + 2] === '{') reject('\\N{', 'named Unicode characters are not supported; use \\uHHHH');
        if (inClass) reject('\\N', 'a class escape inside a character class is not supported');
        return take(2, '[^\\n]');
      case 'e':
        return take(2, '\\x1B');
      case 'a':
        return take(2, '\\x07');
      case 'x':
      case 'u': {
        const braced = /\\[xu]\{([0-9a-fA-F]{1,6})\}/y;
        braced.lastIndex = start;
        const b = braced.exec(this.src);
        if (b) return take(b[0].length, this.codePoint(Number.parseInt(b[1]!, 16), b[0], start));
        if (n === 'x' && !/^[0-9a-fA-F]{2}/.test(this.src.slice(start + 2))) reject('\\x', 'expected two hex digits after \\x');
        if (n === 'u' && !/^[0-9a-fA-F]{4}/.test(this.src.slice(start + 2))) {
          reject('\\u', 'expected four hex digits after \\u (case-changing \\u is not supported)');
        }
        const len = n === 'x' ? 4 : 6;
        return take(len, this.src.slice(start, start + len));
      }
      case 'U': {
        const long = /\\U([0-9a-fA-F]{8})/y;
        long.lastIndex = start;
        const u = long.exec(this.src);
        if (!u) reject('\\U', 'case-changing escapes (\\l, \\L, \\u, \\U) are not supported');
        return take(10, this.codePoint(Number.parseInt(u![1]!, 16), u![0], start));
      }
      case 'p':
      case 'P':
        return this.propertyEscape(n);
      case 'k':
      case 'g':
        if (inClass) reject(`\\${n}`, 'a backreference cannot appear inside a character class');
        return this.backreference(n);
      case 'c':
        if (!/[a-zA-Z]/.test(this.src[start + 2] ?? '')) reject('\\c', 'expected a letter after \\c');
        return take(3, this.src.slice(start, start + 3));
    }
    if (KNOWN_JS_LETTER_ESCAPES.has(n)) return take(2, `\\${n}`);
    const unsupported = UNSUPPORTED_ESCAPES[n];
    if (unsupported) reject(`\\${n}`, unsupported);
    if (/[a-zA-Z]/.test(n)) reject(`\\${n}`, `unknown escape; JavaScript would silently read it as the letter "${n}"`);
    // An escaped punctuation mark (or any other character) means the character itself.
    this.p += 2;
    const ch = String.fromCodePoint(this.src.codePointAt(start + 1)!);
    this.p += ch.length - 1;
    return this.emit(this.literal(ch, inClass));
  }

  /** A character as a literal in the output, escaped only where it would otherwise be syntax. */
  private literal(ch: string, inClass: boolean): string {
    if (inClass) return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
    if (SYNTAX_CHARS.has(ch)) return `\\${ch}`;
    return ch;
  }

  private codePoint(cp: number, construct: string, position: number): string {
    if (cp > 0x10ffff) throw new Rejection(construct, position, 'not a Unicode code point');
    if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    this.needsUnicode = true;
    return `\\u{${cp.toString(16).toUpperCase()}}`;
  }

  /** `\p{L}`, `\pL`, `\p{^L}`, `\p{Greek}` (PCRE's script shorthand) → JavaScript's `\p{…}` with `u`. */
  private propertyEscape(letter: 'p' | 'P'): void {
    const start = this.p;
    const m = /\\[pP](?:\{(\^?)([A-Za-z_= ]+)\}|([A-Za-z]))/y;
    m.lastIndex = start;
    const found = m.exec(this.src);
    if (!found) throw new Rejection(`\\${letter}`, start, 'expected a Unicode property such as \\p{L} or \\p{Script=Greek}');
    const negate = (found[1] === '^') !== (letter === 'P');
    const name = (found[2] ?? found[3]!).replace(/ /g, '_');
    const spelled = [name, `Script=${name}`].find((candidate) => {
      try {
        new RegExp(`\\p{${candidate}}`, 'u');
        return true;
      } catch {
        return false;
      }
    });
    if (!spelled) throw new Rejection(found[0], start, `unknown Unicode property "${name}"`);
    this.needsUnicode = true;
    this.p += found[0].length;
    this.emit(`\\${negate ? 'P' : 'p'}{${spelled}}`);
  }

  /** `\k<n>`, `\k{n}`, `\k'n'`, `\g{n}`, `\g{1}`, `\g1` → `\k<n>` or `\1`; relative ones are refused. */
  private backreference(letter: 'k' | 'g'): void {
    const start = this.p;
    const re = letter === 'k' ? /\\k(?:<([^>]*)>|\{([^}]*)\}|'([^']*)')/y : /\\g(?:\{(-?\w+)\}|(-?\d+))/y;
    re.lastIndex = start;
    const m = re.exec(this.src);
    if (!m) {
      const reason = letter === 'g' ? 'subroutine calls (\\g<…>) have no JavaScript equivalent' : 'expected a group name: \\k<name>';
      throw new Rejection(`\\${letter}`, start, reason);
    }
    const ref = (m[1] ?? m[2] ?? m[3])!;
    this.p += m[0].length;
    if (/^-\d+$/.test(ref)) throw new Rejection(m[0], start, 'relative backreferences have no JavaScript equivalent');
    if (/^\d+$/.test(ref)) {
      this.numberedRefs.push({ n: Number(ref), position: start, construct: m[0] });
      return this.emit(`\\${Number(ref)}`, true);
    }
    this.namedRefs.push({ name: ref, position: start, construct: m[0] });
    this.emit(`\\k<${ref}>`);
  }

  /**
   * `\0`, `\012` and three-digit octal are characters (Python's rule); `\1`–`\99` are backreferences.
   * Octal is written as `\xHH`, which reads the same with and without `u`.
   */
  private numericEscape(inClass: boolean): void {
    const start = this.p;
    const digits = /\d{1,3}/y;
    digits.lastIndex = start + 1;
    const all = digits.exec(this.src)![0];
    const octal = /^0[0-7]{0,2}/.exec(all)?.[0] ?? (/^[0-7]{3}$/.test(all) ? all : null);
    if (octal !== null) {
      const value = Number.parseInt(octal, 8);
      if (value > 0xff) throw new Rejection(`\\${octal}`, start, 'octal escape is above \\377');
      this.p += 1 + octal.length;
      return this.emit(`\\x${value.toString(16).toUpperCase().padStart(2, '0')}`);
    }
    if (inClass) {
      // Inside a class there are no backreferences: Python reads `[\1]` as octal.
      const classOctal = /^[0-7]{1,3}/.exec(all)?.[0];
      if (!classOctal) throw new Rejection(`\\${all[0]}`, start, 'not an octal escape, and a backreference cannot appear inside a character class');
      const value = Number.parseInt(classOctal, 8);
      if (value > 0xff) throw new Rejection(`\\${classOctal}`, start, 'octal escape is above \\377');
      this.p += 1 + classOctal.length;
      return this.emit(`\\x${value.toString(16).toUpperCase().padStart(2, '0')}`);
    }
    const ref = all.slice(0, 2);
    this.numberedRefs.push({ n: Number(ref), position: start, construct: `\\${ref}` });
    this.p += 1 + ref.length;
    this.emit(`\\${ref}`, true);
  }
}
