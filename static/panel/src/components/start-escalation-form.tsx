import type { TriggerId } from '../../../../src/shared/vocabulary';
import { useI18n } from '../i18n/i18n';
import { zonedInstant } from '../i18n/zoned-instant';
import { InlineForm } from './inline-form';
import { usePanelContext } from './panel-context';

/**
 * Starting an escalation: trigger, problem and impact (required), whether the problem is critical (only then
 * does the two-hour notification clock run) and, optionally, when it was detected, read in the user's zone.
 */
export function StartEscalationForm() {
  const i18n = useI18n();
  const { view, run, actingParty } = usePanelContext();
  const mayStart = view.viewer.canEdit && actingParty !== null;
  return (
    <section className="card empty-state" data-testid="no-escalation">
      <h3 className="card__title">{i18n.t('none.title')}</h3>
      <p className="muted">{mayStart ? i18n.t('none.text') : i18n.t('none.readOnly')}</p>
      {mayStart && (
        <InlineForm
          testId="start-form"
          title={i18n.t('start.title')}
          fields={[
            {
              name: 'trigger',
              label: 'start.trigger',
              kind: 'select',
              options: view.triggers.map((t) => ({ value: t.id, label: i18n.text(t.label) })),
            },
            { name: 'problem', label: 'start.problem', kind: 'textarea', required: true, maxLength: 10_000 },
            { name: 'impact', label: 'start.impact', kind: 'textarea', required: true, maxLength: 10_000 },
            { name: 'critical', label: 'start.critical', kind: 'checkbox', hint: i18n.t('start.criticalHint') },
            {
              name: 'detectedAt',
              label: 'start.detectedAt',
              kind: 'datetime',
              hint: i18n.t('start.detectedAtHint', { zone: i18n.timeZone }),
            },
          ]}
          submitLabel={i18n.t('start.submit')}
          onSubmit={(v) => {
            const detectedAt = v.detectedAt ? zonedInstant(v.detectedAt, i18n.timeZone) : undefined;
            return run('startEscalation', {
              trigger: v.trigger as TriggerId,
              problem: v.problem ?? '',
              impact: v.impact ?? '',
              critical: v.critical === 'true',
              ...(detectedAt ? { detectedAt } : {}),
            });
          }}
          onDone={() => undefined}
          cancellable={false}
        />
      )}
    </section>
  );
}
