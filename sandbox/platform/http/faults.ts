import type { ProductResponse } from '../sandbox-api';
import { json } from './responses';
import { prng } from '../seeded-random';

/**
 * `lost`: the product applies the request, then the answer is lost on the way back (the caller sees a 504
 * gateway timeout) — what makes a blind retry of a POST do its work twice.
 * `401`: the product refuses the app (e.g. the app is not installed in Confluence on this site).
 */
export type FaultKind = '401' | '429' | '500' | '503' | 'slow' | 'lost';

export interface FaultRule {
  /** RegExp tested against `METHOD /path` and `/path` (no query), or a `METHOD /template` string. */
  route: RegExp | string;
  /** 0..1, share of matching requests that fail. */
  rate: number;
  kind: FaultKind;
  /** Seconds for Retry-After on 429 (default 2). */
  retryAfterSeconds?: number;
  /** Delay in real milliseconds for 'slow' (default 1000). */
  delayMs?: number;
  seed?: number;
  /** Stop after this many injected faults. */
  times?: number;
}

interface ActiveRule extends FaultRule {
  random: () => number;
  injected: number;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'respond'; response: ProductResponse }
  | { kind: 'delay'; ms: number }
  | { kind: 'lose'; response: ProductResponse };

/** Fault injection for product requests (tests of retry, backoff and timeouts in the app). */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  set(rule: FaultRule): void {
    this.rules.push({ ...rule, random: prng(rule.seed ?? 1), injected: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  decide(method: string, pathname: string, template: string | undefined): FaultDecision {
    for (const rule of this.rules) {
      if (!matches(rule.route, method, pathname, template)) continue;
      if (rule.times !== undefined && rule.injected >= rule.times) continue;
      if (rule.random() >= rule.rate) continue;
      rule.injected++;
      switch (rule.kind) {
        case 'slow':
          return { kind: 'delay', ms: rule.delayMs ?? 1000 };
        case 'lost':
          return {
            kind: 'lose',
            response: json(504, {
              errorMessages: ['Gateway timeout (sandbox: the answer was lost after the request was applied)'],
              errors: {},
            }),
          };
        case '429': {
          const secs = rule.retryAfterSeconds ?? 2;
          return {
            kind: 'respond',
            response: json(
              429,
              { errorMessages: ['Rate limit exceeded.'], errors: {} },
              {
                'retry-after': String(secs),
                'x-ratelimit-reset': new Date(Date.now() + secs * 1000).toISOString(),
              },
            ),
          };
        }
        default:
          return {
            kind: 'respond',
            response: json(Number(rule.kind), { errorMessages: [`Injected fault ${rule.kind} (sandbox)`], errors: {} }),
          };
      }
    }
    return { kind: 'none' };
  }
}

function matches(route: RegExp | string, method: string, pathname: string, template: string | undefined): boolean {
  if (typeof route === 'string') return route === `${method} ${template}` || route === template;
  return route.test(`${method} ${pathname}`) || route.test(pathname);
}
