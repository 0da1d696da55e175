import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCatalog, type CatalogEntry } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { buildEvent, eventId, fileSource, type BuildEventInput } from '../../src/enrich/build-event.ts';
import { DiagnosedEventSchema, type DiagnosedEvent, type KafkaEventSource } from '../../src/enrich/event.ts';
import { createSimpleEngine } from '../../src/match/simple-engine.ts';

const SEED_ID = 'api/oauth2-invalid-grant-refresh-token-expired';
const seedRaw = JSON.parse(readFileSync(new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url), 'utf8'));

function entry(raw: Record<string, unknown>): CatalogEntry {
  return { record: SignatureRecordSchema.parse(raw), raw, origin: 'test' };
}

const kafka: KafkaEventSource = {
  topic: 'logs',
  partition: 3,
  offset: '118822',
  key: 'checkout-7f9c',
  service: 'checkout',
  timestamp: '2026-11-25T17:59:59.812Z',
};
const observedAt = new Date('2026-11-25T18:00:00.000Z');

function diagnose(
  records: Record<string, unknown>[],
  line: string,
  overrides: Partial<Omit<BuildEventInput, 'lineMatch'>> = {},
): DiagnosedEvent | null {
  const catalog = makeCatalog(records.map(entry));
  const engine = createSimpleEngine(catalog, { maxLineBytes: 4096 });
  return buildEvent({
    lineMatch: engine.match(line),
    source: kafka,
    locale: 'en',
    catalogVersion: catalog.version,
    observedAt,
    ...overrides,
  });
}

/** Parsing must give back the very same object: no missing field, no stray one. */
function expectValid(event: DiagnosedEvent | null): DiagnosedEvent {
  expect(event).not.toBeNull();
  expect(DiagnosedEventSchema.parse(event)).toEqual(event);
  return event!;
}

