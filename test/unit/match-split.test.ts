/**
 * Where a pattern may be split around its literal for the addon's confirmation, and where it must
 * not be (the property tests in match-multi-property.test.ts check the matches themselves).
 */
import { describe, expect, it } from 'vitest';
import { splitAroundLiteral } from '../../src/match/split.ts';

describe('splitAroundLiteral', () => {
  it('splits a pattern around a run of plain characters', () => {
    expect(splitAroundLiteral('X\\d{5}: quota exceeded after \\d+ tries', '', ': quota exceeded after ')).toEqual({
      prefix: 'X\\d{5}',
      literal: ': quota exceeded after ',
      suffix: '\\d+ tries',
    });
  });

  it('keeps the pattern spelling of a literal the prefilter holds folded, and finds it inside a longer run', () => {
    expect(splitAroundLiteral('OutOfMemoryError: Java heap', 'i', 'memoryerror: java')).toEqual({
      prefix: 'OutOf',
      literal: 'MemoryError: Java',
      suffix: ' heap',
    });
  });

  it('has no prefix or suffix for a pure literal', () => {
    expect(splitAroundLiteral('connection reset by peer', '', 'connection reset by peer')).toEqual({ prefix: null, literal: 'connection reset by peer', suffix: null });
  });

  it('splits around a whole branch of a top-level group of alternatives, or of the pattern', () => {
    expect(splitAroundLiteral('(?:timed out|deadline exceeded) after (?<ms>\\d+)ms', '', 'deadline exceeded')).toEqual({
      prefix: null,
      literal: 'deadline exceeded',
      suffix: ' after (?<ms>\\d+)ms',
    });
    expect(splitAroundLiteral('ECONNRESET|socket hang up', '', 'socket hang up')).toEqual({ prefix: null, literal: 'socket hang up', suffix: null });
  });

  it('keeps assertions in the suffix, which sees the whole line', () => {
    expect(splitAroundLiteral('disk full\\b.*$', 'm', 'disk full')).toEqual({ prefix: null, literal: 'disk full', suffix: '\\b.*$' });
  });

  it.each([
    ['a prefix that looks right of itself', '\\bout of memory', 'out of memory'],
    ['a prefix with an end anchor', 'a$\\n?out of memory', 'out of memory'],
    ['a literal under a quantifier', '(?:out of memory)+', 'out of memory'],
    ['a literal that is only part of a branch', '(?:out of memory now|later)', 'out of memory'],
    ['a literal inside a lookahead', '(?=out of memory)', 'out of memory'],
    ['a non-ASCII literal', 'quota dépassée', 'quota dépassée'],
  ])('does not split %s', (_what, source, literal) => {
    expect(splitAroundLiteral(source, '', literal)).toBeNull();
  });
});
