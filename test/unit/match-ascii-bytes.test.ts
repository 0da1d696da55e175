/**
 * The byte shortcut: a Kafka value that is plain ASCII text is matched from its bytes, and only a
 * line the engine cannot rule out there is decoded into a string. Nothing may change but the time:
 * the same line as `decodeLogRecord` makes, the same verdict as `match`, the same batch results.
 * (The mutated real lines of match-native-mutations.test.ts put `mayMatchAscii` against `match`
 * at scale, with the shipped catalog and a synthetic one.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCatalog, type Catalog } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { createMultiEngine } from '../../src/match/multi-engine.ts';
import { nativeStatus } from '../../src/match/native.ts';
import type { MatchEngine } from '../../src/match/types.ts';
import { decodeLogRecord, plainAsciiLength, plainAsciiRecord } from '../../src/source/decode.ts';
import { processBatch, type BatchSettings, type ConsumedMessage } from '../../src/worker/process-batch.ts';

const decodeOptions = { messageFields: ['message'], serviceFields: ['service'], timestampFields: ['ts'] };

describe('plainAsciiLength', () => {
  it.each<[string, Buffer | null]>([
    ['null', null],
    ['empty', Buffer.alloc(0)],
    ['blank', Buffer.from(' \t\r\n')],
    ['JSON-looking', Buffer.from('  {"message": "boom"}')],
    ['a NUL byte', Buffer.from('boom\u0000here')],
    ['not ASCII', Buffer.from('connexion refusée')],
    ['invalid UTF-8', Buffer.from([0x62, 0xff, 0x62])],
  ])('leaves %s to decodeLogRecord', (_what, value) => {
    expect(plainAsciiLength(value)).toBe(-1);
  });

  it('leaves trailing line breaks out, and keeps leading blanks and inner breaks', () => {
    expect(plainAsciiLength(Buffer.from('  at Foo\n  at Bar\r\n\n'))).toBe('  at Foo\n  at Bar'.length);
  });

  it('gives the record decodeLogRecord makes, whenever it gives a length', () => {
    const byte = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 2, arbitrary: fc.constantFrom(0x0a, 0x0d, 0x09, 0x20, 0x7b, 0x0c) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xff }) },
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (bytes) => {
        const value = Buffer.from(bytes);
        const length = plainAsciiLength(value);
        if (length < 0) return;
        expect(plainAsciiRecord(value, length)).toEqual(decodeLogRecord(value, decodeOptions));
      }),
      { numRuns: 3000 },
    );
  });
});

function catalogOf(...records: Array<Record<string, unknown>>): Catalog {
  return makeCatalog(records.map((raw) => ({ record: SignatureRecordSchema.parse(raw), raw, origin: `${String(raw.id)}.json` })));
}

const catalog = catalogOf(
  { id: 'db/too-many', signature: 'Too many clients', regex: 'too many clients', domain: 'db', category: 'capacity', confidence: 0.9 },
  { id: 'net/refused', signature: 'Connection refused', regex: 'ECONNREFUSED (?<addr>\\S+)', domain: 'net', category: 'network' },
  { id: 'disk/full', signature: 'No space left', regex: 'No space left on device', domain: 'storage', category: 'capacity' },
);

const bytes = (line: string) => Buffer.from(line, 'latin1');

describe.runIf(nativeStatus.loaded)('mayMatchAscii', () => {
  const engine = createMultiEngine(catalog, { maxLineBytes: 64 });

  it('rules out a line with nothing to find, and not one that matches', () => {
    const quiet = 'GET /healthz 200 in 3ms';
    expect(engine.mayMatchAscii(bytes(quiet), quiet.length)).toBe(false);
    const loud = 'pg: FATAL: sorry, too many clients already';
    expect(engine.match(loud).matches).toHaveLength(1);
    expect(engine.mayMatchAscii(bytes(loud), loud.length)).toBe(true);
  });

  it('reads only the first `length` bytes', () => {
    const value = bytes('all is well; too many clients');
    expect(engine.mayMatchAscii(value, 'all is well;'.length)).toBe(false);
    expect(engine.mayMatchAscii(value, value.length)).toBe(true);
  });

  it('leaves a line past the byte cap to match, which cuts it and says so', () => {
    const long = 'x'.repeat(65);
    expect(engine.match(long).truncated).toBe(true);
    expect(engine.mayMatchAscii(bytes(long), long.length)).toBe(true);
  });

  it('refuses bytes that are not ASCII, and a length past the bytes', () => {
    expect(() => engine.mayMatchAscii(Buffer.from('connexion refusée'), 18)).toThrow(RangeError);
    expect(() => engine.mayMatchAscii(bytes('abc'), 4)).toThrow(RangeError);
  });

  it('rules nothing out without the addon, and everything out of an empty catalog', () => {
    const quiet = 'GET /healthz 200 in 3ms';
    expect(createMultiEngine(catalog, { maxLineBytes: 64, nativePrefilter: false }).mayMatchAscii(bytes(quiet), quiet.length)).toBe(true);
    expect(createMultiEngine(catalogOf(), { maxLineBytes: 64 }).mayMatchAscii(bytes(quiet), quiet.length)).toBe(false);
  });
});

describe.runIf(nativeStatus.loaded)('a batch with the byte shortcut', () => {
  const engine = createMultiEngine(catalog, { maxLineBytes: 64 });
  const settings = (e: MatchEngine): BatchSettings => ({
    engine: e,
    locale: 'en',
    messageFields: ['message'],
    serviceFields: ['service'],
    timestampFields: ['ts'],
    publishUnmatched: true,
    maxEventBytes: 1_000_000,
  });
  // The same engine with every line through `match`: the batch step as it was before the shortcut.
  const stringsOnly: MatchEngine = { catalog: engine.catalog, size: engine.size, problems: engine.problems, match: (line) => engine.match(line) };
  const values: Array<string | Buffer | null> = [
    'GET /healthz 200 in 3ms',
    'pg: FATAL: sorry, too many clients already\n',
    'connect ECONNREFUSED 10.0.0.7:5432\r\n',
    '   leading blanks, then nothing to find',
    'write /var/lib/data: No space left on device',
    `${'padding '.repeat(9)}too many clients`,
    '{"message": "too many clients", "service": "api", "ts": "2026-12-08T00:00:00Z"}',
    '{not json: too many clients',
    ' \t\n',
    '',
    null,
    'nul \u0000 too many clients',
    'connexion refusée: too many clients',
    Buffer.from([0x74, 0x6f, 0xff, 0x20, 0x6d, 0x61, 0x6e, 0x79]),
  ];
  const messages: ConsumedMessage[] = values.map((value, i) => ({
    key: i % 2 === 0 ? null : Buffer.from(`k${i}`),
    value: value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value),
    offset: String(1000 + i),
    timestamp: '1795600000000',
  }));
  const observedAt = new Date('2026-12-08T01:00:00Z');

  it('gives the same events, copies and counts as decoding every line', () => {
    let ruledOut = 0;
    const counting: MatchEngine = {
      ...stringsOnly,
      mayMatchAscii: (value, length) => {
        const may = engine.mayMatchAscii(value, length);
        if (!may) ruledOut++;
        return may;
      },
    };
    const fast = processBatch('logs', 2, messages, settings(counting), observedAt);
    const slow = processBatch('logs', 2, messages, settings(stringsOnly), observedAt);
    expect(fast).toEqual(slow);
    // Both ways are taken: lines ruled out from their bytes, and lines that matched.
    expect(ruledOut).toBe(2);
    expect(fast.lines.matched).toBeGreaterThan(3);
  });

  it('sends a line the shortcut fails on the whole way', () => {
    const failing: MatchEngine = {
      ...stringsOnly,
      mayMatchAscii: () => {
        throw new Error('addon refused the bytes');
      },
    };
    const slow = processBatch('logs', 2, messages, settings(stringsOnly), observedAt);
    expect(processBatch('logs', 2, messages, settings(failing), observedAt)).toEqual(slow);
  });
});
