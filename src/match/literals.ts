/**
 * What text a pattern cannot match without: read from the pattern's syntax tree.
 *
 * - `required`: a small set of literals such that every match contains at least one of them
 *   (case-folded with `foldString`), or null when no such set exists (`\d+ errors?` has one,
 *   `\w+=\d+` has none). The prefilter looks for these and runs a pattern only when one occurs.
 * - `specificity`: how many literal characters every match must contain — how much fixed text the
 *   pattern demands. Ranking prefers the more specific of two matching signatures.
 *
 * Both are conservative: a set is only returned when it is certain, so the prefilter can never
 * hide a match (a property test checks this against a plain matcher).
 */
import { foldString } from './fold.ts';
import { parsePattern, type AstNode, type RootNode } from './syntax.ts';

export interface PatternLiterals {
  readonly required: readonly string[] | null;
  readonly specificity: number;
}

/** Above these sizes a literal set is not worth tracking exactly. */
const MAX_SET = 16;
const MAX_LITERAL = 64;

interface Info {
  /** Every string the node can match, when that set is small and finite. */
  readonly exact: readonly string[] | null;
  /** An OR-set of literals every match of the node contains, or null. */
  readonly required: readonly string[] | null;
  /** Such a set with as few strings as possible (what a union over alternatives needs). */
  readonly compact: readonly string[] | null;
  /** Literal characters every match of the node contains. */
  readonly specificity: number;
}

const NOTHING_KNOWN: Info = { exact: null, required: null, compact: null, specificity: 0 };
const EMPTY: Info = { exact: [''], required: null, compact: null, specificity: 0 };

/** `ast`: the pattern's tree, when the caller has parsed it already (syntax.ts). */
export function extractLiterals(source: string, flags: string, ast: RootNode = parsePattern(source, flags)): PatternLiterals {
  const info = visit(ast);
  const required = usable(info.exact) ? info.exact : info.required;
  return { required: usable(required) ? minimal(required) : null, specificity: info.specificity };
}

/** Drops members that contain another member: where " errors" occurs, " error" does too. */
function minimal(set: readonly string[]): string[] {
  return set.filter((s, i) => !set.some((other, j) => j !== i && s.length > other.length && s.includes(other)));
}

/** A set helps only when none of its strings is empty. */
function usable(set: readonly string[] | null): set is readonly string[] {
  return set !== null && set.length > 0 && set.every((s) => s.length > 0);
}

/** Prefer the set whose shortest literal is longest (fewer chance hits), then the smaller set. */
function better(a: readonly string[] | null, b: readonly string[] | null): readonly string[] | null {
  if (!usable(b)) return usable(a) ? a : null;
  if (!usable(a)) return b;
  const minA = Math.min(...a.map((s) => s.length));
  const minB = Math.min(...b.map((s) => s.length));
  if (minA !== minB) return minA > minB ? a : b;
  return a.length <= b.length ? a : b;
}

/**
 * Of two sets, the one better for a union over alternatives: literals of 8+ characters are all
 * selective enough, so among those fewer strings win; below that, longer literals win.
 */
function smaller(a: readonly string[] | null, b: readonly string[] | null): readonly string[] | null {
  if (!usable(a)) return usable(b) ? b : null;
  if (!usable(b)) return a;
  const qa = quality(a);
  const qb = quality(b);
  if (qa !== qb) return qa > qb ? a : b;
  if (a.length !== b.length) return a.length < b.length ? a : b;
  return better(a, b);
}

/** How selective a set is for `smaller`: its shortest literal's length, counted up to 8. */
function quality(set: readonly string[]): number {
  let q = 8;
  for (const x of set) q = Math.min(q, x.length);
  return q;
}

