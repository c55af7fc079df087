/** Structured details of a log line (ids, an error's message); never personal data beyond account ids. */
export type LogDetails = Record<string, unknown>;

/**
 * Where the use cases report what went wrong without failing the request (a projection not written, a
 * notification to retry). Infrastructure provides the Forge/console implementation; tests may pass
 * {@link silentLogger}.
 */
export interface Logger {
  debug(message: string, details?: LogDetails): void;
  info(message: string, details?: LogDetails): void;
  warn(message: string, details?: LogDetails): void;
  error(message: string, details?: LogDetails): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The message of a caught value, for log details. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
