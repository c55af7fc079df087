import type { EscalationPanelView } from '../../src/shared/escalation-panel-view';
import type { ResolverKey, ResolverPayload, ResolverResponse } from '../../src/shared/resolver-contract';
import type { PlatformSandbox } from '../platform/create-sandbox';
import { DEMO_USERS } from '../platform/demo/seed-demo-jira';

export type DemoUser = keyof typeof DEMO_USERS;

/** Calls a panel resolver exactly as the issue panel's frame would, as a demo user. */
export async function invokePanel<K extends ResolverKey>(
  sandbox: PlatformSandbox,
  user: DemoUser,
  issueKey: string,
  key: K,
  payload: ResolverPayload<K>,
): Promise<ResolverResponse<EscalationPanelView>> {
  const person = DEMO_USERS[user];
  return (await sandbox.invoke({
    moduleKey: 'escalation-panel',
    functionKey: key,
    payload,
    context: {
      accountId: person.accountId,
      cloudId: 'sandbox',
      localId: `panel-${issueKey}`,
      locale: person.locale,
      timezone: person.timeZone,
      moduleKey: 'escalation-panel',
      siteUrl: 'http://localhost',
      extension: { type: 'jira:issuePanel', issue: { key: issueKey, type: 'Service Request' }, project: { key: issueKey.split('-')[0] } },
    },
  })) as ResolverResponse<EscalationPanelView>;
}

/** Like {@link invokePanel}, failing loudly on an error envelope (demo seeding must not half-work). */
export async function act<K extends ResolverKey>(
  sandbox: PlatformSandbox,
  user: DemoUser,
  issueKey: string,
  key: K,
  payload: ResolverPayload<K>,
): Promise<EscalationPanelView> {
  const response = await invokePanel(sandbox, user, issueKey, key, payload);
  if (!response.ok) throw new Error(`${key} as ${user} on ${issueKey} failed: ${response.error.code} ${response.error.message}`);
  return response.data;
}
