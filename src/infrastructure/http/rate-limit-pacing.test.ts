import type { APIResponse } from '@forge/api';
import { sendProductRequest, retryPolicyWithin, UnavailableError } from './product-request';
import { RateLimitPacer, remainingQuota, retryAfterMs } from './rate-limit-pacing';

const T0 = Date.parse('2026-03-03T08:00:00.000Z');
const headers = (h: Record<string, string>) => new Headers(h);

describe('rate-limit headers', () => {
  it('reads Retry-After in seconds or as an HTTP date, else X-RateLimit-Reset', () => {
    expect(retryAfterMs(headers({ 'Retry-After': '30' }), T0)).toBe(30_000);
    expect(retryAfterMs(headers({ 'Retry-After': new Date(T0 + 12_000).toUTCString() }), T0)).toBe(12_000);
    // Jira's format for the reset: yyyy-MM-ddTHH:mmZ.
    expect(retryAfterMs(headers({ 'X-RateLimit-Reset': '2026-03-03T08:05Z' }), T0)).toBe(300_000);
    expect(retryAfterMs(headers({ 'Retry-After': '2', 'X-RateLimit-Reset': '2026-03-03T08:05Z' }), T0)).toBe(2_000);
    expect(retryAfterMs(headers({}), T0)).toBeUndefined();
  });

  it('reads the points left and the time to the reset from Beta-RateLimit (r appears only near the limit)', () => {
    expect(remainingQuota(headers({ 'Beta-RateLimit': '"tenant-app-quota";r=1200;t=600' }))).toEqual({
      remaining: 1200,
      resetInMs: 600_000,
    });
    expect(remainingQuota(headers({ 'Beta-RateLimit': '"tenant-app-quota";t=600' }))).toBeUndefined();
  });
});

describe('RateLimitPacer', () => {
  it('holds every request after a quota 429 until Retry-After has passed', () => {
    const pacer = new RateLimitPacer();
    const wait = pacer.observe('POST notify', 429, headers({ 'Retry-After': '120', 'RateLimit-Reason': 'jira-quota-tenant-based' }), T0);
    expect(wait).toBe(120_000);
    expect(pacer.delayFor('GET issue', T0 + 20_000)).toBe(100_000);
    expect(pacer.delayFor('POST notify', T0 + 120_000)).toBe(0);
  });

  it('takes a 429 without a reason as the quota (all requests wait)', () => {
    const pacer = new RateLimitPacer();
    pacer.observe('POST notify', 429, headers({ 'Retry-After': '5' }), T0);
    expect(pacer.delayFor('GET issue', T0)).toBe(5_000);
  });

  it('holds only the endpoint after a burst 429, and only the request after a per-issue write 429', () => {
    const pacer = new RateLimitPacer();
    pacer.observe('POST notify', 429, headers({ 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based' }), T0);
    expect(pacer.delayFor('POST notify', T0)).toBe(1_000);
    expect(pacer.delayFor('GET issue', T0)).toBe(0);
    const wait = pacer.observe(
      'PUT issue property',
      429,
      headers({ 'Retry-After': '2', 'RateLimit-Reason': 'jira-per-issue-on-write' }),
      T0,
    );
    expect(wait).toBe(2_000);
    expect(pacer.delayFor('PUT issue property', T0)).toBe(0);
  });

  it('spreads the points left over the time to the reset, and stops spacing once the header has no r', () => {
    const pacer = new RateLimitPacer();
    pacer.observe('GET issue', 200, headers({ 'Beta-RateLimit': '"tenant-app-quota";r=100;t=50' }), T0);
    pacer.sent(T0);
    expect(pacer.delayFor('GET issue', T0)).toBe(500);
    pacer.observe('GET issue', 200, headers({ 'Beta-RateLimit': '"tenant-app-quota";t=3000' }), T0);
    expect(pacer.delayFor('GET issue', T0)).toBe(0);
  });

  it('waits out Beta-Retry-After before the next request, and a second after a spent burst (X-RateLimit-Remaining 0)', () => {
    const pacer = new RateLimitPacer();
    expect(pacer.observe('GET issue', 200, headers({ 'Beta-Retry-After': '3' }), T0)).toBeUndefined();
    expect(pacer.delayFor('POST notify', T0)).toBe(3_000);
    const burst = new RateLimitPacer();
    burst.observe('POST notify', 200, headers({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0' }), T0);
    expect(burst.delayFor('POST notify', T0)).toBe(1_000);
    expect(burst.delayFor('GET issue', T0)).toBe(0);
  });
});

describe('sendProductRequest with a pacer', () => {
  /** A clock that moves only when slept on, and Jira answers from a list. */
  function harness(answers: Response[]) {
    let now = T0;
    const sent: number[] = [];
    const policy = retryPolicyWithin(60_000, {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
    });
    const send = () => {
      sent.push(now);
      return Promise.resolve(answers.shift()! as unknown as APIResponse);
    };
    return { policy, send, sent, now: () => now };
  }

  it('after a quota 429 on one request, the next request of the invocation waits for the reset instead of being refused too', async () => {
    const h = harness([
      new Response('{}', { status: 429, headers: { 'Retry-After': '10', 'RateLimit-Reason': 'jira-quota-global-based' } }),
      new Response('{}', { status: 200 }),
      new Response('{}', { status: 200 }),
    ]);
    await sendProductRequest(h.send, 'POST notify', h.policy);
    await sendProductRequest(h.send, 'GET issue', h.policy);
    expect(h.sent).toEqual([T0, T0 + 10_000, T0 + 10_000]);
  });

  it('does not send when the headers hold requests past the invocation budget: the request did not happen', async () => {
    const h = harness([
      new Response('{}', { status: 429, headers: { 'Retry-After': '3600', 'RateLimit-Reason': 'jira-quota-tenant-based' } }),
    ]);
    await expect(sendProductRequest(h.send, 'POST notify', h.policy)).rejects.toBeInstanceOf(UnavailableError);
    await expect(sendProductRequest(h.send, 'GET issue', h.policy)).rejects.toThrow(/holds requests/);
    expect(h.sent).toEqual([T0]);
  });
});
