/**
 * serializeEvent writes an event's JSON from parts kept per signature: it must write the very text
 * JSON.stringify writes, for every signature of the shipped catalog in both locales, and the parts
 * it keeps must be ones that cannot change under it.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { buildEvent, fileSource } from '../../src/enrich/build-event.ts';
import type { DiagnosedEvent, EventLocale } from '../../src/enrich/event.ts';
import { serializeEvent } from '../../src/enrich/serialize-event.ts';
import type { LineMatch, SignatureMatch } from '../../src/match/types.ts';

const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
const observedAt = new Date('2026-12-07T12:00:00.000Z');

function matchOf(index: number, captures: Record<string, string> = {}): SignatureMatch {
  return { entry: catalog.entries[index]!, captures, start: 3, end: 17, specificity: 12 };
}

function eventFor(matches: SignatureMatch[], locale: EventLocale, line = 'ERROR: "quoted" \\ back\\slash, tab\tand é 日本 \u2028 ✓'): DiagnosedEvent {
  const lineMatch: LineMatch = { line, truncated: matches.length % 2 === 0, matches };
  const source = { topic: 'logs', partition: 2, offset: '41', key: 'k"ey', service: null, timestamp: '2026-12-07T11:59:59.000Z' };
  return buildEvent({ lineMatch, source, locale, catalogVersion: catalog.version, observedAt })!;
}

describe('serializeEvent', () => {
  it.each<EventLocale>(['en', 'zh'])('writes what JSON.stringify writes, for every shipped signature (%s)', (locale) => {
    expect(catalog.entries.length).toBeGreaterThan(300);
    catalog.entries.forEach((_, i) => {
      const event = eventFor([matchOf(i, { code: 'E42', who: 'svc "a"' }), matchOf((i + 1) % catalog.entries.length)], locale);
      // Twice: the second time its signature parts come from what the first one kept.
      expect(serializeEvent(event)).toBe(JSON.stringify(event));
      expect(serializeEvent(eventFor([matchOf(i)], locale, `line ${i}`))).toBe(JSON.stringify(eventFor([matchOf(i)], locale, `line ${i}`)));
    });
  });

  it('writes a file source and an event built by hand as JSON.stringify does', () => {
    const event = { ...eventFor([matchOf(0)], 'en'), source: fileSource('app.log', 12, { service: 'api' }) };
    expect(serializeEvent(event)).toBe(JSON.stringify(event));
    const unfrozen = JSON.parse(JSON.stringify(event)) as DiagnosedEvent;
    expect(serializeEvent(unfrozen)).toBe(JSON.stringify(unfrozen));
    // An object that may still change is written anew each time, never from a kept text.
    unfrozen.workarounds.push({ action: 'added later', success_rate: 0.1, how: null, condition: null });
    unfrozen.docs.url = 'https://example.org/changed';
    expect(serializeEvent(unfrozen)).toBe(JSON.stringify(unfrozen));
  });

  it('keeps only parts that cannot change: each signature builds its parts once, frozen', () => {
    const first = eventFor([matchOf(5)], 'en');
    const second = eventFor([matchOf(5)], 'en', 'another line');
    expect(second.workarounds).toBe(first.workarounds);
    expect(second.signature).toBe(first.signature);
    expect(eventFor([matchOf(5)], 'zh').signature).not.toBe(first.signature);
    expect(Object.isFrozen(first.workarounds)).toBe(true);
    expect(Object.isFrozen(first.related.leads_to)).toBe(true);
    expect(() => {
      (first.docs as { url: string | null }).url = 'changed';
    }).toThrow(TypeError);
    // What belongs to the line is the event's own.
    expect(second.captures).not.toBe(first.captures);
    expect(Object.isFrozen(first.captures)).toBe(false);
  });
});
