import { invoke, view } from '@forge/bridge';
import type { AdminKey, AdminPayload, AdminResults, ResolverResponse } from '../../../src/shared/admin-contract';

/** One typed call per key of src/shared/admin-contract.ts, answering with the contract's envelope. */
export type Response<K extends AdminKey> = ResolverResponse<AdminResults[K]>;

export async function call<K extends AdminKey>(key: K, payload: AdminPayload<K>): Promise<Response<K>> {
  return (await invoke<Response<K>>(key, payload as Record<string, unknown>)) as Response<K>;
}

export interface PageContext {
  readonly moduleType: string;
  readonly projectKey?: string;
  readonly locale?: string;
  readonly timeZone?: string;
}

/** Which page this frame is (admin, project settings, global page), and the user's locale. */
export async function pageContext(): Promise<PageContext> {
  const context = await view.getContext();
  const extension = context.extension as { type?: string; project?: { key?: string } } | undefined;
  return {
    moduleType: extension?.type ?? context.moduleKey ?? '',
    ...(extension?.project?.key ? { projectKey: extension.project.key } : {}),
    ...(context.locale ? { locale: context.locale } : {}),
    ...(context.timezone ? { timeZone: context.timezone } : {}),
  };
}
