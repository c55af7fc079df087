import { randomUUID } from 'node:crypto';
import type { ContactNotices } from '../../usecases/escalation-sweep-deps';
import { kvsAuditLogStore } from './audit-log-store';
import { setIfAbsent } from './kvs-prefix-query';

/**
 * Skipped contacts, told once per project and account: a create-only marker `contact-notice:<project>:<account>`
 * and, by whoever created it, an entry in the project's settings history (`contact-skipped`, by the app), which
 * the project settings page shows next to the flagged contact. A run that dies between the two leaves the
 * marker without the entry; the settings page still flags the contact.
 */
export const kvsContactNotices: ContactNotices = {
  async skipped({ projectKey, accountId, issueKey, at }) {
    // A nonce: two runs at the same instant about the same issue must not both take the marker as theirs.
    const marker = { at, issueKey, by: randomUUID() };
    if ((await setIfAbsent(`contact-notice:${projectKey}:${accountId}`, marker)) !== 'created') return;
    await kvsAuditLogStore.append({
      at,
      accountId: 'app',
      target: `project:${projectKey}`,
      action: 'contact-skipped',
      changes: [{ path: 'contact', before: accountId, after: null }],
      note: issueKey,
    });
  },
};
