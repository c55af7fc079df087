import { useState } from 'react';
import type { Allowed, EscalationView } from '../../../../src/shared/escalation-panel-view';
import type { MutationKey } from '../api/invokes';
import type { RunResult } from '../hooks/use-panel';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { InlineForm, type FieldSpec, type FormValues } from './inline-form';
import { usePanelContext } from './panel-context';
import type { PanelDecision } from './decision-principles';
import { PrinciplesReminder } from './principles-reminder';
import { partyInline, useRefusal } from './view-helpers';

interface ActionSpec {
  readonly key: MutationKey;
  readonly label: MessageKey;
  readonly submitLabel: string;
  readonly fields: readonly FieldSpec[];
  /** The view's judgement for the viewer; undefined where the view has none (contractor-only actions). */
  readonly allowed?: Allowed;
  /** A decision about the escalation itself: its form recalls the principles that bear on it. */
  readonly decision?: PanelDecision;
  readonly submit: (values: FormValues) => Promise<RunResult>;
}

/**
 * The escalation's actions for the party the viewer acts as. Each is disabled with the reason the
 * process gives (the view's `allowed`, asked of the same commands the resolvers run). What the annex leaves
 * to both parties (de-escalating, resolving, escalating early) is proposed here and answered by the other
 * party in the proposal banner.
 */
