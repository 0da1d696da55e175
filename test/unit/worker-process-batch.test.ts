import { describe, expect, it } from 'vitest';
import { makeCatalog, type Catalog } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { DiagnosedEventSchema } from '../../src/enrich/event.ts';
import { createEngine } from '../../src/match/engine.ts';
import type { MatchEngine } from '../../src/match/types.ts';
import { messageBytes } from '../../src/sink/kafka.ts';
import { processBatch, type BatchSettings, type ConsumedMessage } from '../../src/worker/process-batch.ts';

function catalogOf(...records: Array<Record<string, unknown>>): Catalog {
  return makeCatalog(records.map((raw) => ({ record: SignatureRecordSchema.parse(raw), raw, origin: `${String(raw.id)}.json` })));
}

const catalog = catalogOf(
  { id: 'db/too-many', signature: 'Too many clients', regex: 'too many clients', domain: 'db', category: 'capacity', confidence: 0.9 },
  { id: 'net/refused', signature: 'Connection refused', regex: 'ECONNREFUSED (?<addr>\\S+)', domain: 'net', category: 'network' },
);

function settings(overrides: Partial<BatchSettings> = {}): BatchSettings {
  return {
    engine: createEngine(catalog, { maxLineBytes: 1024 }),
    locale: 'en',
    messageFields: ['message'],
    serviceFields: ['service'],
    timestampFields: ['ts'],
    publishUnmatched: false,
    ...overrides,
  };
}

let offset = 100;
function message(value: string | Buffer | null, key: string | null = null): ConsumedMessage {
  return {
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value),
    offset: String(offset++),
    timestamp: '1795600000000',
  };
}

