import { useState, type ReactNode } from 'react';
import type { RecordedBy } from '../../../../src/shared/vocabulary';
import type { EscalationView } from '../../../../src/shared/escalation-panel-view';
import type { RunResult } from '../hooks/use-panel';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { zonedInstant } from '../i18n/zoned-instant';
import { InlineForm, type FieldSpec, type FormValues } from './inline-form';
import { ApprovalDecision } from '../../../shared/src/approval-decision';
import { Lozenge, type Tone } from './lozenge';
import { usePanelContext } from './panel-context';
import { partyLabel, personName } from './view-helpers';

const PLAN_TONE: Record<string, Tone> = { draft: 'neutral', submitted: 'info', approved: 'success', 'changes-requested': 'warning' };

interface FormSpec {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly FieldSpec[];
  readonly submitLabel: string;
  readonly submit: (values: FormValues) => Promise<RunResult>;
}

function Meta({ by }: { readonly by: RecordedBy }) {
  const i18n = useI18n();
  const { view } = usePanelContext();
  return (
    <div className="record__meta">{i18n.t('records.meta', { who: personName(view, i18n, by.actor), date: i18n.dateTime(by.at) })}</div>
  );
}

function Block({
  title,
  testId,
  children,
  actions,
}: {
  readonly title: string;
  readonly testId: string;
  readonly children: ReactNode;
  readonly actions?: ReactNode;
}) {
  return (
    <div className="records-block" data-testid={testId}>
      <div className="records-block__head">
        <h4>{title}</h4>
        {actions}
      </div>
      {children}
    </div>
  );
}

/**
 * The working records the annex asks for: action plan versions (drafted by the contractor, approved or
 * sent back by the client), root cause analysis, preventive measures and, from level 3, arbitration.
 */
