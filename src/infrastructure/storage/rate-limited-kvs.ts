import { AsyncLocalStorage } from 'node:async_hooks';
import { getAppContext } from '@forge/api';
import { kvs as forgeKvs } from '@forge/kvs';

/**
 * `kvs` from `@forge/kvs`, with every request repeated after a wait when Forge answers that the
 * installation's storage quota is spent. The stores import `kvs` from here instead of from `@forge/kvs`.
 *
 * @remarks Forge documents that a request over a storage quota or limit "will return a 429 status with an
 * error code of RATE_LIMIT_EXCEEDED" (storage-reference/handling-errors-kvs; quotas per installation in
 * limits-kvs-ce: 4,000 reads and 4,000 writes per minute in 10 KB units). `@forge/kvs` 1.6 raises it as a
 * `ForgeKvsAPIError` with that `code` and `responseDetails.status` 429, and keeps no response headers: no
 * Retry-After reaches the app. The quotas are per minute, so the waits double from 1 s up to a full minute
 * (with jitter), within {@link STORAGE_RETRY}'s total and never past the invocation's remaining time
 * (`getAppContext().invocationRemainingTimeInMillis()`, less {@link STORAGE_RETRY}.endMarginMs). A refused request did nothing, so repeating it is
 * safe even for a create-only write. Builders (`query()`, `entity()`, `transact()`) are wrapped too: their
 * terminal call (`getMany`, `execute`, …) is what is repeated.
 */
export const STORAGE_RETRY = {
  firstWaitMs: 1_000,
  maxWaitMs: 60_000,
  /** No wait starts once this much has been waited in one call: beyond it the error goes to the caller. */
  maxTotalWaitMs: 120_000,
  /** Kept free at the end of the invocation: no wait may end inside it (the platform would cut the invocation off). */
  endMarginMs: 5_000,
};

/** What is left of the current invocation, if the runtime says (undefined outside Forge, e.g. unit tests). */
function invocationRemainingMs(): number | undefined {
  try {
    return getAppContext().invocationRemainingTimeInMillis();
  } catch {
    return undefined;
  }
}

/** The moment (epoch ms, on the invocation's clock) by which storage waits must end, where a caller set one. */
const waitsEndBy = new AsyncLocalStorage<number>();

/**
 * Runs `work` with every storage wait inside it ending by `deadlineMs`: a long-running function keeps the end
 * of its time for what must follow (the batch's projection writes), instead of waiting into the platform's limit.
 */
export function withStorageWaitsEndingBy<T>(deadlineMs: number, work: () => Promise<T>): Promise<T> {
  return waitsEndBy.run(deadlineMs, work);
}

export function isStorageRateLimited(error: unknown): boolean {
  const e = error as { code?: unknown; responseDetails?: { status?: unknown } } | null;
  return e?.code === 'RATE_LIMIT_EXCEEDED' || e?.responseDetails?.status === 429;
}

async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
  let waited = 0;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStorageRateLimited(error)) throw error;
      const ceiling = Math.min(STORAGE_RETRY.maxWaitMs, STORAGE_RETRY.firstWaitMs * 2 ** n);
      const wait = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
      const left = invocationRemainingMs();
      const deadline = waitsEndBy.getStore();
      if (waited + wait > STORAGE_RETRY.maxTotalWaitMs || (left !== undefined && wait > left - STORAGE_RETRY.endMarginMs)) throw error;
      if (deadline !== undefined && Date.now() + wait > deadline) throw error;
      waited += wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Methods that answer a promise are repeated on a rate-limit answer; those that answer a builder are wrapped. */
function wrap<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const first = (value as (...a: unknown[]) => unknown).apply(obj, args);
        if (isThenable(first)) {
          let used = false;
          return retrying(() => {
            if (!used) {
              used = true;
              return Promise.resolve(first);
            }
            return Promise.resolve((value as (...a: unknown[]) => unknown).apply(obj, args));
          });
        }
        return first !== null && typeof first === 'object' ? wrap(first) : first;
      };
    },
  });
}

export const kvs: typeof forgeKvs = wrap(forgeKvs);
