import { invoke, view } from '@forge/bridge';
import type { PortalKey, PortalPayload, PortalResponse } from '../../../src/shared/portal-contract';

/** One call of the portal contract (src/shared/portal-contract.ts); a failure of the bridge itself is thrown. */
export async function call<K extends PortalKey>(key: K, payload: PortalPayload<K>): Promise<PortalResponse<K>> {
  // Without `metadata`, the bridge answers with the resolver's return value itself.
  return (await invoke<PortalResponse<K>>(key, payload as Record<string, unknown>)) as PortalResponse<K>;
}

/** The customer's language and time zone from the Forge context (the portal's own locale). */
export async function userContext(): Promise<{ locale: string | undefined; timeZone: string | undefined }> {
  const context = await view.getContext();
  return { locale: context.locale, timeZone: context.timezone };
}
