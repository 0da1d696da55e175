/**
 * Runs the real `logsig worker` as a child process, as an operator would: configured through
 * LOGSIG_* variables, logging JSON on stderr. Tests can stop it politely or SIGKILL it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const LOGSIG_BIN = fileURLToPath(new URL('../../bin/logsig.js', import.meta.url));

/**
 * The variables that point a worker at a test's own topics on the test broker, reading from the
 * start in a group of its own; `extra` adds or overrides.
 */
export function topicEnv(
  brokers: string[],
  topics: { input: string; output: string; deadLetter?: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    LOGSIG_KAFKA_BROKERS: brokers.join(','),
    LOGSIG_KAFKA_INPUT_TOPIC: topics.input,
    LOGSIG_KAFKA_OUTPUT_TOPIC: topics.output,
    ...(topics.deadLetter === undefined ? {} : { LOGSIG_KAFKA_DEAD_LETTER_TOPIC: topics.deadLetter }),
    LOGSIG_KAFKA_GROUP_ID: `group-${randomUUID().slice(0, 12)}`,
    LOGSIG_KAFKA_FROM_BEGINNING: 'true',
    ...extra,
  };
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly metricsUrl: string;
  /** Every JSON log line the worker wrote so far. */
  readonly logs: Array<Record<string, unknown>>;
  /** Everything on stderr, for failure messages. */
  stderr(): string;
  waitForLog(predicate: (log: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [LOGSIG_BIN, 'worker'], {
    env: { ...process.env, LOGSIG_TELEMETRY_PORT: '0', LOGSIG_TELEMETRY_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  let pending = '';
  const listeners = new Set<() => void>();
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log record (e.g. a crash trace); it stays in stderr for the failure message.
      }
    }
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  function waitForLog(predicate: (log: Record<string, unknown>) => boolean, waitMs = timeoutMs) {
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = logs.find(predicate);
        if (found) {
          cleanup();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`worker: expected log line not seen in ${waitMs} ms; stderr:\n${stderr.slice(-4000)}`));
      }, waitMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`worker exited early (code ${child.exitCode}); stderr:\n${stderr.slice(-4000)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.once('exit', onExit);
      check();
    });
  }

  const running = await waitForLog((log) => log.msg === 'Worker running.');
  const metricsUrl = String(running.metrics).replace(/\/metrics$/, '');
  return {
    child,
    metricsUrl,
    logs,
    stderr: () => stderr,
    waitForLog,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

export async function waitForReady(metricsUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(`${metricsUrl}/readyz`).catch((error: unknown) => ({ ok: false, text: async () => String(error) }));
    if (res.ok) return;
    last = await res.text();
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`worker not ready after ${timeoutMs} ms: ${last}`);
}

/** Reads one sample from a Prometheus text exposition; 0 when the series is absent. */
export function metricValue(exposition: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[3] ?? '';
    const ok = Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`));
    if (ok) return Number(match[4]);
  }
  return 0;
}
