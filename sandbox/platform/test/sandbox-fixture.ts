import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, type PlatformSandbox } from '../create-sandbox';
import type { Principal, ProductResponse } from '../sandbox-api';
import { DEMO_USERS } from '../demo/seed-demo-jira';

export const FIXTURE_APP = join(__dirname, 'fixture-app');
export const START = '2026-03-02T08:00:00.000Z';
export const APP: Principal = { kind: 'app' };
export const as = (u: keyof typeof DEMO_USERS): Principal => ({ kind: 'user', accountId: DEMO_USERS[u].accountId });

export interface Fixture {
  sandbox: PlatformSandbox;
  dataFile: string;
  cleanup(): Promise<void>;
}

/** A sandbox on the fixture app with the demo site, in a temporary data file. */
export async function startFixture(options: { dataFile?: string; fresh?: boolean; deliverEventsAtOnce?: boolean } = {}): Promise<Fixture> {
  const dir = options.dataFile ? undefined : mkdtempSync(join(tmpdir(), 'sandbox-test-'));
  const dataFile = options.dataFile ?? join(dir!, 'sandbox.db');
  const sandbox = await createSandbox({
    appDir: FIXTURE_APP,
    dataFile,
    fresh: options.fresh ?? !options.dataFile,
    startAt: START,
    demoData: true,
    ...(options.deliverEventsAtOnce ? { deliverEventsAtOnce: true } : {}),
  });
  return {
    sandbox,
    dataFile,
    async cleanup() {
      await sandbox.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The JSON body of a product response, as the shape `T` the test expects (unknown unless told). */
export function body<T = unknown>(r: ProductResponse): T {
  return (r.body ? JSON.parse(r.body) : undefined) as T;
}

export async function call(
  sandbox: PlatformSandbox,
  method: string,
  path: string,
  as: Principal,
  payload?: unknown,
): Promise<ProductResponse> {
  return sandbox.jira(
    { method, path, headers: { 'content-type': 'application/json' }, body: payload === undefined ? undefined : JSON.stringify(payload) },
    as,
  );
}
