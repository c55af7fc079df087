import type { ShownError } from '../hooks/use-panel';
import { useI18n } from '../i18n/i18n';
import type { ObligationItem } from '../../../../src/shared/escalation-panel-view';
import { awaitedText, errorText, partyLabel } from './view-helpers';

/**
 * What went wrong with the last action, in the user's language: by error code, for `rejected` by the
 * process's reason, with the obligations still open and the party awaited.
 */
export function ErrorBanner({
  shown,
  obligations,
  onDismiss,
}: {
  readonly shown: ShownError;
  readonly obligations: ReadonlyMap<string, ObligationItem>;
  readonly onDismiss: () => void;
}) {
  const i18n = useI18n();
  const { error } = shown;
  const message = error === 'unreachable' ? i18n.t('app.unreachable') : errorText(i18n, error);
  return (
    <div
      className="banner banner--error"
      role="alert"
      data-testid="error-banner"
      data-code={error === 'unreachable' ? 'unreachable' : error.code}
    >
      <div className="banner__body">
        <strong className="banner__title">{i18n.t('error.title')}</strong>
        <p className="banner__message">{message}</p>
        {error !== 'unreachable' && error.openObligations && error.openObligations.length > 0 && (
          <div className="banner__open">
            <div>{i18n.t('error.openObligations')}</div>
            <ul>
              {error.openObligations.map((o) => {
                const item = obligations.get(o.id);
                return (
                  <li key={o.id} data-testid={`open-${o.id}`}>
                    <span className="ob-id">{o.id}</span> <span className="banner__party">({partyLabel(i18n, o.party)})</span>
                    {item && <> {i18n.text(item.text)}</>}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {error !== 'unreachable' && awaitedText(i18n, error) && (
          <p className="banner__awaited" data-testid="awaited-party">
            {awaitedText(i18n, error)}
          </p>
        )}
        {error !== 'unreachable' && error.code === 'invalid-payload' && error.fields && (
          <p className="banner__fields">{i18n.t('error.fields')}</p>
        )}
      </div>
      <button type="button" className="button button--subtle button--small" onClick={onDismiss}>
        {i18n.t('app.dismiss')}
      </button>
    </div>
  );
}