describe('buildEvent from the seed record', () => {
  const line = 'OAuth2 error: invalid_grant refresh token expired';
  const event = expectValid(diagnose([seedRaw], line));

  it('fills the envelope and the source', () => {
    expect(event.schema).toBe('logsig.event/v1');
    expect(event.event_id).toBe('logs-3-118822-0');
    expect(event.observed_at).toBe('2026-11-25T18:00:00.000Z');
    expect(event.source).toEqual(kafka);
    expect(event.line).toBe(line);
    expect(event.line_truncated).toBe(false);
    expect(event.locale).toBe('en');
    expect(event.catalog_version).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('describes the signature', () => {
    expect(event.signature).toEqual({
      id: SEED_ID,
      title: 'OAuth2 error: invalid_grant — refresh token expired or revoked',
      domain: 'api',
      category: 'auth_error',
      error_code: 'invalid_grant',
      confidence: 0.85,
    });
    expect(event.root_cause).toMatch(/^The refresh token used to obtain/);
    expect(event.docs).toEqual({ url: 'https://datatracker.ietf.org/doc/html/rfc6749#section-5.2', section: null });
    expect(event.related).toEqual({ leads_to: [], preceded_by: [], frequently_confused_with: [] });
    expect(event.captures).toEqual({});
    expect(event.also_matched).toEqual([]);
  });

  it('sorts workarounds by success rate, best first', () => {
    expect(event.workarounds.map((w) => w.success_rate)).toEqual([0.9, 0.85, 0.8]);
    expect(event.workarounds[0]!.action).toMatch(/^Store refresh tokens securely/);
    expect(event.workarounds[0]).not.toHaveProperty('sources');
    expect(event.workarounds[0]!.condition).toBeNull();
  });

  it('keeps dead ends that only say why they fail', () => {
    expect(event.dead_ends).toHaveLength(3);
    expect(event.dead_ends[0]).toEqual({
      action: null,
      why_fails: 'The token is already expired or revoked; reusing it will still fail.',
      fail_rate: 0.9,
      condition: null,
    });
  });

  it('uses the Chinese twins for zh, translated workarounds ranked like their English originals', () => {
    const zh = expectValid(diagnose([seedRaw], line, { locale: 'zh' }));
    expect(zh.locale).toBe('zh');
    expect(zh.signature.title).toBe('OAuth2 错误：invalid_grant — 刷新令牌已过期或已被撤销');
    expect(zh.root_cause).toMatch(/^用于获取新访问令牌的刷新令牌/);
    expect(zh.workarounds.map((w) => w.success_rate)).toEqual([0.9, 0.85, 0.8]);
    // Second in the record, 0.9: the best one.
    expect(zh.workarounds[0]!.action).toMatch(/^安全存储刷新令牌/);
    // The English `how` only repeated its action, so the translation stands for both.
    expect(zh.workarounds[0]!.how).toBe(zh.workarounds[0]!.action);
    // No Chinese dead ends: English as written.
    expect(zh.dead_ends).toEqual(event.dead_ends);
  });
});

describe('buildEvent: fields and rules', () => {
  it('returns null when nothing matched', () => {
    expect(diagnose([seedRaw], 'all quiet')).toBeNull();
  });

  it('takes captures from the best match and lists the others best first', () => {
    const event = expectValid(
      diagnose(
        [
          { id: 'db/generic', regex: 'FATAL', confidence: 0.3 },
          { id: 'db/pg-conn', regex: 'FATAL: too many connections for role "(?P<role>\\w+)"', confidence: 0.9 },
          { id: 'db/other', regex: 'too many (?<what>connections)', confidence: 0.5 },
        ],
        'FATAL: too many connections for role "app"',
      ),
    );
    expect(event.signature.id).toBe('db/pg-conn');
    expect(event.captures).toEqual({ role: 'app' });
    expect(event.also_matched).toEqual(['db/other', 'db/generic']);
  });

  it('sorts workarounds with unknown rates last, keeping catalog order among equals', () => {
    const event = expectValid(
      diagnose(
        [
          {
            id: 'a/b',
            regex: 'boom',
            workarounds: [
              { action: 'unrated-1' },
              { action: 'half-1', success_rate: 0.5 },
              { action: 'best', success_rate: '0.95' },
              { action: 'unrated-2', success_rate: null },
              { action: 'half-2', success_rate: 0.5 },
              { action: '', how: '' },
            ],
          },
        ],
        'boom',
      ),
    );
    expect(event.workarounds.map((w) => w.action)).toEqual(['best', 'half-1', 'half-2', 'unrated-1', 'unrated-2']);
  });

  it('lets action and how stand in for each other', () => {
    const event = expectValid(
      diagnose(
        [
          {
            id: 'a/b',
            regex: 'boom',
            workarounds: [
              { action: '', how: 'only how', success_rate: 0.9 },
              { action: 'only action', how: '  ', success_rate: 0.8 },
            ],
            dead_ends: [{ action: '', why_fails: '' }, { action: 'restart it', why_fails: '' }],
          },
        ],
        'boom',
      ),
    );
    expect(event.workarounds).toEqual([
      { action: 'only how', success_rate: 0.9, how: 'only how', condition: null },
      { action: 'only action', success_rate: 0.8, how: 'only action', condition: null },
    ]);
    expect(event.dead_ends).toEqual([{ action: 'restart it', why_fails: null, fail_rate: null, condition: null }]);
  });

  it('falls back to English field by field for zh', () => {
    const record = {
      id: 'k8s/oom-killed',
      regex: 'OOMKilled',
      signature: 'Container OOM-killed',
      signature_zh: '',
      root_cause: 'The container exceeded its memory limit.',
      root_cause_zh: '容器超出了内存限制。',
      workarounds: [
        { action: 'Raise the limit', how: 'Set resources.limits.memory higher.', success_rate: 0.7, condition: 'when usage is legitimate' },
        { action: 'Find the leak', how: 'Take a heap profile.', success_rate: 0.6 },
        { action: 'Add swap', how: 'Enable swap on the node.', success_rate: 0.2 },
      ],
      workarounds_zh: [
        '提高内存限制',
        { action: '查找内存泄漏', success_rate: 0.8 },
      ],
    };
    const event = expectValid(diagnose([record], 'Last State: Terminated, Reason: OOMKilled', { locale: 'zh' }));
    expect(event.signature.title).toBe('Container OOM-killed');
    expect(event.root_cause).toBe('容器超出了内存限制。');
    expect(event.workarounds).toEqual([
      // Object: its own rate wins; its missing `how` comes from the English workaround in its place.
      { action: '查找内存泄漏', success_rate: 0.8, how: 'Take a heap profile.', condition: null },
      // String: the action; rate, how (distinct from the action) and condition from English.
      { action: '提高内存限制', success_rate: 0.7, how: 'Set resources.limits.memory higher.', condition: 'when usage is legitimate' },
      // No translation: English.
      { action: 'Add swap', success_rate: 0.2, how: 'Enable swap on the node.', condition: null },
    ]);
  });

  it('falls back to the id for a missing title and the id prefix for a missing domain', () => {
    const event = expectValid(diagnose([{ id: 'net/dns-nxdomain', regex: 'NXDOMAIN' }], 'NXDOMAIN', { locale: 'zh' }));
    expect(event.signature).toEqual({
      id: 'net/dns-nxdomain',
      title: 'net/dns-nxdomain',
      domain: 'net',
      category: null,
      error_code: null,
      confidence: null,
    });
    expect(event.root_cause).toBeNull();
    expect(event.workarounds).toEqual([]);
  });

  it('copies the transition graph and docs section', () => {
    const event = expectValid(
      diagnose(
        [
          {
            id: 'kafka/fenced',
            regex: 'fenced',
            official_doc_section: 'Rebalancing',
            transition_graph: { leads_to: ['kafka/lag'], preceded_by: ['kafka/rebalance'], frequently_confused_with: ['kafka/x'] },
          },
        ],
        'producer fenced',
      ),
    );
    expect(event.related).toEqual({ leads_to: ['kafka/lag'], preceded_by: ['kafka/rebalance'], frequently_confused_with: ['kafka/x'] });
    expect(event.docs).toEqual({ url: null, section: 'Rebalancing' });
  });

  it('reports a truncated line', () => {
    const catalog = makeCatalog([entry({ id: 'a/b', regex: '^ERROR' })]);
    const engine = createSimpleEngine(catalog, { maxLineBytes: 10 });
    const event = expectValid(
      buildEvent({ lineMatch: engine.match(`ERROR ${'x'.repeat(100)}`), source: kafka, locale: 'en', catalogVersion: catalog.version, observedAt }),
    );
    expect(event.line).toBe('ERROR xxxx');
    expect(event.line_truncated).toBe(true);
  });
});

describe('event ids', () => {
  it('are deterministic for Kafka coordinates and include the index', () => {
    const a = diagnose([seedRaw], 'OAuth2 error: invalid_grant refresh token expired', { index: 2 });
    const b = diagnose([seedRaw], 'OAuth2 error: invalid_grant refresh token expired', {
      index: 2,
      observedAt: new Date('2030-01-01T00:00:00Z'),
    });
    expect(a!.event_id).toBe('logs-3-118822-2');
    expect(b!.event_id).toBe(a!.event_id);
    expect(eventId({ ...kafka, offset: '9' }, 0)).toBe('logs-3-9-0');
  });

  it('name the file and line for scanned files', () => {
    const source = fileSource('logs/app.log', 42, { service: 'checkout' });
    const event = expectValid(diagnose([seedRaw], 'OAuth2 error: invalid_grant refresh token expired', { source }));
    expect(event.event_id).toBe('file:logs/app.log:42-0');
    expect(event.source).toEqual({
      topic: null,
      partition: null,
      offset: null,
      key: null,
      service: 'checkout',
      timestamp: null,
      file: 'logs/app.log',
      line_number: 42,
    });
  });
});

describe('DiagnosedEventSchema', () => {
  it('rejects events that break the contract', () => {
    const event = expectValid(diagnose([seedRaw], 'OAuth2 error: invalid_grant refresh token expired'));
    expect(DiagnosedEventSchema.safeParse({ ...event, schema: 'logsig.event/v2' }).success).toBe(false);
    expect(DiagnosedEventSchema.safeParse({ ...event, source: { ...kafka, offset: 118822 } }).success).toBe(false);
    expect(DiagnosedEventSchema.safeParse({ ...event, locale: 'fr' }).success).toBe(false);
    const { root_cause: _dropped, ...missing } = event;
    expect(DiagnosedEventSchema.safeParse(missing).success).toBe(false);
  });
});
