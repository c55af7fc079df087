/**
 * The Jira Service Management customer portal as a customer sees it: their requests (reporter, participant,
 * or shared with their organization) and a request's page with the app's portal request modules below it.
 */
import { useEffect, useState } from 'react';
import { api, type ModuleInfo, type PortalRequest } from './api';
import { ForgeFrame } from './forge-frame';
import { useLocale } from './i18n';

export function PortalView(props: { issueKey?: string; modules: ModuleInfo[]; reloadToken: number }) {
  const { t } = useLocale();
  const [requests, setRequests] = useState<PortalRequest[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.portalRequests().then((r) => live && setRequests(r));
    return () => {
      live = false;
    };
  }, [props.reloadToken]);
  const selected = requests?.find((r) => r.issueKey === props.issueKey);
  const details = props.modules.filter((m) => m.kind === 'jiraServiceManagement:portalRequestDetail');
  return (
    <div className="split portal-page">
      <aside className="issue-list" data-testid="portal-requests">
        <h2 className="pad">{t.portalRequests}</h2>
        {requests && requests.length === 0 && <p className="pad muted">{t.portalNoRequests}</p>}
        <ul className="issue-rows">
          {(requests ?? []).map((r) => (
            <li key={r.issueKey}>
              <a className={`issue-row${r.issueKey === props.issueKey ? ' selected' : ''}`} href={`#/portal/${r.issueKey}`}>
                <span className="issue-key">{r.issueKey}</span> <span className="issue-summary">{r.summary}</span>
              </a>
            </li>
          ))}
        </ul>
      </aside>
      <main className="detail-pane" data-testid="portal-request">
        {selected ? (
          <>
            <p className="muted" data-testid="portal-path">
              {t.portalRequest.replace('{key}', selected.issueKey).replace('{portal}', String(selected.portalId))} · {selected.path}
            </p>
            <h1 className="page-title">{selected.summary}</h1>
            <p>
              <span className="lozenge">{selected.status}</span>
            </p>
            {details.map((m) => (
              <section key={m.key} className="app-panel" data-testid={`portal-${m.key}`}>
                <header className="app-panel-header">
                  <span>{m.title}</span>
                </header>
                <ForgeFrame moduleKey={m.key} title={m.title} issueKey={selected.issueKey} minHeight={200} />
              </section>
            ))}
          </>
        ) : (
          <p className="pad muted">{t.portalSelect}</p>
        )}
      </main>
    </div>
  );
}
