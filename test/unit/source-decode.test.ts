import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.ts';
import type { DecodeOptions, DecodedRecord } from '../../src/source/decode.ts';
import { decodeLogRecord, epochToIso } from '../../src/source/decode.ts';
import { getField } from '../../src/source/field-path.ts';

// The defaults from the config schema, so the tests follow what the worker actually uses.
const input = ConfigSchema.parse({}).input;
const opts: DecodeOptions = {
  messageFields: input.message_fields,
  serviceFields: input.service_fields,
  timestampFields: input.timestamp_fields,
};

function decode(value: string | Buffer | null, o: DecodeOptions = opts): DecodedRecord {
  return decodeLogRecord(typeof value === 'string' ? Buffer.from(value, 'utf8') : value, o);
}

function record(value: string | Buffer | null, o: DecodeOptions = opts) {
  const r = decode(value, o);
  if (r.kind !== 'record') throw new Error(`expected a record, got ${JSON.stringify(r)}`);
  return r;
}

const json = (v: unknown) => JSON.stringify(v);

describe('raw text', () => {
  it('is the value as written', () => {
    expect(record('FATAL: sorry, too many clients already')).toEqual({
      kind: 'record',
      text: 'FATAL: sorry, too many clients already',
      format: 'text',
      service: null,
      timestamp: null,
      invalidUtf8: false,
      binary: false,
    });
  });

  it('trims a trailing LF and CRLF, keeps other whitespace', () => {
    expect(record('  boom\n').text).toBe('  boom');
    expect(record('boom\r\n').text).toBe('boom');
    expect(record('boom \r\n\r\n').text).toBe('boom ');
  });

  it('keeps a multi-line message whole', () => {
    const trace = 'java.lang.OutOfMemoryError: Java heap space\n\tat a.B.c(B.java:1)\r\n\tat d.E.f(E.java:2)\n';
    expect(record(trace).text).toBe('java.lang.OutOfMemoryError: Java heap space\n\tat a.B.c(B.java:1)\r\n\tat d.E.f(E.java:2)');
  });

  it('replaces invalid UTF-8 and says so', () => {
    const r = record(Buffer.concat([Buffer.from('bad '), Buffer.from([0xc3, 0x28]), Buffer.from(' byte')]));
    expect(r.text).toBe('bad \uFFFD( byte');
    expect(r.invalidUtf8).toBe(true);
    expect(record('naïve café 错误').invalidUtf8).toBe(false);
    expect(record('naïve café 错误').text).toBe('naïve café 错误');
  });

  it('treats a value that starts with { but is not JSON as text', () => {
    const r = record('{user=42} login failed: invalid_grant\n');
    expect(r.format).toBe('text');
    expect(r.text).toBe('{user=42} login failed: invalid_grant');
  });

  it('treats JSON that is not an object as text', () => {
    expect(record('["a","b"]').format).toBe('text');
    expect(record('"just a string"').text).toBe('"just a string"');
  });

  it('drops a byte-order mark', () => {
    expect(record('\uFEFF{"message":"x"}').text).toBe('x');
  });
});

describe('empty and binary values', () => {
  it('null, zero bytes and blanks are empty', () => {
    expect(decode(null)).toEqual({ kind: 'empty' });
    expect(decode(Buffer.alloc(0))).toEqual({ kind: 'empty' });
    expect(decode(' \t\r\n')).toEqual({ kind: 'empty' });
    expect(decode('\u3000\u00a0\u2028')).toEqual({ kind: 'empty' });
  });

  it('binary values (NUL bytes) are still records, flagged binary, with the NULs kept', () => {
    // A schema-registry frame: magic byte 0, a 4-byte schema id, then Avro.
    const r = decode(Buffer.from([0x00, 0x00, 0x00, 0x00, 0x07, 0x02, 0x61]));
    expect(r).toMatchObject({ kind: 'record', binary: true, text: '\u0000\u0000\u0000\u0000\u0007\u0002a' });
    expect(record('plain line')).toMatchObject({ binary: false });
    expect(record('error\u0000 in the middle')).toMatchObject({ binary: true, text: 'error\u0000 in the middle' });
  });
});