export function EscalationActions({ escalation }: { readonly escalation: EscalationView }) {
  const i18n = useI18n();
  const { run, busy, blocked, actingParty } = usePanelContext();
  const refusal = useRefusal();
  const [open, setOpen] = useState<MutationKey | null>(null);
  const level = escalation.level;
  const { allowed } = escalation;
  const proposeTo = i18n.t('actions.propose.submit', { party: partyInline(i18n, actingParty === 'client' ? 'contractor' : 'client') });

  const specs: ActionSpec[] = [];
  if (escalation.status === 'open') {
    specs.push({
      key: 'escalate',
      label: 'actions.escalate',
      submitLabel: i18n.t('actions.escalate.submit', { level: Math.min(level + 1, 4) }),
      fields: [{ name: 'note', label: 'actions.escalate.note', kind: 'textarea' }],
      allowed: allowed.escalate,
      decision: 'escalate',
      submit: (v) => run('escalate', v.note ? { note: v.note } : {}),
    });
    // One proposal at a time: while one waits, the banner above answers or withdraws it.
    if (!escalation.proposal) {
      // Both parties together may escalate any time before conciliation; no need to ask where one party may alone.
      if (level < 3 && !allowed.escalate.ok) {
        specs.push({
          key: 'proposeEscalation',
          label: 'actions.proposeEscalation',
          submitLabel: proposeTo,
          fields: [{ name: 'note', label: 'actions.proposeEscalation.note', kind: 'textarea', required: true }],
          allowed: allowed.proposeEscalation,
          decision: 'escalate',
          submit: (v) => run('proposeEscalation', { note: v.note ?? '' }),
        });
      }
      if (level > 1) {
        specs.push({
          key: 'deEscalate',
          label: 'actions.deEscalate',
          submitLabel: proposeTo,
          fields: [{ name: 'note', label: 'actions.deEscalate.note', kind: 'textarea', required: true }],
          allowed: allowed.deEscalate,
          decision: 'deEscalate',
          submit: (v) => run('deEscalate', { note: v.note ?? '' }),
        });
      }
      specs.push({
        key: 'resolveEscalation',
        label: 'actions.resolve',
        submitLabel: proposeTo,
        fields: [{ name: 'resolution', label: 'actions.resolve.resolution', kind: 'textarea', required: true, maxLength: 10_000 }],
        allowed: allowed.resolve,
        decision: 'resolve',
        submit: (v) => run('resolveEscalation', { resolution: v.resolution ?? '' }),
      });
    }
    if (level === 3) {
      specs.push({
        key: 'giveArbitrationConsent',
        label: 'actions.arbitration',
        submitLabel: i18n.t('actions.arbitration.submit'),
        fields: [{ name: 'note', label: 'actions.arbitration.note', kind: 'textarea' }],
        allowed: allowed.giveArbitrationConsent,
        decision: 'conciliationConsent',
        submit: (v) => run('giveArbitrationConsent', v.note ? { note: v.note } : {}),
      });
    }
    // The contractor calls in both managements from level 2, the client its executive management at level 3.
    // Once recorded at this level the checklist shows it; the action is not offered twice.
    const informed = !allowed.informManagement.ok && allowed.informManagement.rejection.code === 'already-recorded';
    if (!informed && (level >= 3 || (level === 2 && actingParty === 'contractor'))) {
      specs.push({
        key: 'informManagement',
        label: 'actions.informManagement',
        submitLabel: i18n.t('actions.informManagement.submit'),
        fields: [{ name: 'note', label: 'actions.informManagement.note', kind: 'textarea', required: true }],
        allowed: allowed.informManagement,
        submit: (v) => run('informManagement', { note: v.note ?? '' }),
      });
    }
    if (actingParty === 'client' && !escalation.timeline.some((e) => e.type === 'notice-acknowledged')) {
      specs.push({
        key: 'acknowledgeNotice',
        label: 'actions.acknowledgeNotice',
        submitLabel: i18n.t('actions.acknowledgeNotice.submit'),
        fields: [{ name: 'note', label: 'actions.acknowledgeNotice.note', kind: 'textarea' }],
        allowed: allowed.acknowledgeNotice,
        submit: (v) => run('acknowledgeNotice', v.note ? { note: v.note } : {}),
      });
    }
    if (actingParty === 'contractor') {
      specs.push(
        {
          key: 'notifyClientNow',
          label: 'actions.notifyNow',
          submitLabel: i18n.t('actions.notifyNow.submit'),
          fields: [{ name: 'assessment', label: 'actions.notifyNow.assessment', kind: 'textarea', required: true }],
          submit: (v) => run('notifyClientNow', { assessment: v.assessment ?? '' }),
        },
        {
          key: 'recordClientNotified',
          label: 'actions.notified',
          submitLabel: i18n.t('actions.notified.submit'),
          fields: [
            {
              name: 'channel',
              label: 'actions.notified.channel',
              kind: 'select',
              options: (['phone', 'email', 'jira'] as const).map((c) => ({ value: c, label: i18n.t(`channel.${c}`) })),
            },
            { name: 'note', label: 'actions.notified.note', kind: 'textarea', required: true },
          ],
          submit: (v) => run('recordClientNotified', { channel: (v.channel ?? 'phone') as 'phone' | 'email' | 'jira', note: v.note ?? '' }),
        },
        {
          key: 'postStatusUpdate',
          label: 'actions.statusUpdate',
          submitLabel: i18n.t('actions.statusUpdate.submit'),
          fields: [{ name: 'text', label: 'actions.statusUpdate.text', kind: 'textarea', required: true, maxLength: 10_000 }],
          submit: (v) => run('postStatusUpdate', { text: v.text ?? '' }),
        },
      );
    }
  } else if (escalation.status === 'resolved') {
    specs.push({
      key: 'reopenEscalation',
      label: 'actions.reopen',
      submitLabel: i18n.t('actions.reopen.submit'),
      fields: [{ name: 'reason', label: 'actions.reopen.reason', kind: 'textarea', required: true }],
      allowed: allowed.reopen,
      submit: (v) => run('reopenEscalation', { reason: v.reason ?? '' }),
    });
  }
  const reasonOf = (spec: ActionSpec): string | null => refusal(spec.allowed);
  const unavailable = specs.map((s) => [s, reasonOf(s)] as const).filter(([, reason]) => reason !== null);
  const openSpec = specs.find((s) => s.key === open && reasonOf(s) === null);
  // A form whose action became impossible (the view changed under it) closes rather than waits to reappear.
  if (open !== null && openSpec === undefined) setOpen(null); // adjusted while rendering, as React advises
  if (specs.length === 0) return null;

  return (
    <section className="card" aria-labelledby="actions-title" data-testid="actions">
      <h3 id="actions-title" className="card__title">
        {i18n.t('actions.title')}
      </h3>
      <div className="action-bar">
        {specs.map((spec) => {
          const reason = reasonOf(spec);
          return (
            <button
              key={spec.key}
              type="button"
              className={`button ${openSpec?.key === spec.key ? 'button--selected' : 'button--default'}`}
              disabled={reason !== null || busy !== null}
              title={reason ?? undefined}
              aria-expanded={openSpec?.key === spec.key}
              data-testid={`action-${spec.key}`}
              onClick={() => setOpen(openSpec?.key === spec.key ? null : spec.key)}
            >
              {i18n.t(spec.label)}
            </button>
          );
        })}
      </div>
      {openSpec && (
        <InlineForm
          key={openSpec.key}
          testId={`action-form-${openSpec.key}`}
          title={i18n.t(openSpec.label)}
          fields={openSpec.fields}
          preamble={openSpec.decision && <PrinciplesReminder decision={openSpec.decision} />}
          submitLabel={openSpec.submitLabel}
          onSubmit={openSpec.submit}
          onDone={() => setOpen(null)}
        />
      )}
      {blocked ? (
        <p className="unavailable muted">{i18n.t(blocked)}</p>
      ) : (
        unavailable.length > 0 && (
          <details className="unavailable" open>
            <summary>{i18n.t('actions.unavailable')}</summary>
            <ul>
              {unavailable.map(([spec, reason]) => (
                <li key={spec.key} data-testid={`unavailable-${spec.key}`}>
                  <strong>{i18n.t(spec.label)}:</strong> {reason}
                </li>
              ))}
            </ul>
          </details>
        )
      )}
    </section>
  );
}