export function WorkingRecords({ escalation }: { readonly escalation: EscalationView }) {
  const i18n = useI18n();
  const { view, actingParty, run, busy, blocked } = usePanelContext();
  const [open, setOpen] = useState<string | null>(null);
  const { records } = escalation;
  const writable = actingParty !== null && escalation.status !== 'closed' && view.viewer.canEdit;
  const idle = busy === null && blocked === null;
  const reachedArbitration = escalation.level === 4 || escalation.timeline.some((e) => e.type === 'level-changed' && e.to === 4);
  const showArbitration = escalation.level >= 3 || reachedArbitration || records.arbitrators.length > 0;

  const forms: FormSpec[] = [];
  const opener = (id: string, label: MessageKey, primary = false) => (
    <button
      type="button"
      className={`button button--small ${primary ? 'button--primary' : open === id ? 'button--selected' : 'button--default'}`}
      disabled={!idle}
      aria-expanded={open === id}
      data-testid={`record-action-${id}`}
      onClick={() => setOpen(open === id ? null : id)}
    >
      {i18n.t(label)}
    </button>
  );
  const formFor = (id: string) => {
    const spec = forms.find((f) => f.id === id);
    if (!spec || open !== id) return null;
    return (
      <InlineForm
        key={id}
        testId={`record-form-${id}`}
        title={spec.title}
        fields={spec.fields}
        submitLabel={spec.submitLabel}
        onSubmit={spec.submit}
        onDone={() => setOpen(null)}
      />
    );
  };

  // Action plan
  const canDraft = writable && actingParty === 'contractor' && escalation.status === 'open';
  forms.push({
    id: 'plan-draft',
    title: i18n.t('records.plan.draft'),
    fields: [
      {
        name: 'stage',
        label: 'records.plan.stage',
        kind: 'select',
        options: (records.actionPlans.length === 0 ? (['preliminary', 'detailed'] as const) : (['detailed', 'preliminary'] as const)).map(
          (s) => ({
            value: s,
            label: i18n.t(`plan.stage.${s}`),
          }),
        ),
      },
      { name: 'text', label: 'records.plan.text', kind: 'textarea', required: true, maxLength: 20_000 },
    ],
    submitLabel: i18n.t('records.plan.draftSubmit'),
    submit: (v) => run('draftActionPlan', { stage: v.stage === 'detailed' ? 'detailed' : 'preliminary', text: v.text ?? '' }),
  });
  const plans = [...records.actionPlans].sort((a, b) => b.version - a.version);

  // Root cause, preventive measures
  forms.push({
    id: 'root-cause',
    title: i18n.t('records.rootCause.add'),
    fields: [{ name: 'text', label: 'records.rootCause.text', kind: 'textarea', required: true, maxLength: 20_000 }],
    submitLabel: i18n.t('records.save'),
    submit: (v) => run('recordRootCause', { text: v.text ?? '' }),
  });
  forms.push({
    id: 'measure-add',
    title: i18n.t('records.measures.add'),
    fields: [
      { name: 'text', label: 'records.measures.text', kind: 'textarea', required: true },
      {
        name: 'owner',
        label: 'records.owner',
        kind: 'select',
        options: (['contractor', 'client', 'both'] as const).map((p) => ({ value: p, label: partyLabel(i18n, p) })),
      },
    ],
    submitLabel: i18n.t('records.save'),
    submit: (v) =>
      run('recordPreventiveMeasure', { text: v.text ?? '', owner: (v.owner ?? 'contractor') as 'contractor' | 'client' | 'both' }),
  });
  for (const measure of records.preventiveMeasures) {
    forms.push({
      id: `measure-done-${measure.measureId}`,
      title: `${measure.measureId}: ${i18n.t('records.measures.done')}`,
      fields: [{ name: 'note', label: 'records.measures.doneNote', kind: 'textarea', required: true }],
      submitLabel: i18n.t('records.measures.done'),
      submit: (v) => run('completePreventiveMeasure', { measureId: measure.measureId, note: v.note ?? '' }),
    });
  }

  // Meetings (levels 2–4): one party proposes dates, the other confirms one or declines with a reason.
  const meetingDates = ['date1', 'date2', 'date3'] as const;
  forms.push({
    id: 'meeting-propose',
    title: i18n.t('records.meetings.propose'),
    fields: [
      { name: 'subject', label: 'records.meetings.subject', kind: 'text', required: true, maxLength: 300 },
      ...meetingDates.map((name, i): FieldSpec => ({
        name,
        label: i === 0 ? 'records.meetings.date' : 'records.meetings.moreDate',
        kind: 'datetime',
        required: i === 0,
      })),
      { name: 'note', label: 'records.note', kind: 'textarea' },
    ],
    submitLabel: i18n.t('records.save'),
    submit: (v) =>
      run('proposeMeeting', {
        subject: v.subject ?? '',
        candidates: meetingDates.flatMap((name) => {
          const at = v[name] ? zonedInstant(v[name], i18n.timeZone) : undefined;
          return at ? [at] : [];
        }),
        ...(v.note ? { note: v.note } : {}),
      }),
  });
  for (const meeting of records.meetings) {
    forms.push({
      id: `meeting-answer-${meeting.meetingId}`,
      title: `${meeting.meetingId}: ${meeting.subject}`,
      fields: [
        {
          name: 'choice',
          label: 'records.meetings.choose',
          kind: 'select',
          options: [
            ...meeting.candidates.map((at) => ({ value: at, label: i18n.dateTime(at) })),
            { value: 'decline', label: i18n.t('records.meetings.decline') },
          ],
        },
        { name: 'reason', label: 'records.meetings.reason', kind: 'textarea', requiredWhen: { field: 'choice', value: 'decline' } },
      ],
      submitLabel: i18n.t('records.meetings.answerSubmit'),
      submit: (v) =>
        v.choice === 'decline'
          ? run('declineMeeting', { meetingId: meeting.meetingId, reason: v.reason ?? '' })
          : run('confirmMeeting', {
              meetingId: meeting.meetingId,
              startsAt: v.choice ?? '',
              ...(v.reason ? { note: v.reason } : {}),
            }),
    });
  }

  // Arbitration
  forms.push({
    id: 'arbitrator-propose',
    title: i18n.t('records.arbitrators.propose'),
    fields: [
      { name: 'name', label: 'records.name', kind: 'text', required: true, maxLength: 300 },
      { name: 'organisation', label: 'records.organisation', kind: 'text', maxLength: 300 },
      { name: 'note', label: 'records.note', kind: 'textarea' },
    ],
    submitLabel: i18n.t('records.save'),
    submit: (v) =>
      run('proposeArbitrator', {
        name: v.name ?? '',
        ...(v.organisation ? { organisation: v.organisation } : {}),
        ...(v.note ? { note: v.note } : {}),
      }),
  });
  for (const proposal of records.arbitrators) {
    forms.push({
      id: `arbitrator-decide-${proposal.proposalId}`,
      title: `${proposal.proposalId}: ${proposal.name}`,
      fields: [
        {
          name: 'decision',
          label: 'records.plan.decision',
          kind: 'select',
          options: [
            { value: 'approved', label: i18n.t('records.decision.approve') },
            { value: 'rejected', label: i18n.t('records.decision.reject') },
          ],
        },
        { name: 'note', label: 'records.note', kind: 'textarea' },
      ],
      submitLabel: i18n.t('records.plan.decideSubmit'),
      submit: (v) =>
        run('decideArbitrator', {
          proposalId: proposal.proposalId,
          decision: v.decision === 'rejected' ? 'rejected' : 'approved',
          ...(v.note ? { note: v.note } : {}),
        }),
    });
  }
  forms.push({
    id: 'session-add',
    title: i18n.t('records.sessions.add'),
    fields: [
      { name: 'heldOn', label: 'records.sessions.heldOn', kind: 'date', required: true },
      { name: 'summary', label: 'records.sessions.summary', kind: 'textarea', required: true, maxLength: 10_000 },
    ],
    submitLabel: i18n.t('records.save'),
    submit: (v) => run('recordArbitrationSession', { heldOn: v.heldOn ?? '', summary: v.summary ?? '' }),
  });
  forms.push({
    id: 'outcome',
    title: i18n.t('records.outcome.add'),
    fields: [{ name: 'outcome', label: 'records.outcome', kind: 'textarea', required: true, maxLength: 10_000 }],
    submitLabel: i18n.t('records.save'),
    submit: (v) => run('recordArbitrationOutcome', { outcome: v.outcome ?? '' }),
  });

  return (
    <section className="card" aria-labelledby="records-title" data-testid="working-records">
      <h3 id="records-title" className="card__title">
        {i18n.t('records.title')}
      </h3>

      <Block title={i18n.t('records.plan')} testId="records-plan" actions={canDraft && opener('plan-draft', 'records.plan.draft')}>
        {formFor('plan-draft')}
        {plans.length === 0 ? (
          <p className="muted">{i18n.t('records.plan.none')}</p>
        ) : (
          <ul className="records">
            {plans.map((plan) => (
              <li key={plan.version} className="record" data-testid={`plan-${plan.version}`}>
                <div className="record__head">
                  <strong>{i18n.t('records.plan.version', { version: plan.version, stage: i18n.t(`plan.stage.${plan.stage}`) })}</strong>
                  <Lozenge tone={PLAN_TONE[plan.status] ?? 'neutral'}>{i18n.t(`plan.status.${plan.status}`)}</Lozenge>
                </div>
                <Meta by={plan} />
                <p className="record__text">{plan.text}</p>
                {plan.decision && (
                  <div className={`record__decision record__decision--${plan.status}`}>
                    {i18n.t('records.plan.decided', {
                      decision: i18n.t(`plan.status.${plan.status}`),
                      who: personName(view, i18n, plan.decision.actor),
                      date: i18n.dateTime(plan.decision.at),
                    })}
                    {plan.decision.note && <p className="record__text">{plan.decision.note}</p>}
                  </div>
                )}
                {writable && actingParty === 'contractor' && plan.status === 'draft' && (
                  <button
                    type="button"
                    className="button button--primary button--small"
                    disabled={!idle}
                    data-testid={`record-action-plan-submit-${plan.version}`}
                    onClick={() => void run('submitActionPlan', { planVersion: plan.version })}
                  >
                    {i18n.t('records.plan.submit')}
                  </button>
                )}
                {writable && actingParty === 'client' && plan.status === 'submitted' && (
                  <ApprovalDecision
                    testId={`plan-decide-${plan.version}`}
                    labels={{ approve: i18n.t('approval.approve'), sendBack: i18n.t('approval.sendBack') }}
                    disabled={!idle}
                    renderForm={(choice, close) => (
                      <InlineForm
                        testId={`record-form-plan-decide-${plan.version}`}
                        fields={[
                          choice === 'approve'
                            ? { name: 'comment', label: 'approval.note', kind: 'textarea' }
                            : { name: 'comment', label: 'approval.reason', kind: 'textarea', required: true },
                        ]}
                        submitLabel={i18n.t(choice === 'approve' ? 'records.plan.approveSubmit' : 'records.plan.sendBackSubmit', {
                          version: plan.version,
                        })}
                        onSubmit={(v) =>
                          run('decideActionPlan', {
                            planVersion: plan.version,
                            decision: choice === 'approve' ? 'approve' : 'request-changes',
                            ...(v.comment ? { comment: v.comment } : {}),
                          })
                        }
                        onDone={close}
                      />
                    )}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Block>

      <Block
        title={i18n.t('records.rootCause')}
        testId="records-root-cause"
        actions={writable && opener('root-cause', 'records.rootCause.add')}
      >
        {formFor('root-cause')}
        {records.rootCauses.length === 0 ? (
          <p className="muted">{i18n.t('records.rootCause.none')}</p>
        ) : (
          <ul className="records">
            {[...records.rootCauses].reverse().map((entry) => (
              <li key={entry.seq} className="record">
                <Meta by={entry} />
                <p className="record__text">{entry.text}</p>
              </li>
            ))}
          </ul>
        )}
      </Block>

      <Block
        title={i18n.t('records.measures')}
        testId="records-measures"
        actions={writable && opener('measure-add', 'records.measures.add')}
      >
        {formFor('measure-add')}
        {records.preventiveMeasures.length === 0 ? (
          <p className="muted">{i18n.t('records.measures.none')}</p>
        ) : (
          <ul className="records">
            {records.preventiveMeasures.map((measure) => (
              <li key={measure.measureId} className="record" data-testid={`measure-${measure.measureId}`}>
                <div className="record__head">
                  <span className="ob-id">{measure.measureId}</span>
                  <span className="muted">
                    {i18n.t('records.owner')}: {partyLabel(i18n, measure.owner)}
                  </span>
                  <Lozenge tone={measure.done ? 'success' : 'neutral'}>
                    {i18n.t(measure.done ? 'records.measures.isDone' : 'records.measures.open')}
                  </Lozenge>
                </div>
                <p className="record__text">{measure.text}</p>
                <Meta by={measure} />
                {measure.done && (
                  <div className="record__decision record__decision--approved">
                    {i18n.t('records.measures.doneBy', {
                      who: personName(view, i18n, measure.done.actor),
                      date: i18n.dateTime(measure.done.at),
                    })}
                    <p className="record__text">{measure.done.note}</p>
                  </div>
                )}
                {writable &&
                  !measure.done &&
                  (measure.owner === 'both' || measure.owner === actingParty) &&
                  opener(`measure-done-${measure.measureId}`, 'records.measures.done')}
                {formFor(`measure-done-${measure.measureId}`)}
              </li>
            ))}
          </ul>
        )}
      </Block>

      {(escalation.level >= 2 || records.meetings.length > 0) && (
        <Block
          title={i18n.t('records.meetings')}
          testId="records-meetings"
          actions={writable && escalation.allowed.proposeMeeting.ok && opener('meeting-propose', 'records.meetings.propose')}
        >
          {formFor('meeting-propose')}
          {records.meetings.length === 0 ? (
            <p className="muted">{i18n.t('records.meetings.none')}</p>
          ) : (
            <ul className="records">
              {[...records.meetings].reverse().map((meeting) => (
                <li key={meeting.meetingId} className="record" data-testid={`meeting-${meeting.meetingId}`}>
                  <div className="record__head">
                    <span className="ob-id">{meeting.meetingId}</span>
                    <strong>{meeting.subject}</strong>
                    <Lozenge tone={!meeting.answer ? 'info' : meeting.answer.decision === 'confirmed' ? 'success' : 'danger'}>
                      {!meeting.answer
                        ? i18n.t('records.meetings.awaiting')
                        : meeting.answer.decision === 'confirmed'
                          ? i18n.t('records.meetings.confirmedOn', { date: i18n.dateTime(meeting.answer.startsAt) })
                          : i18n.t('records.meetings.declined')}
                    </Lozenge>
                  </div>
                  <div className="muted">
                    {i18n.t('records.meetings.candidates')}: {meeting.candidates.map((at) => i18n.dateTime(at)).join(' · ')}
                  </div>
                  {meeting.note && <p className="record__text">{meeting.note}</p>}
                  <Meta by={meeting} />
                  {meeting.answer && (
                    <div
                      className={`record__decision record__decision--${meeting.answer.decision === 'confirmed' ? 'approved' : 'changes-requested'}`}
                    >
                      <Meta by={meeting.answer} />
                      {meeting.answer.decision === 'declined' && <p className="record__text">{meeting.answer.reason}</p>}
                      {meeting.answer.decision === 'confirmed' && meeting.answer.note && (
                        <p className="record__text">{meeting.answer.note}</p>
                      )}
                    </div>
                  )}
                  {writable &&
                    !meeting.answer &&
                    actingParty !== null &&
                    actingParty !== meeting.actor.party &&
                    opener(`meeting-answer-${meeting.meetingId}`, 'records.meetings.answer', true)}
                  {formFor(`meeting-answer-${meeting.meetingId}`)}
                </li>
              ))}
            </ul>
          )}
        </Block>
      )}

      {showArbitration && (
        <Block
          title={i18n.t('records.arbitration')}
          testId="records-arbitration"
          actions={
            writable && actingParty === 'contractor' && escalation.level >= 3 && opener('arbitrator-propose', 'records.arbitrators.propose')
          }
        >
          {formFor('arbitrator-propose')}
          <h5>{i18n.t('records.arbitrators')}</h5>
          {records.arbitrators.length === 0 ? (
            <p className="muted">{i18n.t('records.arbitrators.none')}</p>
          ) : (
            <ul className="records">
              {records.arbitrators.map((proposal) => (
                <li key={proposal.proposalId} className="record" data-testid={`arbitrator-${proposal.proposalId}`}>
                  <div className="record__head">
                    <span className="ob-id">{proposal.proposalId}</span>
                    <strong>{proposal.name}</strong>
                    {proposal.organisation && <span className="muted">{proposal.organisation}</span>}
                    <Lozenge tone={proposal.decision ? (proposal.decision.decision === 'approved' ? 'success' : 'danger') : 'neutral'}>
                      {proposal.decision
                        ? i18n.t(`records.decision.${proposal.decision.decision}`)
                        : i18n.t('records.arbitrators.undecided')}
                    </Lozenge>
                  </div>
                  {proposal.note && <p className="record__text">{proposal.note}</p>}
                  <Meta by={proposal} />
                  {proposal.decision?.note && <p className="record__text">{proposal.decision.note}</p>}
                  {writable &&
                    actingParty === 'client' &&
                    !proposal.decision &&
                    opener(`arbitrator-decide-${proposal.proposalId}`, 'records.arbitrators.decide', true)}
                  {formFor(`arbitrator-decide-${proposal.proposalId}`)}
                </li>
              ))}
            </ul>
          )}
          {reachedArbitration && (
            <>
              <div className="records-block__head">
                <h5>{i18n.t('records.sessions')}</h5>
                {writable && opener('session-add', 'records.sessions.add')}
              </div>
              {formFor('session-add')}
              {records.arbitrationSessions.length === 0 ? (
                <p className="muted">{i18n.t('records.sessions.none')}</p>
              ) : (
                <ul className="records">
                  {records.arbitrationSessions.map((session) => (
                    <li key={session.seq} className="record">
                      <div className="record__head">
                        <strong>{i18n.date(session.heldOn)}</strong>
                      </div>
                      <p className="record__text">{session.summary}</p>
                      <Meta by={session} />
                    </li>
                  ))}
                </ul>
              )}
              <div className="records-block__head">
                <h5>{i18n.t('records.outcome')}</h5>
                {writable && !records.arbitrationOutcome && opener('outcome', 'records.outcome.add')}
              </div>
              {formFor('outcome')}
              {records.arbitrationOutcome && (
                <div className="record">
                  <p className="record__text">{records.arbitrationOutcome.outcome}</p>
                  <Meta by={records.arbitrationOutcome} />
                </div>
              )}
            </>
          )}
        </Block>
      )}
    </section>
  );
}
