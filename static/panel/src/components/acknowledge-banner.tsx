import type { EscalationView } from '../../../../src/shared/escalation-panel-view';
import { useI18n } from '../i18n/i18n';
import { usePanelContext } from './panel-context';
import { personName, useRefusal } from './view-helpers';

/**
 * The client's acknowledgement of the escalation notice (DOC-K-01) in one click, at the top of the panel: where
 * the notice's e-mail leads (its link opens the issue; a Forge issue panel cannot read the page's address, so the
 * panel shows this step to the client contact whenever it is open instead of waiting for a link parameter).
 */
export function AcknowledgeBanner({ escalation }: { readonly escalation: EscalationView }) {
  const i18n = useI18n();
  const { view, actingParty, run, busy } = usePanelContext();
  const refusal = useRefusal();
  const notice = [...escalation.timeline].reverse().find((e) => e.type === 'client-notified');
  const acknowledged = escalation.timeline.some((e) => e.type === 'notice-acknowledged');
  if (!notice || acknowledged || actingParty !== 'client' || !view.viewer.canEdit || escalation.status === 'closed') return null;
  const refused = refusal(escalation.allowed.acknowledgeNotice);
  return (
    <section className="banner banner--acknowledge" role="status" data-testid="acknowledge-banner">
      <div className="banner__body">
        <strong className="banner__title">{i18n.t('acknowledge.title')}</strong>
        <p>{i18n.t('acknowledge.by', { who: personName(view, i18n, notice.actor), date: i18n.dateTime(notice.at) })}</p>
        {notice.type === 'client-notified' && <blockquote className="proposal__text">{notice.note}</blockquote>}
        {refused ? (
          <p className="unavailable">{refused}</p>
        ) : (
          <div className="action-bar">
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null}
              data-testid="acknowledge-now"
              onClick={() => void run('acknowledgeNotice', {})}
            >
              {i18n.t('actions.acknowledgeNotice.submit')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
