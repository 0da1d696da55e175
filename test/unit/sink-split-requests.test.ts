/**
 * A batch's messages go out in requests the broker will take: each at most the byte budget (a
 * single larger message alone), every message once, in order within its topic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageBytes, splitRequests } from '../../src/sink/kafka.ts';
import type { OutgoingMessage } from '../../src/worker/process-batch.ts';

const message = fc.record({
  key: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  value: fc.oneof(fc.string({ maxLength: 3000 }), fc.constant(null), fc.uint8Array({ maxLength: 500 }).map((a) => Buffer.from(a))),
  headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 30 }), { maxKeys: 3 }),
}) as fc.Arbitrary<OutgoingMessage>;

describe('splitRequests', () => {
  it('keeps every request within the budget, every message once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('events', 'unmatched', 'dead'), fc.array(message, { maxLength: 40 })), { maxLength: 3 }),
        fc.integer({ min: 200, max: 20_000 }),
        (topics, budget) => {
          const input = topics.map(([topic, messages]) => ({ topic, messages }));
          const requests = splitRequests(input, budget);
          for (const request of requests) {
            const sizes = request.flatMap((t) => t.messages.map((m) => messageBytes(m as OutgoingMessage)));
            expect(sizes.length).toBeGreaterThan(0);
            if (sizes.length > 1) expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
          }
          // Concatenated back per topic, in request order: the input exactly.
          for (const { topic } of input) {
            const out = requests.flatMap((r) => r.filter((t) => t.topic === topic).flatMap((t) => t.messages));
            const expected = input.filter((t) => t.topic === topic).flatMap((t) => t.messages);
            expect(out).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends a message larger than the budget alone, and nothing when there is nothing', () => {
    const big: OutgoingMessage = { key: null, value: 'x'.repeat(5000), headers: {} };
    const small: OutgoingMessage = { key: 'k', value: 'y', headers: { h: 'v' } };
    const requests = splitRequests([{ topic: 't', messages: [small, big, small] }], 1000);
    expect(requests.map((r) => r.flatMap((t) => t.messages.map((m) => m.value)))).toEqual([['y'], ['x'.repeat(5000)], ['y']]);
    expect(splitRequests([], 1000)).toEqual([]);
  });

  it('counts a message by its UTF-8 bytes, headers included, unless it was counted already', () => {
    const plain = messageBytes({ key: null, value: 'abc', headers: {} });
    expect(messageBytes({ key: null, value: 'abc', headers: {}, bytes: 7 })).toBe(7);
    expect(messageBytes({ key: null, value: 'ééé', headers: {} })).toBe(plain + 3);
    expect(messageBytes({ key: 'k', value: 'abc', headers: { name: 'value' } })).toBeGreaterThan(plain + 1 + 9);
  });
});
