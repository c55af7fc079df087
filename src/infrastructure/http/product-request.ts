import type { APIResponse } from '@forge/api';
import { RateLimitPacer, retryAfterMs } from './rate-limit-pacing';

/**
 * The one place every Jira and Confluence request passes through: status codes become typed errors,
 * 429 waits as Retry-After says, transient 5xx and network failures are retried with backoff and jitter,
 * all within the invocation's time budget (a {@link RetryPolicy} built by the composition root from the
 * budget of its module kind; without one a request is tried once).
 *
 * Call sites keep the literal `requestJira(route`…`, { method })` so Forge's linter can check scopes;
 * they hand it over as a thunk that this function may call again.
 */

export class ProductRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'ProductRequestError';
  }
}
export class NotFoundError extends ProductRequestError {
  override name = 'NotFoundError';
}
export class ForbiddenError extends ProductRequestError {
  override name = 'ForbiddenError';
}
export class ConflictError extends ProductRequestError {
  override name = 'ConflictError';
}
/** The product stayed unavailable (429/5xx) for longer than the time budget allowed. */
export class UnavailableError extends ProductRequestError {
  override name = 'UnavailableError';
}

/**
 * A request that is not idempotent (a comment, a notification, a page) lost its answer: it may or may not
 * have taken effect, and nothing could check which. Deliberately not a {@link ProductRequestError}: callers
 * that treat an error answer as "did not happen, do it again" must not treat this one so.
 */
export class OutcomeUnknownError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'OutcomeUnknownError';
  }
}

/**
 * How to repeat a request that must not take effect twice (POST comment, notify, page create). After an
 * answer that may have come after the effect (no answer, or a gateway's 502/504), the request is sent again
 * only when `applied` says it did not happen; without `applied` it is not sent again
 * ({@link OutcomeUnknownError}). The product's own refusals (429, 500, 503) are repeated as usual.
 */
export interface NonIdempotent {
  /** The body to answer with if the effect happened after all (e.g. the created page), undefined if not. */
  readonly applied?: () => Promise<string | undefined>;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Absolute time (ms since epoch) after which no further wait is started. */
  readonly deadline: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly random: () => number;
  /**
   * The invocation's pacing from the rate-limit headers, shared by its requests (a quota 429 holds them all).
   * Absent: each request waits only for its own answers.
   */
  readonly pacer?: RateLimitPacer;
}

/**
 * The retry policy of one invocation: no wait starts that would end after `budgetMs` from now. Composition
 * roots build it once per invocation with the budget of their module kind (src/entry/invocation-budgets.ts),
 * so every request of that invocation shares the same absolute deadline.
 */
export const retryPolicyWithin = (budgetMs: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => {
  const now = overrides.now ?? (() => Date.now());
  return {
    maxAttempts: 5,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
    deadline: now() + budgetMs,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now,
    random: Math.random,
    pacer: new RateLimitPacer(),
    ...overrides,
  };
};

/** Without a budget nothing may be waited for: one attempt, its error as is. Shared, so without a pacer. */
const SINGLE_ATTEMPT: RetryPolicy = retryPolicyWithin(0, { maxAttempts: 1, deadline: Number.NEGATIVE_INFINITY, pacer: undefined });

const TRANSIENT = new Set([500, 502, 503, 504]);
/**
 * No answer, or a gateway's (502, 504): the request may have been applied behind it. A 429, 500 or 503 is
 * the product's own answer that it did not do the work, so repeating is safe even for a POST.
 */
const LOST = new Set([0, 502, 504]);

function errorFor(status: number, body: string, what: string): ProductRequestError {
  const message = `${what} failed with ${status}: ${body.slice(0, 300)}`;
  if (status === 404) return new NotFoundError(message, status, body);
  if (status === 401 || status === 403) return new ForbiddenError(message, status, body);
  if (status === 409) return new ConflictError(message, status, body);
  if (status === 429 || TRANSIENT.has(status)) return new UnavailableError(message, status, body);
  return new ProductRequestError(message, status, body);
}

/**
 * Sends a request, retrying what is worth retrying, and returns the successful response's text.
 *
 * @param what a short description for error messages, e.g. `PUT issue property`.
 * @throws NotFoundError, ForbiddenError, ConflictError, UnavailableError, ProductRequestError
 */
export async function sendProductRequest(
  send: () => Promise<APIResponse>,
  what: string,
  policy: RetryPolicy = SINGLE_ATTEMPT,
  nonIdempotent?: NonIdempotent,
): Promise<{ status: number; text: string }> {
  const pacer = policy.pacer;
  for (let attempt = 1; ; attempt++) {
    if (pacer) {
      // The headers of earlier answers asked to hold back: wait, or give up now if the wait outlasts the budget.
      const hold = pacer.delayFor(what, policy.now());
      if (hold > 0) {
        if (policy.now() + hold > policy.deadline) {
          throw new UnavailableError(`${what} not sent: Jira's rate limit holds requests for ${Math.ceil(hold / 1000)} s more`, 429, '');
        }
        await policy.sleep(hold);
      }
      pacer.sent(policy.now());
    }
    let response: APIResponse | undefined;
    let networkError: unknown;
    try {
      response = await send();
    } catch (error) {
      networkError = error;
    }
    const asked = response && pacer ? pacer.observe(what, response.status, response.headers, policy.now()) : undefined;
    if (response && response.ok) return { status: response.status, text: await response.text() };
    const status = response?.status ?? 0;
    const body = response ? await response.text().catch(() => '') : String(networkError);
    const retryable = !response || status === 429 || TRANSIENT.has(status);
    if (!retryable) throw errorFor(status, body, what);
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    const wait = asked ?? (response && retryAfterMs(response.headers, policy.now())) ?? backoff / 2 + policy.random() * (backoff / 2);
    const ambiguous = nonIdempotent !== undefined && LOST.has(status);
    if (ambiguous && !nonIdempotent.applied)
      throw new OutcomeUnknownError(`${what} lost its answer (${status || body}); not sent again, it may have taken effect`, status);
    const lastTry = attempt >= policy.maxAttempts || policy.now() + wait > policy.deadline;
    if (!lastTry) await policy.sleep(wait);
    if (ambiguous) {
      // Checked after the wait: the product has had time to finish what it may have been doing.
      const applied = await nonIdempotent.applied!();
      if (applied !== undefined) return { status: 200, text: applied };
    }
    if (lastTry) throw response ? errorFor(status, body, what) : new UnavailableError(`${what} failed: ${body}`, 0, body);
  }
}

/** Parses a JSON body and checks it with a zod-like schema. */
export function parseJson<T>(text: string, schema: { parse(value: unknown): T }, what: string): T {
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ProductRequestError(`${what} returned invalid JSON`, 200, text.slice(0, 300));
  }
  return schema.parse(value);
}
