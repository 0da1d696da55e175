/**
 * The `logsig` binary as a newcomer meets it: scan on files and stdin, lint, and the messages a
 * bad config gets. No Kafka, no Redis.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnosedEventSchema } from '../../src/enrich/event.ts';
import { runLogsig } from '../support/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const SEED_ID = 'api/oauth2-invalid-grant-refresh-token-expired';

function logFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'logsig-cli-')), 'app.log');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('logsig scan', () => {
  it('prints one ndjson event per diagnosed line of a file, with the file and line number', () => {
    const file = logFile(['all quiet', '2026-11-25 ERROR OAuth2 error: invalid_grant refresh token expired', '', 'still quiet']);
    const { status, stdout, stderr } = runLogsig(['scan', '--format', 'ndjson', file]);
    expect(status, stderr).toBe(0);
    const events = stdout.trim().split('\n').map((l) => DiagnosedEventSchema.parse(JSON.parse(l)));
    expect(events).toHaveLength(1);
    expect(events[0]!.signature.id).toBe(SEED_ID);
    expect(events[0]!.source).toMatchObject({ file, line_number: 2, topic: null });
    expect(events[0]!.event_id).toBe(`file:${file}:2-0`);
    expect(stderr).toContain('4 lines, 1 diagnosed, 2 unmatched');
  });

  it('reads stdin and prints a block per diagnosis and a summary table in pretty format', () => {
    const input = ['OAuth2 error: invalid_grant refresh token revoked', 'nothing', 'OAuth2 error: invalid_grant RefreshToken expired'].join('\n');
    const { status, stdout } = runLogsig(['scan', '--format', 'pretty'], { input });
    expect(status).toBe(0);
    expect(stdout).toContain(SEED_ID);
    expect(stdout).toMatch(/cause/);
    expect(stdout).toMatch(new RegExp(`\\s2\\s+${SEED_ID}`));
    expect(stdout).toContain('3 lines');
  });

  it('gives the same diagnosis in Chinese with --locale zh', () => {
    const { stdout } = runLogsig(['scan', '--format', 'ndjson', '--locale', 'zh'], { input: 'OAuth2 error: invalid_grant refresh token expired\n' });
    const event = DiagnosedEventSchema.parse(JSON.parse(stdout));
    expect(event.locale).toBe('zh');
    expect(event.signature.title).toContain('刷新令牌');
  });

  it('uses another catalog with --catalog, leaving out a bad record with a message', () => {
    const { status, stdout, stderr } = runLogsig(['scan', '--format', 'ndjson', '--catalog', fixture('catalogs/mixed')], { input: 'nothing here\n' });
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/missing-regex\.json: field "regex"/);
  });

  it('exits non-zero with a clear message for a file that does not exist', () => {
    const { status, stderr } = runLogsig(['scan', '/nonexistent/app.log']);
    expect(status).toBe(2);
    expect(stderr).toContain('cannot read /nonexistent/app.log: ENOENT');
  });
});

describe('logsig lint', () => {
  it('says plainly when the catalog directory cannot be read, and exits 2', () => {
    for (const args of [['lint', '/nonexistent/catalog'], ['scan', '--catalog', '/nonexistent/catalog']]) {
      const { status, stderr } = runLogsig(args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toContain('catalog directory cannot be read: /nonexistent/catalog');
      expect(stderr).not.toContain('a bug');
    }
  });

  it('passes the bundled catalog', () => {
    const { status, stdout } = runLogsig(['lint', '--strict']);
    expect(stdout).toMatch(/^ok: \d+ signatures/);
    expect(status).toBe(0);
  });

  it('fails a catalog with a bad record, naming the file, the field and the reason', () => {
    const { status, stdout } = runLogsig(['lint', fixture('catalogs/mixed')]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/bad-rate\.json: field "[^"]*success_rate": must be between 0 and 1/);
  });

  it('reports as JSON for machines', () => {
    const { stdout } = runLogsig(['lint', '--format', 'json', fixture('catalogs/mixed')]);
    const report = JSON.parse(stdout) as { ok: boolean; problems: unknown[] };
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
  });
});

describe('config errors', () => {
  it('a bad value names the key, the variable and what is allowed, and exits 2', () => {
    const { status, stderr } = runLogsig(['scan'], { env: { LOGSIG_MATCH_LOCALE: 'fr' } });
    expect(status).toBe(2);
    expect(stderr).toContain('match.locale');
    expect(stderr).toContain('LOGSIG_MATCH_LOCALE');
    expect(stderr).toMatch(/en.*zh/);
  });

  it('an unknown key in a config file names the key, the file and a close valid key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsig-config-'));
    const file = join(dir, 'logsig.yaml');
    writeFileSync(file, 'kafka:\n  brokerz: ["k:9092"]\n');
    const { status, stderr } = runLogsig(['worker', '--config', file]);
    expect(status).toBe(2);
    expect(stderr).toContain('kafka.brokerz');
    expect(stderr).toContain('kafka.brokers');
    expect(stderr).toContain(file);
  });
});
