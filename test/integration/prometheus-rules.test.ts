/**
 * The alert rules shipped in config/ are checked and unit-tested by the real promtool, so a rule
 * that stops firing (or fires on the wrong thing) fails the suite.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const configDir = fileURLToPath(new URL('../../config/', import.meta.url));

function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { cwd: configDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { code?: string; stdout?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new Error('promtool not found: install the Debian package "prometheus" (.ci/run does)');
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

describe('Prometheus config and alert rules', () => {
  it('alert rules pass their promtool unit tests', () => {
    expect(promtool('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
  });
  it('the scrape config is valid', () => {
    expect(promtool('check', 'config', 'prometheus.yml')).toContain('SUCCESS');
  });
});
