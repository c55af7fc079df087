import type { Principal, ProductResponse } from '../sandbox-api';
import type { ProductGateway } from '../http/product-gateway';
import type { KvsStore } from './kvs-store';
import type { EventsQueue } from './events-queue';
import { currentInvocation } from './invocation-context';
import { handlePrivacyReport } from './privacy-reporting';
import type { Db } from '../db/open-database';
import { callKind, isBatchOperation, type PlatformMeter } from './platform-meter';

/** Reads a fetch `init` (headers may be a Headers, array or record; body a string or bytes). */
async function readInit(
  init: RequestInit | undefined,
): Promise<{ method: string; headers: Record<string, string>; body: string | undefined }> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers ?? {}).forEach((v, k) => (headers[k] = v));
  let body: string | undefined;
  if (init?.body !== undefined && init.body !== null) {
    body = typeof init.body === 'string' ? init.body : await new Response(init.body as ConstructorParameters<typeof Response>[0]).text();
  }
  return { method: (init?.method ?? 'GET').toUpperCase(), headers, body };
}

function toResponse(r: ProductResponse): Response {
  const nullBody = r.status === 204 || r.status === 304 || r.body === '';
  return new Response(nullBody ? null : r.body, { status: r.status, headers: r.headers });
}

export class ForgeFetchError extends Error {}

/**
 * The sandbox's `global.__forge_fetch__`: product requests (fpp: jira, confluence; stargate for the events
 * queue) and Forge KVS (`type: 'kvs'`). Anything else throws, naming what was asked.
 */
export function createForgeFetch(deps: {
  gateway: ProductGateway;
  kvs: KvsStore;
  queue: EventsQueue;
  db: Db;
  now: () => number;
  meter?: PlatformMeter;
}) {
  const answer = createAnswer(deps);
  return async (proxy: Record<string, unknown>, path: string, init?: RequestInit): Promise<Response> => {
    const kind = callKind(proxy, path);
    if (!deps.meter || !kind) return toResponse(await answer(proxy, path, init));
    const bytes = typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0;
    return toResponse(await deps.meter.call(kind, bytes, () => answer(proxy, path, init), isBatchOperation(proxy, path)));
  };
}

function createAnswer(deps: { gateway: ProductGateway; kvs: KvsStore; queue: EventsQueue; db: Db; now: () => number }) {
  return async (proxy: Record<string, unknown>, path: string, init?: RequestInit): Promise<ProductResponse> => {
    const { method, headers, body } = await readInit(init);
    if (proxy.type === 'kvs') {
      if (method !== 'POST') throw new ForgeFetchError(`Sandbox KVS expects POST, got ${method} ${path}`);
      return deps.kvs.handle(path, jsonObject(body));
    }
    if (proxy.type !== 'fpp')
      throw new ForgeFetchError(`Sandbox __forge_fetch__: unsupported request type ${String(proxy.type)} (${method} ${path})`);
    const principal = resolvePrincipal(proxy);
    if (principal === 'needs-auth') {
      return { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' }, body: '' };
    }
    // Forge refuses asUser() for Jira Service Management customers (portal-only accounts): apps must read
    // as the app (https://jira.atlassian.com/browse/ECO-838, "asUser() call returns a permission error").
    if (proxy.provider === 'user' && principal.kind === 'user' && isCustomerAccount(deps.db, principal.accountId)) {
      return {
        status: 403,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ errorMessages: ['asUser() is not available for customer accounts; this request was not made.'] }),
      };
    }
    switch (proxy.remote) {
      case 'jira':
        return deps.gateway.request('jira', { method, path, headers, body }, principal);
      case 'confluence':
        return deps.gateway.request('confluence', { method, path, headers, body }, principal);
      case 'stargate':
        if (path.startsWith('/webhook/queue/')) return deps.queue.handleApi(path, jsonObject(body));
        // privacy.reportPersonalData, always as the app
        if (path === '/app/report-accounts' && principal.kind === 'app') return handlePrivacyReport(deps.db, deps.now, method, body);
        throw new ForgeFetchError(`Sandbox __forge_fetch__: ${method} ${path} on stargate (GraphQL) is unsupported by the sandbox`);
      default:
        throw new ForgeFetchError(`Sandbox __forge_fetch__: unsupported remote ${String(proxy.remote)} (${method} ${path})`);
    }
  };
}

/** A portal-only Jira Service Management customer (accountType `customer`). */
export function isCustomerAccount(db: Db, accountId: string): boolean {
  const row = db.prepare('SELECT account_type FROM jira_user WHERE account_id = ?').get(accountId) as { account_type: string } | undefined;
  return row?.account_type === 'customer';
}

function resolvePrincipal(proxy: Record<string, unknown>): Principal | 'needs-auth' {
  if (proxy.provider === 'app') return { kind: 'app' };
  if (proxy.provider === 'user') {
    if (typeof proxy.accountId === 'string') return { kind: 'user', accountId: proxy.accountId };
    const p = currentInvocation()?.principal;
    // asUser() without a user (scheduled trigger, consumer, outside any invocation): Forge refuses.
    return p?.kind === 'user' ? p : 'needs-auth';
  }
  throw new ForgeFetchError(
    `Sandbox __forge_fetch__: provider '${String(proxy.provider)}' — call requestJira/requestConfluence through asApp() or asUser()`,
  );
}

/** The JSON object body `@forge/kvs` and the events API send (an empty body: no fields). */
function jsonObject(body: string | undefined): Record<string, unknown> {
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}
