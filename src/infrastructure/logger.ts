import type { Logger } from '../usecases/ports/logger';

/** One place for logs, so entry points stay quiet in tests and structured in Forge's log view. */
type Level = 'debug' | 'info' | 'warn' | 'error';

const quiet = () =>
  process.env.ESCALATION_LOG === 'silent' || (process.env.JEST_WORKER_ID !== undefined && process.env.ESCALATION_LOG !== 'verbose');

/* eslint-disable no-console -- the Forge implementation of the logger port: Forge collects the console as the app's log */
function log(level: Level, message: string, details?: Record<string, unknown>): void {
  if (quiet() && level !== 'error') return;
  const line = JSON.stringify({ level, message, ...details });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
/* eslint-enable no-console -- only the writer above prints */

/** The Forge (console) implementation of the use cases' logger port: JSON lines, quiet under Jest. */
export const logger: Logger = {
  debug: (message: string, details?: Record<string, unknown>) => log('debug', message, details),
  info: (message: string, details?: Record<string, unknown>) => log('info', message, details),
  warn: (message: string, details?: Record<string, unknown>) => log('warn', message, details),
  error: (message: string, details?: Record<string, unknown>) => log('error', message, details),
};
