import type { Recipients } from './escalation-contacts';
import type { NotificationPlan } from './notification-plan';

/** A recipient as the claims and the `notification-sent` event name it: `user:<accountId>` or `group:<name>`. */
export type RecipientId = `user:${string}` | `group:${string}`;

export const recipientIdsOf = (recipients: Recipients): RecipientId[] => [
  ...recipients.accountIds.map((id): RecipientId => `user:${id}`),
  ...recipients.groups.map((g): RecipientId => `group:${g}`),
];

/** One message of a run: the same news for recipients who read the same language. */
export interface Digest {
  readonly plans: readonly NotificationPlan[];
  /** The recipients' language; undefined when not known (groups, hidden profiles): German then English. */
  readonly locale: 'de' | 'en' | undefined;
  readonly recipients: Recipients;
}

/**
 * Groups what a run sends into digests: each recipient gets exactly one message listing every plan that
 * names them and that they have not had yet (`reached`), in their language. Recipients with the same news
 * and language share one Jira notification (still one message each).
 *
 * @example
 * // Sam is named by a warning and a reminder, Carla by the reminder only → two digests
 * digestsOf({ plans: [warning, reminder], locales: { sam: 'en', carla: 'de' }, reached: {} })
 */
export function digestsOf(input: {
  plans: readonly NotificationPlan[];
  locales: Readonly<Record<string, 'de' | 'en' | undefined>>;
  /** Per plan ref, the recipients an earlier attempt already reached. */
  reached: Readonly<Record<string, readonly string[]>>;
}): Digest[] {
  const { plans, locales, reached } = input;
  const perRecipient = new Map<RecipientId, NotificationPlan[]>();
  for (const plan of plans) {
    const already = new Set(reached[plan.ref] ?? []);
    for (const id of recipientIdsOf(plan.recipients)) {
      if (already.has(id)) continue;
      perRecipient.set(id, [...(perRecipient.get(id) ?? []), plan]);
    }
  }
  const digests = new Map<string, { plans: NotificationPlan[]; locale: 'de' | 'en' | undefined; ids: RecipientId[] }>();
  for (const [id, news] of perRecipient) {
    const locale = id.startsWith('user:') ? locales[id.slice(5)] : undefined;
    const key = `${locale ?? '-'}|${news.map((p) => p.ref).join('|')}`;
    const digest = digests.get(key) ?? { plans: news, locale, ids: [] };
    digest.ids.push(id);
    digests.set(key, digest);
  }
  return [...digests.values()].map(({ plans: news, locale, ids }) => ({
    plans: news,
    locale,
    recipients: {
      accountIds: ids.filter((id) => id.startsWith('user:')).map((id) => id.slice(5)),
      groups: ids.filter((id) => id.startsWith('group:')).map((id) => id.slice(6)),
    },
  }));
}

/** A Jira locale (`de_DE`, `en_US`, `de`) as the catalog's language; others are not known here. */
export function catalogLocale(jiraLocale: string | undefined): 'de' | 'en' | undefined {
  const language = jiraLocale?.split(/[-_]/)[0]?.toLowerCase();
  return language === 'de' || language === 'en' ? language : undefined;
}
