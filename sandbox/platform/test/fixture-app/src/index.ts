/* A fixture app for the platform tests: real @forge/* packages, no knowledge of the sandbox. */
import api, { asApp, asUser, route, i18n } from '@forge/api';
import { kvs } from '@forge/kvs';
import Resolver from '@forge/resolver';
import { Queue, InvocationError, InvocationErrorCode } from '@forge/events';

const resolverDefs = new Resolver();

/** The parts of the Forge resolver context these resolvers read. */
interface FrameContext {
  accountId?: string;
  moduleKey?: string;
  localId?: string;
  extension: { issue?: { key: string } };
}

resolverDefs.define('whoAmI', async (req) => {
  const res = await asUser().requestJira(route`/rest/api/3/myself`);
  const me = (await res.json()) as { accountId: string; displayName: string };
  const context = req.context as FrameContext;
  return {
    contextAccountId: context.accountId,
    issueKey: context.extension.issue?.key,
    moduleKey: context.moduleKey,
    localId: context.localId,
    payload: req.payload as unknown,
    me: me.accountId,
    name: me.displayName,
  };
});

resolverDefs.define('readIssueAsUser', async (req) => {
  const res = await asUser().requestJira(route`/rest/api/3/issue/${String((req.payload as { key: string }).key)}?fields=summary`);
  return { status: res.status, body: (await res.json()) as unknown };
});

resolverDefs.define('translate', async () => {
  const t = await i18n.createTranslationFunction('de-DE');
  return t('panel.title');
});

export const resolver = resolverDefs.getDefinitions();

export async function sweep(): Promise<void> {
  const count = ((await kvs.get<number>('sweep:count')) ?? 0) + 1;
  await kvs.set('sweep:count', count);
  await kvs.set(`sweep:at:${String(count).padStart(4, '0')}`, new Date().toISOString());
  await new Queue({ key: 'work' }).push([{ body: { n: count } }, { body: { n: count, delayed: true }, delayInSeconds: 600 }]);
}

export function report(): Promise<void> {
  return Promise.reject(new Error('report always fails (tests that failed scheduled runs are not retried)'));
}

export async function worker(event: {
  body: { n?: number; failOnce?: string; retryVia?: string; waitSeconds?: number };
  retryContext?: { retryCount: number };
}): Promise<unknown> {
  if (event.body.failOnce && !event.retryContext) throw new Error('first attempt fails');
  if (event.body.waitSeconds) await new Promise((resolve) => setTimeout(resolve, event.body.waitSeconds! * 1000));
  if (event.body.retryVia === 'invocationError' && !event.retryContext)
    return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  await kvs.set(
    `worked:${Object.entries(event.body)
      .map(([k, v]) => `${k}-${String(v)}`)
      .join('.')}`,
    { at: new Date().toISOString(), retry: event.retryContext?.retryCount ?? 0 },
  );
  return undefined;
}

export async function onComment(event: { issue: { key: string }; comment: { id: string }; atlassianId?: string }): Promise<void> {
  await kvs.set(`commented:${event.issue.key}:${event.comment.id}`, { by: event.atlassianId ?? null });
}

export async function validator(event: { issue: { key: string } }): Promise<{ result: boolean; errorMessage?: string }> {
  const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/properties/escalation`);
  if (res.status === 404) return { result: false, errorMessage: 'Start an escalation first.' };
  return { result: true };
}

export async function slow(): Promise<string> {
  await new Promise((r) => setTimeout(r, 1500));
  return 'too late';
}

export { api };
