/**
 * Splits a byte stream into lines without decoding it first, so each line reaches the same
 * decoder the worker uses (which notices invalid UTF-8 and binary data) exactly as written.
 */
import type { Readable } from 'node:stream';

export async function* readLines(stream: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let data = pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      yield data.subarray(start, nl);
      start = nl + 1;
    }
    // Copy the tail: holding a view would pin the whole chunk in memory.
    pending = Buffer.from(data.subarray(start));
    data = pending;
  }
  if (pending.length > 0) yield pending;
}
