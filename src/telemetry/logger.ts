/**
 * One pino logger for the process, children per component (STYLE.md §6).
 *
 * Logs go to stderr, always: `logsig scan` writes events on stdout, and a worker's stdout stays
 * free for whatever a supervisor wants to put there. Normal operation is quiet — start, stop,
 * catalog changes and failures — never a line per log line at info.
 */
import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export function createLogger(level: LevelWithSilent, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { name: 'logsig', ...base } }, pino.destination({ fd: 2, sync: false }));
}