describe('JSON records', () => {
  it.each(input.message_fields)('reads the message from %s', (field) => {
    const obj = field.includes('.') ? nest(field, 'the message') : { [field]: 'the message' };
    const r = record(json({ level: 'error', ...obj }));
    expect(r).toMatchObject({ kind: 'record', format: 'json', text: 'the message' });
  });

  it('joins every message field holding a non-empty string, in the configured order', () => {
    expect(record(json({ msg: 'second', message: 'first' })).text).toBe('first\nsecond');
    expect(record(json({ message: '  ', msg: 'second' })).text).toBe('second');
    expect(record(json({ message: 42, msg: 'second' })).text).toBe('second');
    expect(record(json({ message: { nested: true }, log: 'third\n' })).text).toBe('third');
    // The same text twice (a message repeated in its error) is kept once.
    expect(record(json({ message: 'boom', error: { message: 'boom' } })).text).toBe('boom');
  });

  it('finds the error beside the message, as pino, zap and ECS loggers write it', () => {
    const pino = json({ level: 50, msg: 'query failed', err: { type: 'Error', message: 'deadlock detected', stack: 'error: deadlock detected\n    at Parser.parseErrorMessage' } });
    expect(record(pino).text).toBe('query failed\ndeadlock detected\nerror: deadlock detected\n    at Parser.parseErrorMessage');
    const zap = json({ level: 'error', msg: 'redis unavailable', error: 'dial tcp 10.0.0.5:6379: connect: connection refused', stacktrace: 'main.run\n\t/app/main.go:42' });
    expect(record(zap).text).toBe('redis unavailable\ndial tcp 10.0.0.5:6379: connect: connection refused\nmain.run\n\t/app/main.go:42');
  });

  it('reads nested and literal-dotted paths', () => {
    expect(record(json({ error: { message: 'nested' } })).text).toBe('nested');
    expect(record(json({ 'error.message': 'literal' })).text).toBe('literal');
    expect(record(json({ error: { stack_trace: 'trace' } })).text).toBe('trace');
  });

  it('joins a list of strings with newlines', () => {
    expect(record(json({ error: { stack_trace: ['Exception: x', '  at y', '  at z'] } })).text).toBe(
      'Exception: x\n  at y\n  at z',
    );
    // A list with anything but strings is not a message.
    expect(record(json({ message: ['a', 1], msg: 'plain' })).text).toBe('plain');
  });

  it('uses the whole JSON text when no message field is present', () => {
    const value = '  {"level":"error","detail":{"code":"ECONNREFUSED"}}\n';
    const r = record(value);
    expect(r.format).toBe('json');
    expect(r.text).toBe('{"level":"error","detail":{"code":"ECONNREFUSED"}}');
  });

  it.each([
    ['service', { service: 'checkout' }],
    ['service.name (ECS)', { service: { name: 'checkout' } }],
    ['kubernetes.container_name', { kubernetes: { container_name: 'checkout' } }],
    ['kubernetes.labels.app', { kubernetes: { labels: { app: 'checkout' } } }],
    ['app', { app: 'checkout' }],
    ['application', { application: 'checkout' }],
  ])('reads the service from %s', (_, fields) => {
    expect(record(json({ message: 'm', ...fields })).service).toBe('checkout');
  });

  it('service: a string service skips an object, a number is its decimal text', () => {
    // "service" holding an object (ECS) must not stop the search at "service".
    expect(record(json({ message: 'm', service: { name: 'svc' } })).service).toBe('svc');
    expect(record(json({ message: 'm', app: 7 })).service).toBe('7');
    expect(record(json({ message: 'm' })).service).toBeNull();
  });

  it('normalises date strings to ISO 8601 UTC and gives null for ones without a zone or unreadable', () => {
    expect(record(json({ message: 'm', time: '2026-11-25T18:59:59.812+01:00' })).timestamp).toBe('2026-11-25T17:59:59.812Z');
    expect(record(json({ message: 'm', time: '2026-11-25 17:59:59Z' })).timestamp).toBe('2026-11-25T17:59:59.000Z');
    expect(record(json({ message: 'm', time: '2026-11-25 17:59:59,812' })).timestamp).toBeNull();
    expect(record(json({ message: 'm', time: 'yesterday Z' })).timestamp).toBeNull();
  });

  it.each(['@timestamp', 'timestamp', 'time', 'ts'])('reads the timestamp from %s', (field) => {
    expect(record(json({ message: 'm', [field]: '2026-11-25T17:59:59.812Z' })).timestamp).toBe(
      '2026-11-25T17:59:59.812Z',
    );
  });

  it('converts epoch numbers to ISO, whatever the unit', () => {
    const iso = '2026-11-25T17:59:59.812Z';
    const ms = Date.parse(iso);
    expect(record(json({ message: 'm', ts: ms })).timestamp).toBe(iso);
    expect(record(json({ message: 'm', ts: ms / 1000 })).timestamp).toBe(iso);
    expect(epochToIso(ms * 1000)).toBe(iso);
    expect(epochToIso(ms * 1_000_000)).toBe(iso);
    expect(epochToIso(Number.NaN)).toBeNull();
  });

  it('format json with no service or timestamp fields configured', () => {
    const r = record(json({ message: 'm', service: 's', ts: 1 }), { ...opts, serviceFields: [], timestampFields: [] });
    expect(r).toMatchObject({ service: null, timestamp: null, text: 'm' });
  });

  it('keeps invalidUtf8 for a JSON value with bad bytes', () => {
    const value = Buffer.concat([Buffer.from('{"message":"a'), Buffer.from([0xff]), Buffer.from('b"}')]);
    expect(record(value)).toMatchObject({ format: 'json', text: 'a\uFFFDb', invalidUtf8: true });
  });
});

describe('field paths', () => {
  it('prefers the longest literal key, then falls back to nesting', () => {
    const obj = { 'error.message': 'flat', error: { message: 'nested' } };
    expect(getField(obj, 'error.message')).toBe('flat');
    expect(getField(obj, 'error.message', (v) => v === 'nested')).toBe('nested');
  });

  it('mixes nesting and dotted keys at any level', () => {
    const obj = { kubernetes: { labels: { 'app.kubernetes.io/name': 'web' } } };
    expect(getField(obj, 'kubernetes.labels.app.kubernetes.io/name')).toBe('web');
    expect(getField({ 'a.b': { c: 1 } }, 'a.b.c')).toBe(1);
  });

  it('indexes lists by number and ignores inherited properties', () => {
    expect(getField({ errors: [{ message: 'x' }] }, 'errors.0.message')).toBe('x');
    expect(getField({}, 'constructor')).toBeUndefined();
    expect(getField({ a: 'str' }, 'a.length')).toBeUndefined();
  });
});

describe('properties', () => {
  it('any text that is not blank decodes to a record, never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const r = decode(s);
        if (r.kind === 'record' && r.binary !== s.includes('\u0000')) return false;
        return r.kind === (s.trim() === '' ? 'empty' : 'record');
      }),
      { numRuns: 2000 },
    );
  });

  it('a plain text line round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (s) => {
        const line = `E ${s.replace(/[\u0000\r\n]/g, '')}`;
        const r = decode(`${line}\n`);
        return r.kind === 'record' && r.text === line && r.format === 'text';
      }),
    );
  });
});

function nest(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}
