import { describe, expect, it } from 'vitest';
import { describeRejection, translatePattern, type TranslateResult } from '../../src/match/dialect.ts';

function ok(source: string, flags: string | null = null): { source: string; flags: string } {
  const result = translatePattern(source, flags);
  if (!result.ok) throw new Error(`expected ${source} to translate, got ${describeRejection(result)}`);
  return { source: result.source, flags: result.flags };
}

function rejected(source: string, flags: string | null = null): Extract<TranslateResult, { ok: false }> {
  const result = translatePattern(source, flags);
  if (result.ok) throw new Error(`expected ${source} to be rejected, got /${result.source}/${result.flags}`);
  return result;
}

/** Compiles the translation and tests it, so each case checks meaning, not only spelling. */
function matches(source: string, text: string, flags: string | null = null): boolean {
  const t = ok(source, flags);
  return new RegExp(t.source, t.flags).test(text);
}

describe('translatePattern: translations', () => {
  it('leaves plain JavaScript patterns alone and adds no flags', () => {
    expect(ok('ECONNREFUSED \\d+\\.\\d+')).toEqual({ source: 'ECONNREFUSED \\d+\\.\\d+', flags: '' });
  });

  it.each([
    ['(?i)foo', 'foo', 'i'],
    ['(?s)a.b', 'a.b', 's'],
    ['(?m)^a$', '^a$', 'm'],
    ['(?is)a.b', 'a.b', 'is'],
    ['(?i)(?s)a.b', 'a.b', 'is'],
    ['(?u)a', 'a', ''],
  ])('moves leading inline flags %s into RegExp flags', (pattern, source, flags) => {
    expect(ok(pattern)).toEqual({ source, flags });
  });

  it('applies leading flags with their meaning', () => {
    expect(matches('(?i)timeout', 'TIMEOUT')).toBe(true);
    expect(matches('(?s)a.b', 'a\nb')).toBe(true);
    expect(matches('a.b', 'a\nb')).toBe(false);
  });

  it('merges record flags with inline flags', () => {
    expect(ok('(?i)x', 'sm')).toEqual({ source: 'x', flags: 'ims' });
    expect(matches('connection reset', 'CONNECTION RESET', 'i')).toBe(true);
  });

  it('rejects record flags other than i, s, m, x', () => {
    const r = rejected('foo', 'ig');
    expect(r.construct).toBe('flags "ig"');
    expect(r.position).toBe(-1);
    expect(r.reason).toContain('"g"');
  });

  it('strips whitespace and # comments in x mode, but not inside classes or when escaped', () => {
    const pattern = '(?x)  error \\  code   # the code\n  [ #]  (\\d+) \\# ';
    expect(ok(pattern).source).toBe('error code[ #](\\d+)#');
    expect(matches(pattern, 'error code 42#')).toBe(true);
    expect(ok('a b', 'x').source).toBe('ab');
  });

  it('keeps a backreference and a following digit apart when x mode removes the space between them', () => {
    const t = ok('(?x)(a) \\1 0');
    expect(new RegExp(t.source).test('aa0')).toBe(true);
    expect(ok('(a)\\1(?#note)0').source).toBe('(a)\\1(?:)0');
  });

  it('translates Python named groups and backreferences', () => {
    expect(ok('(?P<user>\\w+) then (?P=user)').source).toBe('(?<user>\\w+) then \\k<user>');
    const t = ok('(?P<user>\\w+)=(?P=user)');
    expect(new RegExp(t.source).exec('bob=bob')?.groups).toEqual({ user: 'bob' });
    expect(new RegExp(t.source).test('bob=ann')).toBe(false);
  });

  it("translates PCRE's other named group and backreference spellings", () => {
    expect(ok("(?'n'x)\\k{n}\\k'n'\\g{n}").source).toBe('(?<n>x)\\k<n>\\k<n>\\k<n>');
    expect(ok('(x)\\g1\\g{1}').source).toBe('(x)\\1\\1');
  });

  it('translates \\A to ^ without m, and to a start-of-input lookbehind with m', () => {
    expect(ok('\\Afoo').source).toBe('^foo');
    const multi = ok('\\Afoo', 'm');
    expect(multi.source).toBe('(?<![\\s\\S])foo');
    expect(new RegExp(multi.source, multi.flags).test('x\nfoo')).toBe(false);
    expect(new RegExp(multi.source, multi.flags).test('foo\nx')).toBe(true);
  });

  it('translates \\Z and \\z to an end-of-input assertion, also under m', () => {
    expect(ok('foo\\Z').source).toBe('foo$');
    expect(ok('foo\\z').source).toBe('foo$');
    const multi = ok('foo\\z', 'm');
    expect(multi.source).toBe('foo(?![\\s\\S])');
    expect(new RegExp(multi.source, multi.flags).test('foo\nbar')).toBe(false);
    expect(new RegExp(multi.source, multi.flags).test('bar\nfoo')).toBe(true);
  });

  it('emulates scoped s, m and x groups, and drops scoped i when i is already on', () => {
    expect(ok('(?s:a.b).').source).toBe('(?:a[\\s\\S]b).');
    expect(matches('(?s:a.b)', 'a\nb')).toBe(true);
    expect(matches('(?s)(?-s:a.b)', 'a\nb')).toBe(false);
    expect(matches('x\\n(?m:^y$)', 'x\ny\nz')).toBe(true);
    expect(matches('x\\n^y$', 'x\ny\nz')).toBe(false);
    expect(matches('(?x: a b )c d', 'abc d')).toBe(true);
    expect(ok('(?i)(?i:a)b')).toEqual({ source: '(?:a)b', flags: 'i' });
    // A mid-pattern flag changes the rest of its group only.
    expect(matches('(a(?s).)(.)', 'a\n\n')).toBe(false);
    expect(matches('(a(?s).)(.)', 'a\nb')).toBe(true);
  });

  it('strips (?#…) comments', () => {
    expect(ok('a(?# a comment)b').source).toBe('ab');
  });

  it('translates \\Q…\\E quoting, with a following quantifier on the last character', () => {
    expect(ok('\\Qa.b*\\E+').source).toBe('a\\.b\\*+');
    expect(matches('\\Q(x)\\E', '(x)')).toBe(true);
  });

  it("translates Python's {,n} quantifier and keeps lone braces literal", () => {
    expect(ok('a{,3}').source).toBe('a{0,3}');
    expect(ok('a{x}').source).toBe('a\\{x\\}');
    expect(matches('{"code": 5}', '{"code": 5}')).toBe(true);
  });

  it('reads ] first in a class as a literal, as PCRE and Python do', () => {
    expect(ok('[]a]').source).toBe('[\\]a]');
    expect(matches('[^]]+', ']]x')).toBe(true);
  });

  it('translates PCRE \\h, \\R, \\e, \\a and \\x{…}', () => {
    expect(matches('a\\hb', 'a\u00A0b')).toBe(true);
    expect(matches('a\\Rb', 'a\r\nb')).toBe(true);
    expect(matches('\\e\\[0m', '\u001b[0m')).toBe(true);
    expect(ok('\\x{263A}').source).toBe('\\u263A');
  });

  it('translates octal escapes to \\xHH', () => {
    expect(ok('\\0\\101[\\1]').source).toBe('\\x00\\x41[\\x01]');
  });

  it('adds u only when the pattern needs it, and keeps escapes valid under it', () => {
    expect(ok('\\-x').flags).toBe('');
    expect(ok('\\p{L}+\\-\\d{2}')).toEqual({ source: '\\p{L}+-\\d{2}', flags: 'u' });
    expect(matches('\\p{Lu}\\-', 'É-')).toBe(true);
    expect(ok('\\p{Greek}').source).toBe('\\p{Script=Greek}');
    expect(ok('\\x{1F600}')).toEqual({ source: '\\u{1F600}', flags: 'u' });
    expect(ok('\\U0001F600')).toEqual({ source: '\\u{1F600}', flags: 'u' });
    expect(matches('x{y}\\p{N}', 'x{y}7')).toBe(true);
  });
});

