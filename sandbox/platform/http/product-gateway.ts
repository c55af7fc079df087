import type { Principal, ProductRequest, ProductResponse } from '../sandbox-api';
import type { Router } from './router';
import type { FaultInjector } from './faults';
import type { RequestLog } from './request-log';

const BASE = 'http://sandbox.invalid';

/**
 * One entry for every product request (from app code through `__forge_fetch__`, or from the sandbox UI):
 * routes it, applies injected faults, and logs it per route.
 */
export class ProductGateway {
  constructor(
    private readonly routers: Record<string, Router>,
    private readonly faults: FaultInjector,
    private readonly log: RequestLog,
    private readonly clockIso: () => string,
  ) {}

  async request(product: 'jira' | 'confluence', req: ProductRequest, principal: Principal): Promise<ProductResponse> {
    const router = this.routers[product];
    if (!router) throw new Error(`No emulator for product ${product}`);
    const url = new URL(req.path, BASE);
    const method = (req.method || 'GET').toUpperCase();
    const match = router.match(method, url.pathname);
    const route = match ? `${method} ${match.route.template}` : `${method} ${url.pathname}`;
    const decision = this.faults.decide(method, url.pathname, match?.route.template);
    let response: ProductResponse;
    let faulted = false;
    if (decision.kind === 'respond') {
      response = decision.response;
      faulted = true;
    } else {
      if (decision.kind === 'delay') {
        faulted = true;
        await new Promise((r) => setTimeout(r, decision.ms));
      }
      const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      response = await router.handle({ method, path: req.path, query: url.searchParams, headers, body: req.body, principal }, match);
      if (decision.kind === 'lose') {
        faulted = true;
        response = decision.response;
      }
    }
    this.log.add({ at: this.clockIso(), product, method, path: req.path, route, status: response.status, principal, faulted });
    return response;
  }
}
