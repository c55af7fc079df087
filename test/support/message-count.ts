import type { OutboxEntry } from '../../sandbox/platform/sandbox-api';

/**
 * The most messages any one person got at one instant (one sweep or one request) about an issue: the
 * digest promise is at most one. Counts what Jira delivered (the outbox resolves groups to their members).
 */
export function mostMessagesAtOnce(outbox: readonly OutboxEntry[], issueKey: string): number {
  const counts = new Map<string, number>();
  for (const n of outbox.filter((e) => e.issueKey === issueKey))
    for (const r of n.recipients) counts.set(`${n.at}|${r}`, (counts.get(`${n.at}|${r}`) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/** The messages one person got about an issue. */
export const messagesTo = (outbox: readonly OutboxEntry[], issueKey: string, accountId: string): OutboxEntry[] =>
  outbox.filter((e) => e.issueKey === issueKey && e.recipients.includes(accountId));

/** Everything a message says: its subject and its text. */
export const said = (n: Pick<OutboxEntry, 'subject' | 'textBody'>): string => `${n.subject}\n${n.textBody}`;

/**
 * What a digest tells, one line per item (a single item's text is its first paragraph). Lines of
 * reminders are left out: a second reminder rightly says what the first said.
 */
export function toldLines(n: Pick<OutboxEntry, 'textBody'>): string[] {
  const paragraphs = n.textBody.split('\n\n');
  const items = paragraphs.flatMap((p) => (p.startsWith('• ') ? p.split('\n').map((l) => l.slice(2)) : []));
  const lines = items.length > 0 ? items : [paragraphs[0]!];
  return lines.filter((l) => !/^(Still open|Weiterhin offen):/.test(l));
}

/** Each person was told each thing at most once: no line (reminders aside) repeated to one recipient. */
export function repeatedToSomeone(outbox: readonly OutboxEntry[], issueKey: string): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const n of outbox.filter((e) => e.issueKey === issueKey))
    for (const r of n.recipients)
      for (const line of toldLines(n)) {
        const key = `${r}|${line}`;
        if (seen.has(key)) repeated.push(key);
        seen.add(key);
      }
  return repeated;
}
