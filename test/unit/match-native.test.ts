/**
 * The addon trusts nothing it is handed: tables that do not agree with each other are refused with
 * an error at construction, never read out of bounds on the hot path.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeGramProbe, nativeStatus, type GramProbeTables, type NativePatterns } from '../../src/match/native.ts';

const literal = 'connection refused by peer';

function tables(): GramProbeTables {
  const literalChars = Uint16Array.from(literal, (c) => c.charCodeAt(0));
  return {
    stride: 8,
    keyByte: new Uint8Array(0x10000),
    fold: new Uint16Array(0x10000),
    words: new Uint32Array(32),
    shift: 27,
    wideWords: new Uint32Array(32),
    wideShift: 27,
    narrowWords: null,
    narrowShift: 32,
    literalChars,
    literalStart: Int32Array.from([0, literal.length]),
    wideKeys: Int32Array.from([12345]),
    wideStart: Int32Array.from([0, 2]),
    widePairs: Int32Array.from([0, 4]),
    narrowKeys: new Int32Array(0),
    narrowStart: Int32Array.from([0]),
    narrowPairs: new Int32Array(0),
    pairStride: 0,
    pairKeys: new Int32Array(0),
    pairStart: Int32Array.from([0]),
    pairPairs: new Int32Array(0),
    shortSimd: 32,
  };
}

// Without the addon there is nothing to construct; match-prefilter.test.ts fails in that case.
describe.runIf(nativeStatus.loaded)('native probe construction', () => {
  it('accepts tables that agree', () => {
    const probe = nativeGramProbe(tables(), new Int32Array(1))!;
    expect(probe.scan('nothing here at all')).toBe(0);
  });

  it.each<[string, Partial<GramProbeTables>]>([
    ['a literal index past the last literal', { widePairs: Int32Array.from([1, 4]) }],
    ['an offset past the literal', { widePairs: Int32Array.from([0, literal.length]) }],
    ['list bounds past the pairs', { wideStart: Int32Array.from([0, 4]) }],
    ['literal bounds past the characters', { literalStart: Int32Array.from([0, literal.length + 1]) }],
    ['a filter whose size disagrees with its shift', { words: new Uint32Array(31) }],
    ['a pair key over 16 bits', { pairStride: 4, pairKeys: Int32Array.from([0x10000]), pairStart: Int32Array.from([0, 0]) }],
  ])('refuses %s', (_what, broken) => {
    expect(() => nativeGramProbe({ ...tables(), ...broken }, new Int32Array(1))).toThrow(RangeError);
  });

  it('refuses a result buffer without room for every literal', () => {
    expect(() => nativeGramProbe(tables(), new Int32Array(0))).toThrow(RangeError);
  });
});

describe.runIf(nativeStatus.loaded)('native pattern tests', () => {
  const spec = (overrides: Partial<NativePatterns> = {}): { spec: NativePatterns; matched: Int32Array } => ({
    spec: {
      sources: ['refused by (?<who>\\w+)', null, 'bad(group'],
      flags: ['i', '', ''],
      literalPatternStart: Int32Array.from([0, 3]),
      literalPatterns: Int32Array.from([0, 1, 2]),
      splits: [null, null, null],
      ...overrides,
    },
    matched: new Int32Array(3),
  });

  it('holds a regex for each pattern RE2 compiles, none for a null source or one RE2 refuses', () => {
    const probe = nativeGramProbe(tables(), new Int32Array(1), spec())!;
    expect([0, 1, 2, 3, -1].map((p) => probe.tests(p))).toEqual([true, false, false, false, false]);
  });

  it.each<[string, Partial<NativePatterns>]>([
    ['a pattern index past the last pattern', { literalPatterns: Int32Array.from([0, 1, 3]) }],
    ['literal bounds past the pattern list', { literalPatternStart: Int32Array.from([0, 4]) }],
    ['a bound for a literal that is not there', { literalPatternStart: Int32Array.from([0, 1, 3]) }],
    ['flags that do not line up with the sources', { flags: ['i'] }],
    ['splits that do not line up with the routes', { splits: [null] }],
    ['a split without its literal', { splits: [{ prefix: null, suffix: null } as never, null, null] }],
  ])('refuses %s', (_what, broken) => {
    expect(() => nativeGramProbe(tables(), new Int32Array(1), spec(broken))).toThrow(RangeError);
  });

  it('refuses a match buffer without room for every pattern', () => {
    expect(() => nativeGramProbe(tables(), new Int32Array(1), { ...spec(), matched: new Int32Array(2) })).toThrow(RangeError);
  });
});

describe('LOGSIG_NATIVE_ADDON', () => {
  // A build asked for by name that does not load must stop the process, not quietly run the
  // JavaScript loops: the sanitizer run would otherwise pass without the sanitized addon.
  it('is an error when the addon it names does not load', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', "await import('./src/match/native.ts')"], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env: { ...process.env, LOGSIG_NATIVE_ADDON: 'build/no-such-addon.node' },
      encoding: 'utf8',
    });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('LOGSIG_NATIVE_ADDON=build/no-such-addon.node does not load');
  });
});
