/**
 * A pattern split around its literal: `prefix · literal · suffix`, for the native addon to confirm
 * a candidate from where the prefilter found the literal instead of running the whole regex over
 * the line.
 *
 * Why: a regex whose automaton is cold (a catalog of thousands, each matching line a different
 * signature) costs about 10 ns for every byte its DFA walks, one cache miss a state, so a line
 * matching a 40-character phrase paid ~400 ns for the phrase alone. The prefilter has already
 * compared the literal; only the variable parts around it need a regex: the suffix anchored where
 * the literal ends, the prefix anchored where it begins (`(?:prefix)\z` over the text before it).
 *
 * The split is offered only where it is exact:
 * - the literal is a run of plain characters in the pattern's top-level sequence, or a whole
 *   branch of a top-level group of alternatives (`(?:timed out|deadline exceeded)`), or of the
 *   pattern itself (`A|B`) — never under a quantifier;
 * - the literal is ASCII, so comparing it needs no Unicode case folding (the addon uses the split
 *   only on ASCII lines, and compares ASCII letters without case only under `i`);
 * - the prefix holds no assertion but `^`: one that looks right (`$`, `\b`, lookaround) would see
 *   the end of the cut-off text instead of the literal. The suffix is run on the whole line, so
 *   its assertions see their real context.
 * Anything else is confirmed by the whole regex, as is a line where the literal's first occurrence
 * does not complete the match (a later one might).
 */
import { foldString } from './fold.ts';
import { parsePattern, type AstNode, type RootNode } from './syntax.ts';

export interface LiteralSplit {
  /** The regex before the literal (JavaScript syntax, same flags), or null when there is none. */
  readonly prefix: string | null;
  /** The literal's characters as the pattern spells them (ASCII). */
  readonly literal: string;
  /** The regex after the literal, or null when there is none. */
  readonly suffix: string | null;
}

/**
 * `source` split around `literal` (as the prefilter holds it: folded), or null when the pattern
 * does not split exactly (see above). `root`: the pattern's tree, when the caller has parsed it
 * already (syntax.ts).
 */
export function splitAroundLiteral(source: string, flags: string, literal: string, root: RootNode = parsePattern(source, flags)): LiteralSplit | null {
  if (!/^[\x00-\x7f]+$/.test(literal)) return null;
  // A top-level `A|B`: the literal is a whole branch, with nothing around it.
  if (root.type === 'disjunction') {
    const branch = root.body.find((b) => branchIs(b, literal));
    return branch === undefined ? null : { prefix: null, literal: branchText(branch)!, suffix: null };
  }
  const terms: readonly AstNode[] = root.type === 'alternative' ? root.body : [root];
  const split = (first: AstNode, last: AstNode, before: number, text: string): LiteralSplit | null => {
    if (terms.slice(0, before).some(hasRightContextAssertion)) return null;
    const prefix = source.slice(0, first.range[0]);
    const suffix = source.slice(last.range[1]);
    return { prefix: prefix === '' ? null : prefix, literal: text, suffix: suffix === '' ? null : suffix };
  };
  for (let start = 0; start < terms.length; start++) {
    const term = terms[start]!;
    // A group of alternatives, one of them the literal: `(?:connection refused|ECONNREFUSED)`.
    const alternatives = term.type === 'group' && (term.behavior === 'normal' || term.behavior === 'ignore') && term.body.length === 1 ? term.body[0]! : null;
    if (alternatives !== null && alternatives.type === 'disjunction') {
      const branch = alternatives.body.find((b) => branchIs(b, literal));
      if (branch !== undefined) return split(term, term, start, branchText(branch)!);
      continue;
    }
    // A run of plain characters, the literal a part of it.
    if (!plain(term)) continue;
    let end = start;
    let text = '';
    while (plain(terms[end])) text += String.fromCharCode((terms[end++] as ValueNode).codePoint);
    const at = foldString(text).indexOf(literal);
    if (at >= 0) return split(terms[start + at]!, terms[start + at + literal.length - 1]!, start + at, text.slice(at, at + literal.length));
    start = end - 1;
  }
  return null;
}

type ValueNode = Extract<AstNode, { type: 'value' }>;

/** A plain ASCII character: one term, one code unit, one byte, so positions agree. */
function plain(node: AstNode | undefined): node is ValueNode {
  return node !== undefined && node.type === 'value' && node.codePoint < 0x80;
}

/** A branch's text when it is plain characters only, else null. */
function branchText(branch: AstNode): string | null {
  const chars = branch.type === 'alternative' ? branch.body : [branch];
  return chars.length > 0 && chars.every(plain) ? chars.map((c) => String.fromCharCode((c as ValueNode).codePoint)).join('') : null;
}

function branchIs(branch: AstNode, literal: string): boolean {
  const text = branchText(branch);
  return text !== null && foldString(text) === literal;
}

/** Whether the node holds an assertion other than `^` (which looks only left). */
function hasRightContextAssertion(node: AstNode): boolean {
  switch (node.type) {
    case 'anchor':
      return node.kind !== 'start';
    case 'group':
      return node.behavior !== 'normal' && node.behavior !== 'ignore' ? true : node.body.some(hasRightContextAssertion);
    case 'alternative':
    case 'disjunction':
    case 'quantifier':
      return node.body.some(hasRightContextAssertion);
    default:
      return false;
  }
}
