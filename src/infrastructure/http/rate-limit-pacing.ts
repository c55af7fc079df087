/**
 * Pacing from Jira's rate-limit headers (https://developer.atlassian.com/cloud/jira/platform/rate-limiting):
 *
 * - `Retry-After` (seconds, or an HTTP date) on a 429 or a transient 5xx: how long to wait before asking again;
 *   `X-RateLimit-Reset` (ISO 8601, `yyyy-MM-ddTHH:mmZ`) the moment the limit resets, used when Retry-After is absent.
 * - `RateLimit-Reason` on a 429 names the limit: the hourly points quota (`jira-quota-global-based`,
 *   `jira-quota-tenant-based`) refuses every request until it resets, so every request of the invocation waits;
 *   the per-second burst limit (`jira-burst-based`) holds only that endpoint; the per-issue write limit
 *   (`jira-per-issue-on-write`) only that request. A 429 that names no reason is taken as the quota (the safe side).
 * - On answers that went through: `Beta-RateLimit: "<policy>";r=<points left>;t=<seconds to reset>` (r only once
 *   about 80 % of the hour's points are spent) spreads what is left evenly over the time to the reset;
 *   `Beta-Retry-After` (seconds the app would have had to wait were that limit enforced) is waited before the next
 *   request; `X-RateLimit-Remaining: 0` (the second's burst spent) holds that endpoint for a second.
 *
 * One pacer per invocation (composition roots build it with the retry policy): its state belongs to one site.
 */

/** Reads a header; `Headers` of fetch and @forge/api's response headers both fit. */
export interface HeaderSource {
  get(name: string): string | null;
}

const QUOTA_REASONS = new Set([
  'jira-quota-global-based',
  'jira-quota-tenant-based',
  'confluence-quota-global-based',
  'confluence-quota-tenant-based',
]);
const BURST_MS = 1_000;

/** How long Retry-After (or, without it, X-RateLimit-Reset) says to wait, in ms; undefined when neither says. */
export function retryAfterMs(headers: HeaderSource, now: number): number | undefined {
  const after = seconds(headers.get('Retry-After'));
  if (after !== undefined) return after * 1000;
  const date = dateOf(headers.get('Retry-After'));
  if (date !== undefined) return Math.max(0, date - now);
  const reset = dateOf(headers.get('X-RateLimit-Reset'));
  return reset === undefined ? undefined : Math.max(0, reset - now);
}

/** `"<policy>";r=<remaining>;t=<seconds>` of Beta-RateLimit (or RateLimit, its name once enforced). */
export function remainingQuota(headers: HeaderSource): { remaining: number; resetInMs: number } | undefined {
  for (const name of ['RateLimit', 'Beta-RateLimit']) {
    const value = headers.get(name);
    if (!value) continue;
    const r = /(?:^|;)\s*r=(\d+)/.exec(value);
    const t = /(?:^|;)\s*t=(\d+)/.exec(value);
    if (r && t) return { remaining: Number(r[1]), resetInMs: Number(t[1]) * 1000 };
  }
  return undefined;
}

function seconds(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function dateOf(text: string | null): number | undefined {
  if (!text || seconds(text) !== undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The invocation's view of Jira's limits: when the next request may go, for all requests and per endpoint
 * (`endpoint`: a request's kind, e.g. `POST notify`).
 */
export class RateLimitPacer {
  /** No request before this (ms since epoch): the hourly quota, or a wait an answer asked for. */
  private allFrom = 0;
  private readonly endpointFrom = new Map<string, number>();
  /** Spacing between requests while little of the hour's quota is left (Beta-RateLimit r/t). */
  private spacingMs = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  /** Milliseconds to wait before a request to `endpoint` may be sent at `now` (0: at once). */
  delayFor(endpoint: string, now: number): number {
    const from = Math.max(this.allFrom, this.endpointFrom.get(endpoint) ?? 0, this.lastSentAt + this.spacingMs);
    return Math.max(0, from - now);
  }

  /** Notes that a request is being sent at `now` (for the spacing). */
  sent(now: number): void {
    this.lastSentAt = now;
  }

  /**
   * Learns from an answer to a request to `endpoint` received at `now`; for a 429 (or a 503 with Retry-After),
   * returns the wait before that request may be sent again (undefined when the headers say nothing).
   */
  observe(endpoint: string, status: number, headers: HeaderSource, now: number): number | undefined {
    if (status === 429 || status === 503) {
      const wait = retryAfterMs(headers, now);
      if (wait === undefined) return undefined;
      const reason = headers.get('RateLimit-Reason')?.trim();
      if (status === 503 || reason === 'jira-per-issue-on-write') return wait;
      if (reason === 'jira-burst-based') this.holdEndpoint(endpoint, now + wait);
      else if (reason === undefined || reason === '' || QUOTA_REASONS.has(reason)) this.allFrom = Math.max(this.allFrom, now + wait);
      else this.holdEndpoint(endpoint, now + wait);
      return wait;
    }
    const quota = remainingQuota(headers);
    if (quota) this.spacingMs = quota.remaining > 0 ? quota.resetInMs / quota.remaining : 0;
    else if (headers.get('Beta-RateLimit') ?? headers.get('RateLimit')) this.spacingMs = 0; // no r: well within the quota
    if (quota?.remaining === 0) this.allFrom = Math.max(this.allFrom, now + quota.resetInMs);
    const wouldWait = seconds(headers.get('Beta-Retry-After'));
    if (wouldWait !== undefined && wouldWait > 0) this.allFrom = Math.max(this.allFrom, now + wouldWait * 1000);
    if (headers.get('X-RateLimit-Remaining')?.trim() === '0') this.holdEndpoint(endpoint, now + BURST_MS);
    return undefined;
  }

  private holdEndpoint(endpoint: string, until: number): void {
    this.endpointFrom.set(endpoint, Math.max(this.endpointFrom.get(endpoint) ?? 0, until));
  }
}
