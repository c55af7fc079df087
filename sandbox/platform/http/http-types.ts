import type { Principal, ProductResponse } from '../sandbox-api';

/** A parsed product request as the emulators see it. */
export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: string | undefined;
  principal: Principal;
}

export type RouteHandler = (req: EmulatorRequest) => ProductResponse | Promise<ProductResponse>;

/** A route named by its OpenAPI path template, e.g. `/rest/api/3/issue/{issueIdOrKey}`. */
export interface Route {
  method: string;
  template: string;
  handler: RouteHandler;
}
