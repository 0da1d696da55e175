/**
 * A real Prometheus server for integration tests: scrapes one target every second and answers
 * instant queries. Needs the `prometheus` binary (Debian package `prometheus`; .ci/run installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/kafka/proc.ts';

export interface PrometheusServer {
  readonly url: string;
  /** The first sample of an instant query's vector result, or null when the result is empty. */
  query(expr: string): Promise<number | null>;
  stop(): Promise<void>;
}

export async function startPrometheus(target: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'logsig-prometheus-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: logsig\n    static_configs:\n      - targets: ["${target}"]\n`,
  );
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`cannot start prometheus (install the Debian package "prometheus"): ${error.message}`))),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await Promise.race([fetch(`${url}/-/ready`).then((r) => r.ok, () => false), spawnError]);
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`prometheus did not become ready:\n${stderr.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async query(expr) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await res.json()) as { status: string; data: { result: Array<{ value: [number, string] }> } };
      if (body.status !== 'success') throw new Error(`prometheus query failed: ${JSON.stringify(body)}`);
      const first = body.data.result[0];
      return first ? Number(first.value[1]) : null;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