function dedupe(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function cross(a: readonly string[], b: readonly string[]): string[] | null {
  if (a.length * b.length > MAX_SET) return null;
  // One spelling times one character is most of every pattern: no set needed for one string.
  if (a.length === 1 && b.length === 1) return a[0]!.length + b[0]!.length > MAX_LITERAL ? null : [a[0]! + b[0]!];
  const out: string[] = [];
  for (const x of a) for (const y of b) {
    if (x.length + y.length > MAX_LITERAL) return null;
    out.push(x + y);
  }
  return dedupe(out);
}

function visit(node: RootNode | AstNode): Info {
  switch (node.type) {
    case 'value':
      return char(String.fromCodePoint(node.codePoint));
    case 'characterClass':
      return characterClass(node);
    case 'alternative':
      return sequence(node.body);
    case 'disjunction':
      return alternatives(node.body.map(visit));
    case 'group':
      // Lookarounds consume nothing; what they assert is not counted as required text.
      if (node.behavior === 'lookahead' || node.behavior === 'lookbehind' || node.behavior === 'negativeLookahead' || node.behavior === 'negativeLookbehind') {
        return EMPTY;
      }
      return sequence(node.body);
    case 'quantifier':
      return quantifier(node.min, node.max, sequence(node.body));
    case 'anchor':
      return EMPTY;
    default:
      // dot, \d \w \s, \p{…}, backreferences: no fixed text.
      return NOTHING_KNOWN;
  }
}

function char(c: string): Info {
  const folded = foldString(c);
  return { exact: [folded], required: [folded], compact: [folded], specificity: 1 };
}

function characterClass(node: Extract<AstNode, { type: 'characterClass' }>): Info {
  if (node.negative) return NOTHING_KNOWN;
  const chars: string[] = [];
  for (const item of node.body) {
    if (item.type === 'value') chars.push(foldString(String.fromCodePoint(item.codePoint)));
    else if (item.type === 'characterClassRange' && item.max.codePoint - item.min.codePoint < 8) {
      for (let c = item.min.codePoint; c <= item.max.codePoint; c++) chars.push(foldString(String.fromCodePoint(c)));
    } else return NOTHING_KNOWN;
  }
  const exact = dedupe(chars);
  if (exact.length === 0 || exact.length > MAX_SET) return NOTHING_KNOWN;
  // `[Ee]` is one fixed character once folded; `[xy]` is not.
  return { exact, required: exact, compact: exact, specificity: exact.length === 1 ? 1 : 0 };
}

/** The best and the most compact literal set a sequence has offered so far. */
interface Candidates {
  best: readonly string[] | null;
  compact: readonly string[] | null;
}

// A plain function, not a closure made on every call: `sequence` runs for every group of every
// pattern, and a closure per call (which the TypeScript loader names at run time) was a quarter
// of the time reading the literals of 5,000 signatures took.
function consider(candidates: Candidates, set: readonly string[] | null): void {
  // Single characters (most children of a sequence) never beat a longer set: skip the work.
  if (set === null || (set.length === 1 && set[0]!.length <= 1 && candidates.best !== null)) return;
  candidates.best = better(candidates.best, set);
  candidates.compact = smaller(candidates.compact, set);
}

function sequence(children: readonly (RootNode | AstNode)[]): Info {
  const found: Candidates = { best: null, compact: null };
  let specificity = 0;
  let whole: string[] | null = [''];
  let run: string[] = [''];
  // The fixed text since the last choice (`x?`, `[ab]`, `(?:a|b)`): one literal, where `run`
  // multiplies out every spelling ("bad auth ?: ?Authentication failed" → "authentication failed").
  let tail = '';
  for (const child of children) {
    const info = visit(child);
    specificity += info.specificity;
    consider(found, info.required);
    consider(found, info.compact);
    if (info.exact !== null && info.exact.length === 1) tail += info.exact[0];
    else {
      consider(found, [tail]);
      tail = '';
    }
    if (info.exact !== null) {
      whole = whole && cross(whole, info.exact);
      const extended = cross(run, info.exact);
      if (extended) run = extended;
      else {
        consider(found, run);
        run = [...info.exact];
      }
    } else {
      whole = null;
      consider(found, run);
      run = [''];
    }
  }
  consider(found, run);
  consider(found, [tail]);
  return { exact: whole, required: found.best, compact: found.compact, specificity };
}

function alternatives(options: readonly Info[]): Info {
  const exact = options.every((o) => o.exact !== null) ? dedupe(options.flatMap((o) => o.exact!)) : null;
  let required: string[] | null = [];
  for (const option of options) {
    // Each branch brings its smallest usable set: a union of whole-branch spellings (4 of
    // "bad auth ?: ?…") would overflow MAX_SET where one shared literal would do.
    const set = smaller(smaller(usable(option.exact) ? option.exact : null, option.required), option.compact);
    if (set === null) {
      required = null;
      break;
    }
    required.push(...set);
  }
  const requiredSet = required && required.length <= MAX_SET ? dedupe(required) : null;
  return {
    exact: exact && exact.length <= MAX_SET ? exact : null,
    required: requiredSet,
    compact: requiredSet,
    specificity: Math.min(...options.map((o) => o.specificity)),
  };
}

function quantifier(min: number, max: number | undefined, body: Info): Info {
  if (min === 0) {
    // `x?` with a small body is still exact: the body or nothing.
    const exact = max === 1 && body.exact ? dedupe(['', ...body.exact]) : null;
    return { exact: exact && exact.length <= MAX_SET ? exact : null, required: null, compact: null, specificity: 0 };
  }
  let exact: string[] | null = null;
  if (max === min && body.exact && min <= 8) {
    exact = [''];
    for (let i = 0; i < min && exact; i++) exact = cross(exact, body.exact);
  }
  const required = body.required ?? (usable(body.exact) ? body.exact : null);
  return { exact, required, compact: smaller(required, body.compact), specificity: body.specificity * min };
}
