import type { PortalKey, PortalPayload, PortalResponse } from '../../src/shared/portal-contract';
import type { PlatformSandbox } from '../platform/create-sandbox';
import { DEMO_CUSTOMERS, DEMO_PORTAL_ID, DEMO_USERS } from '../platform/demo/seed-demo-jira';

export type PortalUser = keyof typeof DEMO_CUSTOMERS | keyof typeof DEMO_USERS;

const person = (user: PortalUser) =>
  user in DEMO_CUSTOMERS ? DEMO_CUSTOMERS[user as keyof typeof DEMO_CUSTOMERS] : DEMO_USERS[user as keyof typeof DEMO_USERS];

/**
 * Calls a portal resolver as the request's portal frame would (module `escalation-portal`,
 * `jiraServiceManagement:portalRequestDetail`): the request and portal in the context's extension.
 */
export async function invokePortal<K extends PortalKey>(
  sandbox: PlatformSandbox,
  user: PortalUser,
  issueKey: string,
  key: K,
  payload: PortalPayload<K>,
): Promise<PortalResponse<K>> {
  const p = person(user);
  return (await sandbox.invoke({
    moduleKey: 'escalation-portal',
    functionKey: key,
    payload,
    context: {
      accountId: p.accountId,
      cloudId: 'sandbox',
      localId: `portal-${issueKey}`,
      locale: p.locale,
      timezone: p.timeZone,
      moduleKey: 'escalation-portal',
      siteUrl: 'http://localhost',
      extension: {
        type: 'jiraServiceManagement:portalRequestDetail',
        request: { key: issueKey, typeId: '1' },
        portal: { id: DEMO_PORTAL_ID },
      },
    },
  })) as PortalResponse<K>;
}
