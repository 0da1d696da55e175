/**
 * Which literals the prefilter indexes for a pattern (src/match/literals.ts). The engine's tests
 * check the matches, which stay right whatever literals are chosen; these check the choice itself,
 * which decides how many lines reach the pattern's test, and so the engine's speed.
 */
import { describe, expect, it } from 'vitest';
import { extractLiterals } from '../../src/match/literals.ts';

describe('extractLiterals', () => {
  it.each([
    // One fixed run: the whole of it, case-folded.
    ['OAuth2 error: invalid_grant', '', ['oauth2 error: invalid_grant'], 27],
    // A top-level choice: one literal for each branch, each with the text after the group.
    ['(?:connection refused|ECONNREFUSED) to (?<host>\\S+)', '', ['connection refused to ', 'econnrefused to '], 16],
    // Optional characters multiply out while the spellings stay few.
    [
      'bad auth ?: ?Authentication failed',
      '',
      ['bad auth:authentication failed', 'bad auth: authentication failed', 'bad auth :authentication failed', 'bad auth : authentication failed'],
      30,
    ],
    // `[Ee]` is one character once folded; `(?:quota|space)` two spellings.
    ['[Ee]rror: disk (?:quota|space) exceeded', '', ['error: disk quota exceeded', 'error: disk space exceeded'], 26],
    // A class run breaks the literal: the longer side wins.
    ['E\\d{5}: key lock failed', '', [': key lock failed'], 18],
    ['foo(bar|baz)qux', '', ['foobarqux', 'foobazqux'], 9],
    ['TIMEOUT after \\d+ms', 'i', ['timeout after '], 16],
    // More branches than a set may hold: the text every branch is followed by.
    ['(a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)x', '', ['x'], 2],
  ])('%s (flags %j)', (source, flags, required, specificity) => {
    expect(extractLiterals(source, flags)).toEqual({ required, specificity });
  });

  it('keeps a long fixed run whole', () => {
    const text = `${'x'.repeat(30)}connection refused by the upstream server while reading response header`;
    expect(extractLiterals(text, '')).toEqual({ required: [text], specificity: text.length });
    expect(extractLiterals(`a[bc]d${text}`, '')).toEqual({ required: [`d${text}`], specificity: text.length + 2 });
  });

  it('has no literal set when a match may contain no fixed text', () => {
    expect(extractLiterals('\\d+|\\w+', '').required).toBeNull();
    expect(extractLiterals('(?:error)?\\s+', '').required).toBeNull();
  });
});
