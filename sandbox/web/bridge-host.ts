/**
 * The server side of `globalThis.__bridge.callBridge(name, payload)` for Custom UI frames.
 *
 * The injected frame script (frame/bridge-shim.js) handles calls that only concern the page (flags,
 * router, events between frames, submit/close, history, theming) with the parent window, and sends the
 * rest here: those needing the app or the products (getContext, invoke, fetchProduct, ...).
 * Any other name is rejected with a clear error and logged: the sandbox fails loudly.
 */
import type { Locale, Principal, ProductResponse, Sandbox } from '../platform/sandbox-api';
import type { FrameRegistration } from './frame-registry';
import { logger } from './logger';

export class BridgeCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }
}

/** Bridge calls answered by the server. */
export const SERVER_BRIDGE_CALLS = [
  'getContext',
  'invoke',
  'fetchProduct',
  'initFeatureFlags',
  'emitReadyEvent',
  'emitFrontendCustomMetric',
  'isRovoEnabled',
  'getCookieConsentPreferences',
] as const;

interface FetchProductPayload {
  product: string;
  restPath: string;
  fetchRequestInit?: { method?: string; body?: string | null; headers?: [string, string][] };
  isMultipartFormData?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function handleBridgeCall(sandbox: Sandbox, frame: FrameRegistration, name: string, payload: unknown): Promise<unknown> {
  switch (name) {
    case 'getContext':
      return frame.context;
    case 'invoke':
      return invoke(sandbox, frame, payload);
    case 'fetchProduct':
      return fetchProduct(sandbox, frame, payload);
    case 'initFeatureFlags':
      // No feature flags in the sandbox: every checkFlag() answers its default value.
      return { feature_flags: {} };
    case 'emitReadyEvent':
    case 'emitFrontendCustomMetric':
      return true;
    case 'isRovoEnabled':
      return false;
    case 'getCookieConsentPreferences':
      return null;
    default:
      logger.warn(`bridge: unsupported call "${name}" from module ${frame.module.key}`);
      throw new BridgeCallError(400, `The sandbox does not implement the bridge call "${name}".`);
  }
}

async function invoke(sandbox: Sandbox, frame: FrameRegistration, payload: unknown): Promise<unknown> {
  if (!isRecord(payload) || typeof payload.functionKey !== 'string') {
    throw new BridgeCallError(400, 'invoke: functionKey must be a string');
  }
  if (!frame.module.resolverFunction) {
    throw new BridgeCallError(400, `invoke: module ${frame.module.key} has no resolver in manifest.yml`);
  }
  const size = JSON.stringify(payload.payload ?? null).length;
  if (size > 500 * 1024) throw new BridgeCallError(413, 'invoke: payload exceeds the 500 KB limit of Forge');
  const result = await sandbox.invoke({
    moduleKey: frame.module.key,
    functionKey: payload.functionKey,
    payload: payload.payload ?? {},
    // The context (and so the accountId) is the frame's registration, never the frame's own claim.
    context: frame.context,
  });
  // With `metadata`, the real bridge answers { body, metadata }.
  return payload.metadata !== undefined ? { body: result, metadata: payload.metadata } : result;
}

async function fetchProduct(sandbox: Sandbox, frame: FrameRegistration, payload: unknown): Promise<unknown> {
  const p = payload as FetchProductPayload;
  if (!isRecord(payload) || typeof p.restPath !== 'string' || typeof p.product !== 'string') {
    throw new BridgeCallError(400, 'fetchProduct: product and restPath are required');
  }
  const init = p.fetchRequestInit ?? {};
  const headers: Record<string, string> = {};
  for (const [k, v] of init.headers ?? []) headers[k.toLowerCase()] = v;
  const request = {
    method: (init.method ?? 'GET').toUpperCase(),
    path: p.restPath,
    headers,
    body: init.body ?? undefined,
  };
  const as: Principal = { kind: 'user', accountId: frame.context.accountId };
  let response: ProductResponse;
  if (p.product === 'jira') response = await sandbox.jira(request, as);
  else if (p.product === 'confluence') response = await sandbox.confluence(request, as);
  else throw new BridgeCallError(400, `fetchProduct: the sandbox has no product "${p.product}"`);
  return {
    status: response.status,
    statusText: statusText(response.status),
    headers: response.headers,
    body: response.body,
    isAttachment: false,
  };
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    204: 'No Content',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return texts[status] ?? '';
}

export function isLocale(value: unknown): value is Locale {
  return value === 'de-DE' || value === 'en-US';
}
