/**
 * A line match → one `logsig.event/v1` object. Pure: the caller supplies the clock (`observedAt`)
 * and the coordinates, so the same input always builds the same event.
 */
import type { SignatureRecord, Workaround } from '../catalog/schema.ts';
import type { LineMatch } from '../match/types.ts';
import {
  EVENT_SCHEMA_NAME,
  type DiagnosedEvent,
  type EventDeadEnd,
  type EventLocale,
  type EventSource,
  type EventWorkaround,
  type FileEventSource,
} from './event.ts';

export interface BuildEventInput {
  readonly lineMatch: LineMatch;
  readonly source: EventSource;
  /** Position of this event among those built from the same message or file line (default 0). */
  readonly index?: number;
  readonly locale: EventLocale;
  readonly catalogVersion: string;
  readonly observedAt: Date;
}

/** The source of a line read from a file by `logsig scan`. */
export function fileSource(
  file: string,
  lineNumber: number,
  extra: { service?: string | null; timestamp?: string | null } = {},
): FileEventSource {
  return {
    topic: null,
    partition: null,
    offset: null,
    key: null,
    service: extra.service ?? null,
    timestamp: extra.timestamp ?? null,
    file,
    line_number: lineNumber,
  };
}

/**
 * `<topic>-<partition>-<offset>-<index>` for Kafka; `file:<file>:<line_number>-<index>` for files.
 * Built only from the coordinates, so a replay after a crash yields the same ids.
 */
export function eventId(source: EventSource, index: number): string {
  if (source.topic === null) return `file:${source.file}:${source.line_number}-${index}`;
  return `${source.topic}-${source.partition}-${source.offset}-${index}`;
}

/** Returns null when the line matched nothing. */
export function buildEvent(input: BuildEventInput): DiagnosedEvent | null {
  const { lineMatch, source, locale, catalogVersion, observedAt } = input;
  const [top, ...others] = lineMatch.matches;
  if (top === undefined) return null;
  const parts = signatureParts(top.entry.record, locale);
  return {
    schema: EVENT_SCHEMA_NAME,
    event_id: eventId(source, input.index ?? 0),
    observed_at: observedAt.toISOString(),
    source,
    line: lineMatch.line,
    line_truncated: lineMatch.truncated,
    signature: parts.signature,
    captures: { ...top.captures },
    root_cause: parts.root_cause,
    workarounds: parts.workarounds,
    dead_ends: parts.dead_ends,
    docs: parts.docs,
    related: parts.related,
    also_matched: others.map((m) => m.entry.record.id),
    locale,
    catalog_version: catalogVersion,
  };
}

/** What an event takes from its signature alone, in one locale. */
type SignatureParts = Pick<DiagnosedEvent, 'signature' | 'root_cause' | 'workarounds' | 'dead_ends' | 'docs' | 'related'>;

/**
 * Built once for each signature and locale and shared, frozen, by every event of that signature:
 * a matching line then builds only what is its own, and serializeEvent writes the shared parts'
 * JSON once. (An error storm repeats a few signatures thousands of times.)
 */
const partsBySignature = new WeakMap<SignatureRecord, Partial<Record<EventLocale, SignatureParts>>>();

function signatureParts(record: SignatureRecord, locale: EventLocale): SignatureParts {
  let byLocale = partsBySignature.get(record);
  if (byLocale === undefined) partsBySignature.set(record, (byLocale = {}));
  return (byLocale[locale] ??= deepFreeze(buildSignatureParts(record, locale)));
}

function buildSignatureParts(record: SignatureRecord, locale: EventLocale): SignatureParts {
  const zh = locale === 'zh';
  return {
    signature: {
      id: record.id,
      title: (zh ? record.signature_zh : null) ?? record.signature ?? record.id,
      domain: record.domain ?? record.id.slice(0, record.id.indexOf('/')),
      category: record.category,
      error_code: record.error_code,
      confidence: record.confidence,
    },
    root_cause: (zh ? record.root_cause_zh : null) ?? record.root_cause,
    workarounds: sortBySuccess(zh ? chineseWorkarounds(record) : record.workarounds.map(toEventWorkaround)),
    dead_ends: record.dead_ends.map(
      (d): EventDeadEnd => ({ action: d.action, why_fails: d.why_fails, fail_rate: d.fail_rate, condition: d.condition }),
    ).filter((d) => d.action !== null || d.why_fails !== null),
    docs: { url: record.official_doc_url, section: record.official_doc_section },
    related: {
      leads_to: [...record.transition_graph.leads_to],
      preceded_by: [...record.transition_graph.preceded_by],
      frequently_confused_with: [...record.transition_graph.frequently_confused_with],
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Records often fill only one of `action`/`how`; each stands in for the other. */
function toEventWorkaround(w: Pick<Workaround, 'action' | 'success_rate' | 'how' | 'condition'>): EventWorkaround {
  return { action: w.action ?? w.how, success_rate: w.success_rate, how: w.how ?? w.action, condition: w.condition };
}

/**
 * `workarounds_zh` comes in two shapes. Plain strings (as in the seed) are translations of the
 * English workaround at the same position: the string becomes the action, and success_rate and
 * condition come from that English workaround — and so does `how`, unless the English `how` merely
 * repeats its action, in which case the translation covers it too. Objects are full workarounds and
 * are used as they are, each missing field taken from the English workaround at the same position.
 * English workarounds without a translation are kept in English.
 */
function chineseWorkarounds(record: SignatureRecord): EventWorkaround[] {
  const english = record.workarounds;
  const chinese = record.workarounds_zh;
  const length = Math.max(english.length, chinese.length);
  const result: EventWorkaround[] = [];
  for (let i = 0; i < length; i++) {
    const en = english[i];
    const zh = chinese[i];
    if (zh === undefined) {
      result.push(toEventWorkaround(en!));
      continue;
    }
    if (typeof zh === 'string') {
      const text = zh.trim() === '' ? null : zh;
      if (text === null && en !== undefined) {
        result.push(toEventWorkaround(en));
        continue;
      }
      const enAction = en?.action ?? en?.how ?? null;
      const enHow = en?.how ?? en?.action ?? null;
      result.push({
        action: text,
        success_rate: en?.success_rate ?? null,
        how: enHow === null || enHow === enAction ? text : enHow,
        condition: en?.condition ?? null,
      });
      continue;
    }
    // Field by field: a missing Chinese field takes the English one in the same position, and only
    // then do action and how stand in for each other (English detail beats a repeated headline).
    result.push(
      toEventWorkaround({
        action: zh.action ?? en?.action ?? null,
        success_rate: zh.success_rate ?? en?.success_rate ?? null,
        how: zh.how ?? en?.how ?? null,
        condition: zh.condition ?? en?.condition ?? null,
      }),
    );
  }
  return result;
}

/** Highest success rate first, unknown rates last; ties keep catalog order (sort is stable). */
function sortBySuccess(workarounds: EventWorkaround[]): EventWorkaround[] {
  return workarounds
    .filter((w) => w.action !== null || w.how !== null)
    .sort((a, b) => {
      if (a.success_rate === b.success_rate) return 0;
      if (a.success_rate === null) return 1;
      if (b.success_rate === null) return -1;
      return b.success_rate - a.success_rate;
    });
}