describe('processBatch', () => {
  it('sends a copy of an input message too large to write on without its value, saying where it is', () => {
    // The input topic may take larger messages than the topics logsig writes to.
    const huge = `all quiet ${'y'.repeat(5000)}`;
    const result = processBatch('logs', 1, [message(huge, 'k'), message('all quiet')], settings({ publishUnmatched: true, maxEventBytes: 4096 }));
    expect(result.lines).toEqual({ matched: 0, unmatched: 2, empty: 0, dead_letter: 0 });
    const [big, small] = result.unmatched;
    expect(big!.value).toBeNull();
    expect(big!.key).toEqual(Buffer.from('k'));
    expect(big!.headers['logsig.value_omitted']).toMatch(/^\d+ bytes, over kafka\.max_request_bytes \(4096\); the original is at logsig\.origin\.\*$/);
    expect(big!.headers['logsig.origin.partition']).toBe('1');
    expect(small!.value).toEqual(Buffer.from('all quiet'));
    expect(small!.headers['logsig.value_omitted']).toBeUndefined();
  });

  it('dead-letters a line whose event would be larger than the sink may send, and goes on', () => {
    // A long line, and a capture that copies most of it: the event holds both.
    const long = `connect ECONNREFUSED ${'x'.repeat(900)}`;
    const messages = [message(long, 'big'), message('FATAL: sorry, too many clients already')];
    const result = processBatch('logs', 0, messages, settings({ maxEventBytes: 2000 }), new Date('2026-11-25T12:00:00Z'));
    expect(result.lines).toEqual({ matched: 1, unmatched: 0, empty: 0, dead_letter: 1 });
    expect(result.events.map((e) => e.headers['logsig.signature_id'])).toEqual(['db/too-many']);
    expect([...result.matchesBySignature.keys()]).toEqual(['db/too-many']);
    expect(result.deadLetterReasons).toEqual(new Map([['event_too_large', 1]]));
    const [dead] = result.deadLetters;
    expect(dead!.value).toEqual(Buffer.from(long));
    expect(dead!.headers['logsig.error.reason']).toBe('event_too_large');
    expect(dead!.headers['logsig.error.detail']).toMatch(/net\/refused would be \d+ bytes, over kafka\.max_request_bytes \(2000\)/);
    // The dead letter itself fits: the line is 921 bytes.
    expect(dead!.headers['logsig.value_omitted']).toBeUndefined();
    // Each message carries the size counted for the bound, so the sink need not count it again.
    for (const out of [...result.events, ...result.deadLetters]) expect(out.bytes).toBe(messageBytes({ ...out, bytes: undefined }));
    // Without a bound, or with room for it, the same line is an event.
    for (const bound of [undefined, 100_000]) {
      expect(processBatch('logs', 0, [message(long)], settings({ maxEventBytes: bound })).lines.matched).toBe(1);
    }
  });

  it('turns each message into exactly one outcome and counts it', () => {
    const messages = [
      message('FATAL: sorry, too many clients already', 'k1'),
      message('all good here'),
      message(''),
      message(null),
      message(JSON.stringify({ message: 'connect ECONNREFUSED 10.0.0.7:5432', service: 'billing', ts: '2026-11-25T10:00:00Z' })),
      message(Buffer.from([0x00, 0x01, 0x02, 0x03])),
    ];
    const result = processBatch('logs', 2, messages, settings(), new Date('2026-11-25T12:00:00Z'));
    expect(result.lines).toEqual({ matched: 2, unmatched: 2, empty: 2, dead_letter: 0 });
    expect(result.binary).toBe(1);
    expect(result.events).toHaveLength(2);
    expect(result.deadLetters).toHaveLength(0);
    expect(result.unmatched).toHaveLength(0);
    expect([...result.matchesBySignature.values()]).toEqual([
      { id: 'db/too-many', domain: 'db', category: 'capacity', count: 1 },
      { id: 'net/refused', domain: 'net', category: 'network', count: 1 },
    ]);

    const first = DiagnosedEventSchema.parse(JSON.parse(String(result.events[0]!.value)));
    expect(first.event_id).toBe(`logs-2-${messages[0]!.offset}-0`);
    expect(first.source).toEqual({ topic: 'logs', partition: 2, offset: messages[0]!.offset, key: 'k1', service: null, timestamp: new Date(1795600000000).toISOString() });
    expect(result.events[0]!.key?.toString()).toBe('k1');
    expect(result.events[0]!.headers['logsig.signature_id']).toBe('db/too-many');

    const second = DiagnosedEventSchema.parse(JSON.parse(String(result.events[1]!.value)));
    expect(second.line).toBe('connect ECONNREFUSED 10.0.0.7:5432');
    expect(second.captures).toEqual({ addr: '10.0.0.7:5432' });
    expect(second.source).toMatchObject({ service: 'billing', timestamp: '2026-11-25T10:00:00.000Z' });
  });

  it('publishes unmatched lines with their origin when asked to', () => {
    const m = message('nothing to see', 'key');
    const result = processBatch('logs', 0, [m], settings({ publishUnmatched: true }));
    expect(result.unmatched).toEqual([{ key: m.key, value: m.value, headers: expect.objectContaining({ 'logsig.origin.offset': m.offset }) }]);
  });

  it('dead-letters a message whose processing throws and goes on with the rest', () => {
    const real = createEngine(catalog, { maxLineBytes: 1024 });
    // Without the byte shortcut, which would rule the poison out before `match` ever saw it.
    const engine: MatchEngine = {
      catalog: real.catalog,
      size: real.size,
      problems: real.problems,
      match: (line) => {
        if (line.includes('poison')) throw new Error('engine blew up');
        return real.match(line);
      },
    };
    const result = processBatch('logs', 0, [message('poison pill'), message('too many clients')], settings({ engine }));
    expect(result.lines).toMatchObject({ dead_letter: 1, matched: 1 });
    const dead = result.deadLetters[0]!;
    expect(dead.value?.toString()).toBe('poison pill');
    expect(dead.headers).toMatchObject({ 'logsig.origin.topic': 'logs', 'logsig.origin.partition': '0', 'logsig.error.reason': 'processing_error', 'logsig.error.detail': 'engine blew up' });
    expect(result.deadLetterReasons.get('processing_error')).toBe(1);
  });

  it('counts truncated and invalid UTF-8 lines', () => {
    const long = `too many clients ${'x'.repeat(2000)}`;
    const bad = Buffer.concat([Buffer.from('too many clients '), Buffer.from([0xff, 0xfe])]);
    const result = processBatch('logs', 0, [message(long), message(bad)], settings());
    expect(result.truncated).toBe(1);
    expect(result.invalidUtf8).toBe(1);
    const event = JSON.parse(String(result.events[0]!.value)) as { line_truncated: boolean; line: string };
    expect(event.line_truncated).toBe(true);
    expect(Buffer.byteLength(event.line)).toBeLessThanOrEqual(1024);
  });
});
