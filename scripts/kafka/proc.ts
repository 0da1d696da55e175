// Child-process helpers shared by the local Kafka broker and the local Redis (scripts/stack.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. The port is released before use, so a tiny race remains. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True while a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` still runs a command line containing `marker`. Guards `down` against a recycled pid
 * owned by an unrelated program. Where /proc is missing we cannot tell and trust the pid.
 */
export function pidRuns(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

/** The last `lines` lines of a text file, or a note that it is missing. */
export function tail(file: string, lines = 40): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).join('\n') : `(${file} is empty)`;
  } catch {
    return `(no log at ${file})`;
  }
}

export interface SpawnedDaemon {
  child: ChildProcess;
  pid: number;
}

/**
 * Start a long-running program with stdout and stderr appended to `logFile`.
 * `detached` puts it in its own process group and lets this process exit without it (the CLI `up`);
 * otherwise a Ctrl-C in the terminal reaches it too, which is what a test run wants.
 */
export function spawnDaemon(
  command: string,
  args: string[],
  opts: { logFile: string; detached: boolean; cwd?: string; env?: NodeJS.ProcessEnv },
): SpawnedDaemon {
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: opts.detached,
      stdio: ['ignore', fd, fd],
    });
    if (opts.detached) child.unref();
    if (child.pid === undefined) {
      // spawn reports ENOENT asynchronously; the caller checks for the binary first, so this is rare.
      throw new Error(`could not start ${command}`);
    }
    return { child, pid: child.pid };
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(fd);
  }
}

/**
 * SIGTERM, wait up to `graceMs` for the process to go, then SIGKILL. Works on any pid, including one
 * started by an earlier `stack.ts up`, which is why it polls rather than waiting on a ChildProcess.
 */
export async function terminate(pid: number, graceMs: number): Promise<'exited' | 'killed' | 'gone'> {
  if (!isAlive(pid)) return 'gone';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'gone';
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'exited';
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'exited';
  }
  const killDeadline = Date.now() + 5_000;
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(50);
  return 'killed';
}

/**
 * Kill children left behind if this process exits without calling stop() (a crash, an uncaught
 * error in a test run). Only synchronous work is possible in an 'exit' handler. Returns the remover.
 */
export function killOnExit(pid: number, cleanupDir?: string): () => void {
  const handler = (): void => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    if (cleanupDir) rmSync(cleanupDir, { recursive: true, force: true });
  };
  process.on('exit', handler);
  return () => process.off('exit', handler);
}
