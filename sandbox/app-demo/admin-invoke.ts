import type { AdminKey, AdminPayload, AdminResults, ResolverResponse } from '../../src/shared/admin-contract';
import type { PlatformSandbox } from '../platform/create-sandbox';
import { DEMO_USERS } from '../platform/demo/seed-demo-jira';
import type { DemoUser } from './demo-escalations';

export type AdminModule = 'escalation-admin' | 'escalation-project-settings' | 'escalation-review';

const KIND: Record<AdminModule, string> = {
  'escalation-admin': 'jira:adminPage',
  'escalation-project-settings': 'jira:projectSettingsPage',
  'escalation-review': 'jira:globalPage',
};

/** Calls an administration resolver exactly as the module's frame would, as a demo user. */
export async function invokeAdmin<K extends AdminKey>(
  sandbox: PlatformSandbox,
  user: DemoUser,
  moduleKey: AdminModule,
  key: K,
  payload: AdminPayload<K>,
  projectKey = 'DEMO',
): Promise<ResolverResponse<AdminResults[K]>> {
  const person = DEMO_USERS[user];
  const extension =
    moduleKey === 'escalation-project-settings' ? { type: KIND[moduleKey], project: { key: projectKey } } : { type: KIND[moduleKey] };
  return (await sandbox.invoke({
    moduleKey,
    functionKey: key,
    payload,
    context: {
      accountId: person.accountId,
      cloudId: 'sandbox',
      localId: moduleKey,
      locale: person.locale,
      timezone: person.timeZone,
      moduleKey,
      siteUrl: 'http://localhost',
      extension,
    },
  })) as ResolverResponse<AdminResults[K]>;
}

/** Like {@link invokeAdmin}, failing loudly on an error envelope. */
export async function admin<K extends AdminKey>(
  sandbox: PlatformSandbox,
  user: DemoUser,
  moduleKey: AdminModule,
  key: K,
  payload: AdminPayload<K>,
  projectKey?: string,
): Promise<AdminResults[K]> {
  const response = await invokeAdmin(sandbox, user, moduleKey, key, payload, projectKey);
  if (!response.ok) throw new Error(`${key} as ${user} failed: ${response.error.code} ${response.error.message}`);
  return response.data;
}
