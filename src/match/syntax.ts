/**
 * A pattern's syntax tree, as literals.ts and split.ts read it. compile.ts parses each pattern once
 * and hands the tree to both: a catalog of 5,000 parsed once for its literals and again for every
 * split took ~150 ms of its build on a slow machine.
 */
import regjsparser, { type AstNode as AnyAstNode, type RootNode as AnyRootNode } from 'regjsparser';

/** The syntax features parsed: those the dialect module can emit. */
export type Features = { namedGroups: true; lookbehind: true; unicodePropertyEscape: true };
export type AstNode = AnyAstNode<Features>;
export type RootNode = AnyRootNode<Features>;

const FEATURES: Features = { namedGroups: true, lookbehind: true, unicodePropertyEscape: true };

/** The tree of `source` (JavaScript syntax, as dialect.ts emits it) under `flags`. */
export function parsePattern(source: string, flags: string): RootNode {
  return regjsparser.parse(source, flags, FEATURES);
}
