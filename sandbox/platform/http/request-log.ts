import type { Principal } from '../sandbox-api';

export interface LoggedRequest {
  at: string;
  product: string;
  method: string;
  path: string;
  /** `METHOD /template` of the route that answered, or `METHOD /path` when none did. */
  route: string;
  status: number;
  principal: Principal;
  faulted: boolean;
}

/** Diagnostic log of product requests (tests and benchmarks count REST calls per route). Memory only. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private counters = new Map<string, number>();

  constructor(private readonly capacity = 20_000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.counters.set(entry.route, (this.counters.get(entry.route) ?? 0) + 1);
  }

  /** Calls per route, e.g. `count('POST /rest/api/3/search/jql')`; without an argument, all calls. */
  count(route?: string): number {
    if (route === undefined) return [...this.counters.values()].reduce((a, b) => a + b, 0);
    return this.counters.get(route) ?? 0;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  recent(limit = 100): LoggedRequest[] {
    return this.entries.slice(-limit);
  }

  reset(): void {
    this.entries = [];
    this.counters.clear();
  }
}
