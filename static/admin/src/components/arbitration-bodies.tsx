import { useState } from 'react';
import type { ArbitrationBodiesView } from '../../../../src/shared/admin-views';
import { call } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { AuditTable, ErrorBanner, Loading, useView } from './common';

/**
 * The project's arbitration bodies for level 4: the contractor proposes, the client approves or rejects.
 * On a project settings page the project comes from the page; on the global page it is chosen.
 */
export function ArbitrationBodies({ projectKey }: { projectKey?: string }) {
  const key = projectKey ? { projectKey } : {};
  const { state, run, busy, error, setError } = useView(() => call('getArbitrationBodies', key), projectKey ?? '');
  return (
    <Loading state={state}>
      {(view) => (
        <BodiesList
          view={view}
          busy={busy}
          error={error}
          onDismiss={() => setError(null)}
          onPropose={(name, details) => run(() => call('proposeArbitrationBody', { ...key, name, ...(details ? { details } : {}) }))}
          onDecide={(id, decision, comment) =>
            run(() => call('decideArbitrationBody', { ...key, id, decision, ...(comment ? { comment } : {}) }))
          }
        />
      )}
    </Loading>
  );
}

function BodiesList(props: {
  view: ArbitrationBodiesView;
  busy: boolean;
  error: ReturnType<typeof useView>['error'];
  onDismiss: () => void;
  onPropose: (name: string, details: string) => Promise<boolean>;
  onDecide: (id: string, decision: 'approve' | 'reject', comment: string) => Promise<boolean>;
}) {
  const { view } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [details, setDetails] = useState('');
  const [comments, setComments] = useState<Record<string, string>>({});
  const who = (id: string | undefined) => (id ? (view.people[id] ?? id) : '–');

  return (
    <section className="stack" data-testid="arbitration-bodies">
      <h3>{t('arbitration.title', { key: view.projectKey })}</h3>
      <p className="muted">{t('arbitration.intro')}</p>
      <ErrorBanner error={props.error} onDismiss={props.onDismiss} />
      {view.bodies.length === 0 ? (
        <p className="muted">{t('arbitration.none')}</p>
      ) : (
        <table className="table" data-testid="arbitration-table">
          <thead>
            <tr>
              <th>{t('arbitration.name')}</th>
              <th>{t('arbitration.status')}</th>
              <th>{t('arbitration.proposed')}</th>
              <th>{t('arbitration.decided')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.bodies.map((b) => (
              <tr key={b.id} data-testid={`arbitration-${b.id}`}>
                <td>
                  <strong>{b.name}</strong>
                  {b.details ? <div className="muted">{b.details}</div> : null}
                </td>
                <td>
                  <span className={`lozenge lozenge--${b.status}`} data-testid="arbitration-status">
                    {t(`arbitration.status.${b.status}` as MessageKey)}
                  </span>
                </td>
                <td className="nowrap">
                  {who(b.proposedBy)}
                  <div className="muted">{i18n.dateTime(b.proposedAt)}</div>
                </td>
                <td>
                  {b.decidedAt ? (
                    <>
                      {who(b.decidedBy)}
                      <div className="muted">{i18n.dateTime(b.decidedAt)}</div>
                      {b.comment ? <div className="muted">„{b.comment}“</div> : null}
                    </>
                  ) : (
                    <span className="muted">{t('arbitration.waits')}</span>
                  )}
                </td>
                <td>
                  {b.status === 'proposed' && view.canDecide && b.proposedBy !== view.viewer.accountId ? (
                    <div className="stack stack--tight">
                      <div className="actions">
                        <button
                          type="button"
                          className="button button--primary"
                          disabled={props.busy}
                          data-testid="approve-arbitration"
                          onClick={() => void props.onDecide(b.id, 'approve', comments[b.id] ?? '')}
                        >
                          {t('arbitration.approve')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          disabled={props.busy || !(comments[b.id] ?? '').trim()}
                          data-testid="reject-arbitration"
                          onClick={() => void props.onDecide(b.id, 'reject', comments[b.id] ?? '')}
                        >
                          {t('arbitration.reject')}
                        </button>
                      </div>
                      <input
                        value={comments[b.id] ?? ''}
                        placeholder={t('arbitration.comment')}
                        aria-label={t('arbitration.comment')}
                        onChange={(e) => setComments({ ...comments, [b.id]: e.target.value })}
                      />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.canPropose ? (
        <form
          className="row"
          data-testid="propose-arbitration"
          onSubmit={(e) => {
            e.preventDefault();
            void props.onPropose(name.trim(), details.trim()).then((ok) => {
              if (ok) {
                setName('');
                setDetails('');
              }
            });
          }}
        >
          <label>
            {t('arbitration.name')}{' '}
            <input value={name} required maxLength={200} data-testid="arbitration-name" onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t('arbitration.details')}{' '}
            <input value={details} maxLength={1000} data-testid="arbitration-details" onChange={(e) => setDetails(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={props.busy || !name.trim()}>
            {t('arbitration.propose')}
          </button>
        </form>
      ) : (
        <p className="muted">{view.canDecide ? t('arbitration.clientHint') : t('arbitration.onlyContractor')}</p>
      )}
      {view.audit.length > 0 && (
        <>
          <h4>{t('project.audit')}</h4>
          <AuditTable entries={view.audit} people={view.people} />
        </>
      )}
    </section>
  );
}
