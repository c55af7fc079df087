import type { ProductResponse } from '../sandbox-api';
import type { EmulatorRequest, Route, RouteHandler } from './http-types';
import { HttpFailure, json } from './responses';

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * Routes by OpenAPI path template. A request no route matches gets 501 naming the method and path,
 * so an app calling an endpoint the sandbox does not emulate fails loudly instead of silently passing.
 */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  constructor(readonly product: string) {}

  add(method: string, template: string, handler: RouteHandler): this {
    const names: string[] = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), template, handler, regex: new RegExp(`^${pattern}$`), names });
    return this;
  }

  list(): Route[] {
    return this.routes.map(({ method, template, handler }) => ({ method, template, handler }));
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    // Literal segments win over parameters (e.g. /issue/{key}/properties vs /issue/{key}/{x}).
    const candidates = this.routes
      .filter((r) => r.method === method.toUpperCase())
      .map((r) => ({ r, m: r.regex.exec(pathname) }))
      .filter((c) => c.m !== null)
      .sort((a, b) => a.r.names.length - b.r.names.length);
    const best = candidates[0];
    if (!best || !best.m) return undefined;
    const params: Record<string, string> = {};
    best.r.names.forEach((n, i) => (params[n] = decodeURIComponent(best.m![i + 1]!)));
    return { route: best.r, params };
  }

  async handle(req: Omit<EmulatorRequest, 'params'>, match: RouteMatch | undefined): Promise<ProductResponse> {
    if (!match) {
      return json(501, {
        errorMessages: [`The sandbox's ${this.product} emulator does not implement ${req.method} ${req.path}`],
        errors: {},
      });
    }
    try {
      return await match.route.handler({ ...req, params: match.params });
    } catch (e) {
      if (e instanceof HttpFailure) return e.response;
      throw e;
    }
  }
}
