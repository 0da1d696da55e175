import { describe, expect, it } from 'vitest';
import { makeCatalog } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { createEngine } from '../../src/match/engine.ts';
import { matchingAsConsumed } from '../../src/source/as-consumed.ts';

const raw = { id: 'db/deadlock', regex: '(?:^|\\n)deadlock detected(?:$|\\n)' };
const engine = createEngine(makeCatalog([{ record: SignatureRecordSchema.parse(raw), raw, origin: 'test' }]));
const decode = { messageFields: ['msg', 'err.message'], serviceFields: [], timestampFields: [] };

describe('matchingAsConsumed', () => {
  it('matches a JSON line on its decoded message fields, as the worker does', () => {
    const line = JSON.stringify({ level: 50, msg: 'job failed', err: { message: 'deadlock detected' } });
    // The raw JSON text does not match (the error sits inside quotes, not on its own line)…
    expect(engine.match(line).matches).toEqual([]);
    // …the decoded text does: "job failed\ndeadlock detected".
    const seen = matchingAsConsumed(engine, decode).match(line);
    expect(seen.line).toBe('job failed\ndeadlock detected');
    expect(seen.matches.map((m) => m.entry.record.id)).toEqual(['db/deadlock']);
  });

  it('does not pass on the byte shortcut, which answers for the raw line, not the decoded one', () => {
    expect(engine.mayMatchAscii).toBeTypeOf('function');
    expect(matchingAsConsumed(engine, decode).mayMatchAscii).toBeUndefined();
  });

  it('matches nothing on a blank line', () => {
    expect(matchingAsConsumed(engine, decode).match('   ').matches).toEqual([]);
  });
});
