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
    if ((await setIfAbsent(`contact-notice:${projectKey}:${accountId}`, { at, issueKey })) !== 'created') return;
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