describe('translatePattern: rejections name the construct and its position', () => {
  it.each([
    ['a++', '++', 1],
    ['ab*+', '*+', 2],
    ['x{2}+', '{2}+', 1],
    ['ab(?>c|d)', '(?>', 2],
    ['foo\\Gbar', '\\G', 3],
    ['x\\Ky', '\\K', 1],
    ['a(?R)', '(?R)', 1],
    ['(a)(?1)', '(?1)', 3],
    ['(?&name)', '(?&name)', 0],
    ['(a)?(?(1)b|c)', '(?(', 4],
    ['(?|a|b)', '(?|', 0],
    ['x(*SKIP)', '(*', 1],
    ['ab(?i:c)', '(?i:', 2],
    ['a(?i)b', '(?i)', 1],
    ['(?U)a', '(?U)', 0],
    ['ab\\q', '\\q', 2],
    ['\\N{BULLET}', '\\N{', 0],
    ['[[:alpha:]]+', '[:alpha:]', 1],
    ['abc[de', '[', 3],
    ['(a)\\2', '\\2', 3],
    ['(?P<a>x)(?P=b)', '(?P=b)', 8],
    ['\\g{-1}', '\\g{-1}', 0],
    ['\\p{NoSuchProperty}', '\\p{NoSuchProperty}', 0],
    ['x\\', '\\', 1],
  ])('%s → %s at %i', (pattern, construct, position) => {
    const r = rejected(pattern);
    expect({ construct: r.construct, position: r.position }).toEqual({ construct, position });
    expect(r.reason.length).toBeGreaterThan(10);
    expect(describeRejection(r)).toContain(`${construct} at position ${position}`);
  });

  it('scoped case-insensitivity is refused even when it is the only problem', () => {
    expect(rejected('(?-i:a)', 'i').construct).toBe('(?-i:');
  });

  it('reports RegExp compile errors of the translated pattern', () => {
    const r = rejected('(?P<n>a');
    expect(r.construct).toBe('pattern');
    expect(r.position).toBe(-1);
    expect(r.reason).toContain('Unterminated group');
    expect(rejected('a)').reason).toMatch(/Unmatched '\)'/);
    expect(rejected('(?<a>x)(?<a>y)').reason).toMatch(/Duplicate capture group name/);
  });
});
