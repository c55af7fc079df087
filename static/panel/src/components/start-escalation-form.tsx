import { useState } from 'react';
import type { CriticalProblemView } from '../../../../src/shared/escalation-panel-view';
import type { TriggerId } from '../../../../src/shared/vocabulary';
import { useI18n } from '../i18n/i18n';
import { zonedInstant } from '../i18n/zoned-instant';
import { InlineForm } from './inline-form';
import { usePanelContext } from './panel-context';
import { PrinciplesReminder } from './principles-reminder';

/**
 * Starting an escalation: trigger, problem and impact, all required. On a critical issue the panel proposes
 * one; preparing it from the proposal starts it as critical, detected when the priority became critical.
 */
export function StartEscalationForm() {
  const i18n = useI18n();
  const { view, run, actingParty } = usePanelContext();
  const mayStart = view.viewer.canEdit && actingParty !== null;
  const critical = view.criticalProblem;
  const [fromProposal, setFromProposal] = useState(false);
  const prefilled = fromProposal && critical ? critical : undefined;
  const sla = view.triggers.find((t) => t.id === 'sla-breach');
  return (
    <>
      {critical && <CriticalProposal critical={critical} onPrepare={mayStart && !prefilled ? () => setFromProposal(true) : undefined} />}
      <section className="card empty-state" data-testid="no-escalation">
        <h3 className="card__title">{i18n.t('none.title')}</h3>
        <p className="muted">{mayStart ? i18n.t('none.text') : i18n.t('none.readOnly')}</p>
        {mayStart && (
          <InlineForm
            // A new form when prepared from the proposal: its fields start from the proposal.
            key={prefilled ? 'critical' : 'plain'}
            testId="start-form"
            title={i18n.t('start.title')}
            preamble={<PrinciplesReminder decision="start" />}
            {...(prefilled
              ? {
                  note: i18n.t('criticalProposal.form', { detected: i18n.dateTime(prefilled.detectedAt) }),
                  initialValues: {
                    ...(sla ? { trigger: sla.id } : {}),
                    impact: i18n.t('criticalProposal.impact', { priority: prefilled.priorityName }),
                  },
                }
              : {})}
            fields={[
              {
                name: 'trigger',
                label: 'start.trigger',
                kind: 'select',
                options: view.triggers.map((t) => ({ value: t.id, label: i18n.text(t.label) })),
              },
              { name: 'problem', label: 'start.problem', kind: 'textarea', required: true, maxLength: 10_000 },
              { name: 'impact', label: 'start.impact', kind: 'textarea', required: true, maxLength: 10_000 },
              // Prepared from the critical-priority proposal, both come from the detection itself.
              ...(prefilled
                ? []
                : ([
                    { name: 'critical', label: 'start.critical', kind: 'checkbox', hint: i18n.t('start.criticalHint') },
                    {
                      name: 'detectedAt',
                      label: 'start.detectedAt',
                      kind: 'datetime',
                      hint: i18n.t('start.detectedAtHint', { zone: i18n.timeZone }),
                    },
                  ] as const)),
            ]}
            submitLabel={i18n.t('start.submit')}
            onSubmit={(v) => {
              const detectedAt = prefilled?.detectedAt ?? (v.detectedAt ? zonedInstant(v.detectedAt, i18n.timeZone) : undefined);
              return run('startEscalation', {
                trigger: v.trigger as TriggerId,
                problem: v.problem ?? '',
                impact: v.impact ?? '',
                critical: prefilled !== undefined || v.critical === 'true',
                ...(detectedAt ? { detectedAt } : {}),
              });
            }}
            onDone={() => undefined}
            cancellable={false}
          />
        )}
      </section>
    </>
  );
}

/** The proposal on a critical issue without an escalation: when detected, by when the client must be told. */
function CriticalProposal({ critical, onPrepare }: { critical: CriticalProblemView; onPrepare: (() => void) | undefined }) {
  const i18n = useI18n();
  const words = { priority: critical.priorityName, detected: i18n.dateTime(critical.detectedAt) };
  return (
    <section className="banner banner--warning" role="status" data-testid="critical-proposal">
      <div className="banner__body">
        <strong className="banner__title">{i18n.t('criticalProposal.title')}</strong>
        <p className="banner__message">
          {critical.notifyClientBy
            ? i18n.t('criticalProposal.text', { ...words, due: i18n.dateTime(critical.notifyClientBy) })
            : i18n.t('criticalProposal.textNoDue', words)}
        </p>
        <p className="muted">{i18n.t('criticalProposal.hint')}</p>
      </div>
      {onPrepare && (
        <button type="button" className="button button--primary" onClick={onPrepare} data-testid="prepare-escalation">
          {i18n.t('criticalProposal.prepare')}
        </button>
      )}
    </section>
  );
}
