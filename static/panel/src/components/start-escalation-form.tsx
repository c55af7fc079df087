import type { TriggerId } from '../../../../src/shared/vocabulary';
import { useI18n } from '../i18n/i18n';
import { InlineForm } from './inline-form';
import { usePanelContext } from './panel-context';
import { PrinciplesReminder } from './principles-reminder';

/** Starting an escalation: trigger, problem and impact, all required. */
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
          preamble={<PrinciplesReminder decision="start" />}
          fields={[
            {
              name: 'trigger',
              label: 'start.trigger',
              kind: 'select',
              options: view.triggers.map((t) => ({ value: t.id, label: i18n.text(t.label) })),
            },
            { name: 'problem', label: 'start.problem', kind: 'textarea', required: true, maxLength: 10_000 },
            { name: 'impact', label: 'start.impact', kind: 'textarea', required: true, maxLength: 10_000 },
          ]}
          submitLabel={i18n.t('start.submit')}
          onSubmit={(v) => run('startEscalation', { trigger: v.trigger as TriggerId, problem: v.problem ?? '', impact: v.impact ?? '' })}
          onDone={() => undefined}
          cancellable={false}
        />
      )}
    </section>
  );
}
