import { join } from 'node:path';
import type { Db } from '../db/open-database';
import type { AppManifest } from '../manifest/app-manifest';
import type { Principal } from '../sandbox-api';
import { invocationStorage, newInvocation } from './invocation-context';
import type { PlatformMeter } from './platform-meter';

export type Handler = (...args: unknown[]) => unknown;

export const RESOLVER_TIMEOUT_MS = 25_000;
export const DEFAULT_FUNCTION_TIMEOUT_MS = 55_000;
// `action`: a Jira Automation action's function is not referenced solely by consumers or scheduled triggers (limits-invocation).
const SHORT_LIMIT_KINDS = new Set(['resolver', 'trigger', 'jira:workflowValidator', 'jira:workflowPostFunction', 'action']);

export class FunctionTimeoutError extends Error {
  readonly code = 'FUNCTION_TIME_OUT';
}

/**
 * Loads manifest functions (`handler: index.x` → export `x` of `<appDir>/src/index.ts`) with require, so
 * tsx and the Jest transform both compile them, and runs them inside an invocation context with Forge's time limits.
 */
export class FunctionRunner {
  private readonly cache = new Map<string, Handler>();

  constructor(
    private readonly appDir: string,
    private readonly manifest: AppManifest,
    private readonly db: Db,
    private readonly now: () => number,
    private readonly meter?: PlatformMeter,
  ) {}

  resolve(functionKey: string): Handler {
    const cached = this.cache.get(functionKey);
    if (cached) return cached;
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`manifest.yml has no function with key '${functionKey}'`);
    const dot = fn.handler.lastIndexOf('.');
    if (dot < 1) throw new Error(`Function ${functionKey}: handler '${fn.handler}' must look like <file>.<export>`);
    const file = join(this.appDir, 'src', fn.handler.slice(0, dot));
    const exportName = fn.handler.slice(dot + 1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the handler file is known only at run time (manifest.yml), and must load through jest's/node's module cache like Forge does
    const mod = require(file) as Record<string, unknown>;
    const handler = mod[exportName];
    if (typeof handler !== 'function') {
      throw new Error(`Function ${functionKey}: ${file} has no exported function '${exportName}' (handler ${fn.handler})`);
    }
    this.cache.set(functionKey, handler as Handler);
    return handler as Handler;
  }

  /**
   * Forge's limit for the invoking module kind: 25 s for resolvers, product-event triggers and workflow rules
   * (not extendable); consumers and scheduled triggers get the function's `timeoutSeconds` or 55 s.
   */
  timeoutFor(functionKey: string, kind: string): number {
    if (SHORT_LIMIT_KINDS.has(kind)) return RESOLVER_TIMEOUT_MS;
    const secs = this.manifest.functions.get(functionKey)?.timeoutSeconds;
    return secs ? secs * 1000 : DEFAULT_FUNCTION_TIMEOUT_MS;
  }

  /**
   * Runs a function with `args`, as `principal`, rejecting after the Forge time limit: in real time, and in
   * the meter's realistic mode also once its simulated time (latency, waits) passes the limit.
   */
  async run(opts: {
    functionKey: string;
    moduleKey?: string;
    kind: string;
    principal: Principal | undefined;
    args: unknown[];
    /** Simulated start on a timeline of its own (a queue consumer's concurrency slot); now when absent. */
    simStartAt?: number;
    /** Told the simulated time the invocation ended at (its timeline's next free moment). */
    onSimEnd?: (ms: number) => void;
  }): Promise<unknown> {
    const handler = this.resolve(opts.functionKey);
    const timeoutMs = this.timeoutFor(opts.functionKey, opts.kind);
    const invocation = newInvocation({ principal: opts.principal, moduleKey: opts.moduleKey, functionKey: opts.functionKey, timeoutMs });
    this.meter?.begin(invocation, opts.simStartAt);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new FunctionTimeoutError(`Function ${opts.functionKey} timed out after ${timeoutMs / 1000} s (Forge limit for ${opts.kind})`),
          ),
        timeoutMs,
      );
      timer.unref?.();
    });
    try {
      const result = await Promise.race([
        invocationStorage.run(invocation, () => new Promise<unknown>((resolve) => resolve(handler(...opts.args)))),
        timeout,
        ...(this.meter?.realistic ? [this.meter.killed(invocation)] : []),
      ]);
      this.record(opts, true);
      return result;
    } catch (e) {
      this.record(opts, false, e);
      throw e;
    } finally {
      clearTimeout(timer);
      this.meter?.end(invocation, opts.kind);
      opts.onSimEnd?.(invocation.sim?.now ?? this.now());
    }
  }

  private record(opts: { functionKey: string; moduleKey?: string; kind: string }, ok: boolean, error?: unknown): void {
    this.db
      .prepare('INSERT INTO function_run (at, function_key, module_key, kind, ok, error) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.now(), opts.functionKey, opts.moduleKey ?? null, opts.kind, ok ? 1 : 0, error ? errorText(error).slice(0, 4000) : null);
  }
}

/** What `function_run.error` keeps of a failure: the stack when there is one. */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? String(error);
  if (typeof error === 'string') return error;
  return JSON.stringify(error) ?? String(error);
}
