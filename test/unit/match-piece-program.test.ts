// The addon confirms a split pattern's prefix and suffix with small backtracking programs
// (native/piece_program.h) before it ever runs RE2. A program that says "match" is believed, so
// each case here is a line where a wrong program would report a match RE2 does not. A program
// that wrongly answers "no match" only sends the line on to the whole regex, which gives the right
// answer more slowly: results cannot see that, so these cases do not catch it. Every expectation
// comes from the `re2` package running the same pattern on the same line: the programs must mean
// what RE2 means (RE2's `.` takes `\r`, its `\s` not `\v`, unlike V8).
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { makeCatalog } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { createMultiEngine } from '../../src/match/multi-engine.ts';
import { nativeStatus } from '../../src/match/native.ts';

function engineFor(regex: string) {
  const raw = { id: 'piece/case', signature: 'piece/case', regex, confidence: 0.7 };
  const catalog = makeCatalog([{ record: SignatureRecordSchema.parse(raw), raw, origin: 'test:piece' }]);
  return createMultiEngine(catalog, { maxLineBytes: 1 << 20 });
}

// [pattern (its literal is the plain run in it), flags, lines]
const CASES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  // A run must keep its minimum when it gives bytes back.
  ['LITERAL[a-z]+bc', '', ['LITERALbc', 'LITERALxbc', 'LITERALbbc', 'LITERALbcbc']],
  ['LITERAL\\d{2,}0', '', ['LITERAL10', 'LITERAL100', 'LITERAL1000', 'LITERAL0']],
  ['[a-z]+x LITERAL', '', ['x LITERAL', 'ax LITERAL', 'xx LITERAL', ' x LITERAL']],
  ['\\d{3}LITERAL', '', ['12LITERAL', '123LITERAL', '1234LITERAL', 'a12LITERAL']],
  // A class repeated an exact number of times is one step: it must read exactly those bytes and end
  // exactly there, in both directions (a window one byte off reads a match into these lines).
  ['\\w{3}LITERAL', '', ['-abLITERAL', 'x-abLITERAL', 'abcLITERAL', 'ab-LITERAL']],
  ['a\\w{3}LITERAL', '', ['zab1LITERAL', 'ab12LITERAL', 'aab1LITERAL']],
  ['LITERAL\\w{3}a', '', ['LITERALbc-a', 'LITERALbc1a', 'LITERALbca', 'LITERAL-bcaa']],
  // Strings of the pattern, every byte of them, both directions, with and without case.
  ['LITERAL\\d+ abcd', '', ['LITERAL1 abcd', 'LITERAL1 abce', 'LITERAL1 xbcd', 'LITERAL1 abc']],
  ['abcd\\d+LITERAL', '', ['abcd1LITERAL', 'abce1LITERAL', 'xbcd1LITERAL', 'bcd1LITERAL']],
  ['literal\\d+ abcd', 'i', ['LITERAL1 ABCD', 'literal1 AbCd', 'LITERAL1 ABCE', 'LITERAL1 XBCD']],
  ['abcd\\d+literal', 'i', ['ABCD1LITERAL', 'aBcD1literal', 'ABCE1LITERAL', 'XBCD1LITERAL']],
  // A class repeated an exact number of times: every byte of it counts, both directions, with
  // optional copies after it and under case folding.
  ['LITERAL\\d{3}x', '', ['LITERAL12x', 'LITERAL123x', 'LITERAL1234x', 'LITERAL12ax', 'LITERAL1x3x']],
  ['[A-Z]{3}-\\d{4} LITERAL', '', ['ABC-1234 LITERAL', 'AB-1234 LITERAL', 'ABC-123 LITERAL', 'AbC-1234 LITERAL', 'ABC-12a4 LITERAL']],
  ['LITERAL[a-f]{2,4}z', '', ['LITERALabz', 'LITERALaz', 'LITERALabcdz', 'LITERALabcdez', 'LITERALagz']],
  ['[a-c]{3}literal', 'i', ['ABCLITERAL', 'aBcliteral', 'ABDLITERAL', 'ABliteral']],
  // Bounded repeats and optional parts, both directions.
  ['(?:ab){2,3}LITERAL(?:cd){1,2}e', '', ['ababLITERALcde', 'abLITERALcde', 'abababLITERALcdcde', 'ababLITERALcdcdcde', 'ababLITERALe']],
  ['LITERAL(?:x|xy|xyz)z', '', ['LITERALxz', 'LITERALxyz', 'LITERALxyzz', 'LITERALz', 'LITERALxyyz']],
  ['(?:q|qr|qrs)LITERAL', '', ['qLITERAL', 'qrsLITERAL', 'rsLITERAL', 'sLITERAL']],
  ['LITERAL.*\\bid=\\d+', '', ['LITERAL while id=7', 'LITERAL while xid=7', 'LITERAL id=', 'LITERALid=3', 'LITERAL a\nid=4']],
  ['LITERAL.*\\bid=\\d+', 's', ['LITERAL a\nid=4', 'LITERAL a\nxid=4']],
  // A run gives bytes back straight to the next place the byte after it occurs (HintRuns): it must
  // never give back past its minimum (that would report a match RE2 does not), in both directions,
  // with and without case; lines with several such places check the nearest is not taken wrongly.
  ['LITERAL.*id=\\d+x', '', ['LITERAL id=1x id=2', 'LITERAL id=1 id=2x', 'LITERAL id=x id=', 'LITERAL iid=3x', 'LITERALid=4x']],
  ['LITERAL.*\\bID=\\d', 'i', ['LITERAL xid=1 Id=2', 'LITERAL xid=1 xId=2', 'LITERAL ID=', 'literal id=9']],
  ['LITERAL[a-z]*b\\d', '', ['LITERALabab1', 'LITERALabab', 'LITERALbbb2b', 'LITERALb', 'LITERALxb3']],
  ['LITERAL[a-z]{2,}b\\d', '', ['LITERALab1', 'LITERALbb1', 'LITERALabb1', 'LITERALxyb1']],
  ['[a-z]{2,}=LITERAL', '', ['a=LITERAL', '==LITERAL', 'ab=LITERAL', 'x a=LITERAL']],
  // Its byte inside the run's own minimum must not be taken (reverse: `x` before the letters).
  ['ax[a-z]{2,}LITERAL', '', ['axcLITERAL', 'axcdLITERAL', 'zaxcLITERAL', 'axxLITERAL']],
  ['ab=.*LITERAL', '', ['ab=ab=LITERAL', 'xab=LITERAL', 'ab LITERAL', 'b=ab=LITERAL']],
  ['ab=\\s*x.*LITERAL', 'i', ['AB= x ab=LITERAL', 'ab=  y X LITERAL', 'AB=xLITERAL', 'ab= yLITERAL']],
  // Assertions see the whole line, on either side of the literal.
  ['\\bLITERAL\\b', '', ['a LITERAL b', 'aLITERAL b', 'a LITERALb', 'LITERAL']],
  ['x\\BLITERAL', '', ['xLITERAL', 'x LITERAL']],
  ['^\\s*LITERAL$', '', ['  LITERAL', 'a LITERAL', '  LITERAL ', 'x\n LITERAL']],
  ['^\\s*LITERAL$', 'm', ['x\n  LITERAL\ny', 'x\na LITERAL\ny', 'LITERAL x']],
  ['LITERAL\\s+$', '', ['LITERAL  ', 'LITERAL  x', 'LITERAL \n']],
  // Case folding: letters both ways, the rest as they are.
  ['literal [a-c]+-\\d', 'i', ['LITERAL ABC-1', 'Literal abc-1', 'LITERAL ABD-1', 'literal _-1']],
  ['LITERAL k', 'i', ['literal K', 'literal k', 'literal x']],
  ['x[^a-z]yLITERAL', 'i', ['x-yLITERAL', 'xAyLITERAL', 'xayLITERAL']],
  // `.` and classes on line breaks, as RE2 has them.
  ['LITERAL.x', '', ['LITERAL\nx', 'LITERAL\rx', 'LITERAL x']],
  ['LITERAL[^y]x', '', ['LITERAL\nx', 'LITERALyx']],
  ['LITERAL\\s\\S', '', ['LITERAL\ta', 'LITERAL\t ', 'LITERAL\u000bz']],
  // A run of a class that leaves out one byte at most (`.`, `[^q]`) ends at that byte, found by a
  // search instead of a test of every byte: in both directions, and giving bytes back the same way.
  ['x=.*LITERAL', '', ['x=a\nbLITERAL', 'x=\nLITERAL', 'x=abLITERAL', 'ax=LITERAL', 'x=a\nx=bLITERAL']],
  ['x=.*LITERAL', 's', ['x=a\nbLITERAL', 'x=\nLITERAL', 'ax\n=LITERAL']],
  ['x=[^q]*LITERAL', '', ['x=aqbLITERAL', 'x=abLITERAL', 'x=q x=LITERAL', 'x=\nLITERAL']],
  ['LITERAL[^q]*z', '', ['LITERALabz', 'LITERALaqbz', 'LITERALzqz', 'LITERALq', 'LITERAL\nz']],
  // Two bytes left out: the run must stop at either, not only at the first (no search for that).
  ['LITERAL[^xy]*z', '', ['LITERALabz', 'LITERALayz', 'LITERALaxz', 'LITERALz']],
  ['[^xy]*=LITERAL', '', ['ay=LITERAL', 'x=LITERAL', 'ab=LITERAL']],
  ['LITERAL.*z', '', ['LITERALabz', 'LITERALa\nz', 'LITERAL\n', 'LITERALz\nz']],
  ['LITERAL.*', 's', ['LITERAL', 'LITERAL\n\nx']],
  // A literal that may be missing from the pattern's other branch still splits around the group.
  ['(?:LITERAL|other one) (?<n>\\d+)x?$', '', ['LITERAL 12', 'LITERAL 12x', 'LITERAL 12y', 'other one 3']],
];

// Without the addon there are no programs to test; match-prefilter.test.ts fails in that case.
describe.runIf(nativeStatus.loaded)('piece programs (split prefixes and suffixes in the addon)', () => {
  it.each(CASES)('%s /%s', (pattern, flags, lines) => {
    const engine = engineFor(flags.includes('i') ? `(?i)${pattern}` : flags.includes('s') ? `(?s)${pattern}` : flags.includes('m') ? `(?m)${pattern}` : pattern);
    expect(engine.stats.nativeTests).toBe(true);
    const reference = new RE2(pattern, flags);
    for (const line of lines) {
      expect({ line, matched: engine.match(line).matches.length > 0 }).toEqual({ line, matched: reference.test(line) });
    }
  });

  it('gives up on a piece that backtracks without end, and RE2 still answers in linear time', () => {
    // (?:a|a)* before the final b tries every way to split the run of a's: exponential for a
    // plain backtracker, over its step budget here at once. The whole regex (RE2) then decides.
    const engine = engineFor('LITERAL(?:a|a)*b');
    const run = 'a'.repeat(100_000);
    expect(engine.match(`LITERAL${run}c`).matches).toHaveLength(0);
    expect(engine.match(`LITERAL${run}b`).matches).toHaveLength(1);
  });
});
