import type { Db } from '../db/open-database';
import type { AppManifest } from '../manifest/app-manifest';
import type { Principal } from '../sandbox-api';

/** What every Jira route module needs. */
export interface JiraContext {
  db: Db;
  manifest: AppManifest;
  now(): number;
  /** Fires a Jira product event (`avi:jira:updated:issue` …) to the app's `trigger` modules. */
  emit(eventType: string, payload: Record<string, unknown>, principal: Principal): void;
  /**
   * Runs a workflow validator / post function module (through the sandbox invoker) as `principal`;
   * `undefined` runs it with no user, neither in the invocation nor in its context.
   */
  runWorkflowModule(moduleKey: string, event: unknown, principal: Principal | undefined): Promise<unknown>;
  /** Invokes a post function again after `retryAfterSeconds` (Forge does so when it returned an `InvocationError`). */
  retryWorkflowModuleLater(moduleKey: string, event: Record<string, unknown>, principal: Principal, retryAfterSeconds: number): void;
}
