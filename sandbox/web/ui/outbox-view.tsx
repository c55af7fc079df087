/** The notification outbox: what Jira's `notify` would have emailed, to whom. */
import { useEffect, useState } from 'react';
import type { OutboxEntry, SandboxUser } from '../../platform/sandbox-api';
import { api } from './api';
import { formatDateTime, useLocale } from './i18n';

export function OutboxView(props: { users: SandboxUser[]; reloadToken: number; onOpenIssue(key: string): void }) {
  const l = useLocale();
  const { t } = l;
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.outbox().then(setEntries, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [props.reloadToken]);
  const name = (id: string) => props.users.find((u) => u.accountId === id)?.displayName ?? id;
  return (
    <main className="page" data-testid="outbox">
      <h1>{t.outbox}</h1>
      {error && <div className="error-banner">{error}</div>}
      {entries?.length === 0 && <div className="muted">{t.emptyOutbox}</div>}
      {[...(entries ?? [])].reverse().map((e) => (
        <div key={e.id} className="mail">
          <div className="mail-head">
            <button className="link" onClick={() => props.onOpenIssue(e.issueKey)}>
              {e.issueKey}
            </button>
            <strong>{e.subject}</strong>
            <span className="muted">{formatDateTime(e.at, l)}</span>
          </div>
          <div className="mail-meta muted">
            {t.recipients}: {e.recipients.map(name).join(', ') || '—'} · {t.sentBy}:{' '}
            {e.sentBy.kind === 'app' ? t.app : name(e.sentBy.accountId)}
          </div>
          <pre className="mail-body">{e.textBody}</pre>
        </div>
      ))}
    </main>
  );
}
