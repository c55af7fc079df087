import type { EscalationView } from '../../../../src/shared/escalation-panel-view';
import { useI18n } from '../i18n/i18n';
import { Lozenge, type Tone } from './lozenge';
import { usePanelContext } from './panel-context';
import { partyLabel } from './view-helpers';

const STATUS_TONE: Record<EscalationView['status'], Tone> = { open: 'info', resolved: 'success', closed: 'neutral' };

/** Level badge and name, status, and the facts of the escalation. */
export function EscalationHeader({ escalation }: { readonly escalation: EscalationView }) {
  const i18n = useI18n();
  const { view } = usePanelContext();
  const trigger = view.triggers.find((t) => t.id === escalation.trigger);
  const facts: [string, string][] = [
    [i18n.t('header.trigger'), trigger ? i18n.text(trigger.label) : escalation.trigger],
    [i18n.t('header.started'), i18n.dateTime(escalation.startedAt)],
    [i18n.t('header.levelEntered'), i18n.dateTime(escalation.levelEnteredAt)],
    [
      i18n.t('header.clientNotified'),
      escalation.clientNotifiedAt
        ? i18n.dateTime(escalation.clientNotifiedAt)
        : escalation.startedBy === 'client'
          ? i18n.t('header.clientStarted')
          : i18n.t('header.never'),
    ],
    [
      i18n.t('header.lastStatusUpdate'),
      escalation.lastStatusUpdateAt ? i18n.dateTime(escalation.lastStatusUpdateAt) : i18n.t('header.never'),
    ],
    [i18n.t('header.template'), i18n.t('header.templateValue', { id: escalation.template.id, version: escalation.template.version })],
  ];
  if (escalation.level === 3 || escalation.arbitrationConsent.length > 0) {
    facts.push([
      i18n.t('header.arbitrationConsent'),
      escalation.arbitrationConsent.length > 0
        ? escalation.arbitrationConsent.map((p) => partyLabel(i18n, p)).join(', ')
        : i18n.t('header.never'),
    ]);
  }
  return (
    <header className="header" data-testid="escalation-header">
      <div className="header__title">
        <span className={`level-badge level-badge--${escalation.level}`} aria-hidden="true">
          {escalation.level}
        </span>
        <div className="header__heading">
          <div className="header__level">{i18n.t('header.level', { level: escalation.level })}</div>
          <h2 className="header__name">{i18n.text(escalation.levelName)}</h2>
        </div>
        <span className="header__badges">
          <Lozenge tone={STATUS_TONE[escalation.status]}>{i18n.t(`status.${escalation.status}`)}</Lozenge>
          {escalation.critical && (
            <span data-testid="critical">
              <Lozenge tone="danger">{i18n.t('header.critical')}</Lozenge>
            </span>
          )}
        </span>
      </div>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div className="facts__item" key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <dl className="statement">
        <div>
          <dt>{i18n.t('header.problem')}</dt>
          <dd>{escalation.problem}</dd>
        </div>
        <div>
          <dt>{i18n.t('header.impact')}</dt>
          <dd>{escalation.impact}</dd>
        </div>
      </dl>
    </header>
  );
}
