/** The sandbox web server's logger: one place for console output, quiet under jest unless asked. */
const quiet = process.env.JEST_WORKER_ID !== undefined && !process.env.SANDBOX_LOG;

export const logger = {
  info(message: string): void {
    if (!quiet) console.log(`[sandbox] ${message}`);
  },
  warn(message: string): void {
    if (!quiet) console.warn(`[sandbox] ${message}`);
  },
  error(message: string, error?: unknown): void {
    if (!quiet) console.error(`[sandbox] ${message}`, error instanceof Error ? error.stack : (error ?? ''));
  },
};
