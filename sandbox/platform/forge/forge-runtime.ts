import { randomUUID } from 'node:crypto';
import type { AppManifest } from '../manifest/app-manifest';
import { currentInvocation } from './invocation-context';
import type { PlatformMeter } from './platform-meter';

export const ENVIRONMENT_ID = '00000000-0000-4000-8000-0000000e0001';
export const INSTALLATION_ID = '00000000-0000-4000-8000-00000000a001';

type ForgeFetch = (proxy: Record<string, unknown>, path: string, init?: RequestInit) => Promise<Response>;

interface ForgeGlobals {
  __forge_runtime__?: unknown;
  __forge_fetch__?: ForgeFetch;
}

const noopTimer = { measure: () => ({ stop: () => undefined }) };
const noopMetrics = {
  counter: () => ({ incr: () => undefined, decr: () => undefined }),
  timing: () => noopTimer,
  gauge: () => ({ set: () => undefined }),
};

/**
 * Installs `global.__forge_runtime__` and `global.__forge_fetch__`, the two seams through which the real
 * `@forge/api`, `@forge/kvs` and `@forge/events` reach the platform. Values that differ per invocation
 * (invocation id, module key, remaining time) are getters over the current AsyncLocalStorage invocation.
 *
 * @remarks Only one sandbox per process can own these globals.
 */
export function installForgeGlobals(
  manifest: AppManifest,
  i18nDir: string | undefined,
  fetch: ForgeFetch,
  meter?: PlatformMeter,
): () => void {
  const g = globalThis as unknown as ForgeGlobals;
  if (g.__forge_fetch__ && (g.__forge_fetch__ as { sandbox?: boolean }).sandbox) {
    throw new Error('Another sandbox already owns the Forge globals in this process: close it first');
  }
  const appUuid = manifest.appId.split('/').pop();
  // Calls outside any invocation (test set-up) get an id of their own per sandbox: on Forge every call has one.
  const outside = `outside-invocation-${randomUUID()}`;
  const runtime = {
    proxy: { token: 'sandbox-proxy-token', url: 'http://forge-proxy.sandbox.invalid' },
    tracing: { traceId: 'sandbox-trace', spanId: 'sandbox-span' },
    metrics: noopMetrics,
    container: i18nDir ? { appCodeDir: i18nDir } : {},
    get appContext() {
      const inv = currentInvocation();
      return {
        appId: appUuid,
        appVersion: '1.0.0',
        environmentId: ENVIRONMENT_ID,
        environmentType: 'DEVELOPMENT',
        invocationId: inv?.invocationId ?? outside,
        installationId: INSTALLATION_ID,
        moduleKey: inv?.moduleKey,
        license: undefined,
        installation: undefined,
        permissions: { scopes: manifest.scopes, external: {} },
      };
    },
    lambdaContext: {
      awsRequestId: 'sandbox',
      functionName: 'sandbox',
      getRemainingTimeInMillis(): number {
        const inv = currentInvocation();
        if (!inv) return 25_000;
        const simulated = meter?.remainingMs(inv);
        if (simulated !== undefined) return simulated;
        return Math.max(0, Math.round(inv.timeoutMs - (performance.now() - inv.startedAt)));
      },
    },
  };
  const tagged = Object.assign(fetch, { sandbox: true });
  g.__forge_runtime__ = runtime;
  g.__forge_fetch__ = tagged;
  return () => {
    if (g.__forge_fetch__ === tagged) {
      delete g.__forge_fetch__;
      delete g.__forge_runtime__;
    }
  };
}
