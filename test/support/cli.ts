/** Runs the real `logsig` binary as a user would, capturing its output and exit code. */
import { spawnSync } from 'node:child_process';
import { LOGSIG_BIN } from './worker-process.ts';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runLogsig(args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliResult {
  // Only the variables a test names: a stray LOGSIG_* from the caller's shell must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LOGSIG_')));
  const result = spawnSync(process.execPath, [LOGSIG_BIN, ...args], {
    input: options.input ?? '',
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
