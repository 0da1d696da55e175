/**
 * An engine that reads each line as the worker reads a Kafka message value: decoded first (a JSON
 * log object becomes its message fields), then matched. lint runs catalog examples through it, so
 * an example written as a JSON log line is judged on what the worker would actually match.
 */
import type { LineMatch, MatchEngine } from '../match/types.ts';
import { decodeLogRecord, type DecodeOptions } from './decode.ts';

export function matchingAsConsumed(engine: MatchEngine, decode: DecodeOptions): MatchEngine {
  const { mayMatchAscii: _bytesShortcut, ...rest } = engine;
  return Object.freeze({
    // Not the byte shortcut: it answers for `engine.match` of the raw line, and this `match`
    // decodes the line first (a JSON line's message may spell its characters as escapes).
    ...rest,
    match(line: string): LineMatch {
      const record = decodeLogRecord(Buffer.from(line, 'utf8'), decode);
      return record.kind === 'empty' ? { line: '', truncated: false, matches: [] } : engine.match(record.text);
    },
  });
}
