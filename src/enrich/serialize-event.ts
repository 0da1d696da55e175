/**
 * An event as JSON: the same text as `JSON.stringify(event)`, written faster for events from
 * buildEvent. Most of an event's ~3 KB comes from its signature (title, root cause, workarounds,
 * dead ends, docs, related), and buildEvent shares those parts, frozen, among every event of the
 * signature: their JSON is written once and kept, and so is that of the top-level strings that
 * repeat from event to event (the root cause, the catalog version). Only what is the line's own is
 * serialized each time. An error storm repeats a few signatures thousands of times.
 */
import type { DiagnosedEvent } from './event.ts';

/** JSON of frozen objects: a frozen object cannot change, so its text cannot either. */
const written = new WeakMap<object, string>();

/** Top-level string fields whose values repeat across events; their JSON, by value (bounded). */
const REPEATING = new Set<string>(['schema', 'root_cause', 'locale', 'catalog_version']);
const MAX_REPEATED = 10_000;
const repeated = new Map<string, string>();

function valueJson(key: string, value: unknown): string {
  if (typeof value === 'string' && REPEATING.has(key)) {
    let text = repeated.get(value);
    if (text === undefined) {
      if (repeated.size >= MAX_REPEATED) repeated.clear();
      repeated.set(value, (text = JSON.stringify(value)));
    }
    return text;
  }
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return JSON.stringify(value);
  let text = written.get(value);
  if (text === undefined) written.set(value, (text = JSON.stringify(value)));
  return text;
}

/** `"key":`, for each key met (an event has sixteen). */
const keyTexts = new Map<string, string>();

export function serializeEvent(event: DiagnosedEvent): string {
  let out = '';
  // Own enumerable keys in insertion order, as JSON.stringify visits them (a plain object inherits
  // none); undefined values are left out as it leaves them out (an event has none).
  for (const key in event) {
    const value = (event as Record<string, unknown>)[key];
    if (value === undefined) continue;
    let keyText = keyTexts.get(key);
    if (keyText === undefined) keyTexts.set(key, (keyText = `${JSON.stringify(key)}:`));
    out += (out === '' ? '{' : ',') + keyText + valueJson(key, value);
  }
  return out === '' ? '{}' : `${out}}`;
}
