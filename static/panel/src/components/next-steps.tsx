import type { EscalationView } from '../../../../src/shared/escalation-panel-view';
import type { NextStep, Party } from '../../../../src/shared/vocabulary';
import { useI18n, type I18n } from '../i18n/i18n';
import { deadlineStateAt, remainingText } from './deadline-list';
import { DEADLINE_TONE, Lozenge } from './lozenge';
import { usePanelContext } from './panel-context';
import { obligationTextOf, partyInline, partyLabel } from './view-helpers';

/** How many steps the box lists before pointing to the checklist for the rest. */
const SHOWN = 5;

/** "Thu, 26 Nov, 09:00": a deadline a reader can place in the week at a glance. */
export function weekdayTime(i18n: I18n, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.tag, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: i18n.timeZone,
  }).format(date);
}

/** Where each step's action is: the element the button brings into view and focuses. */
function targetOf(step: NextStep): string | null {
  switch (step.kind) {
    case 'answer-proposal':
      return '[data-testid="proposal"]';
    case 'decide-action-plan':
    case 'revise-action-plan':
      return `[data-testid="plan-${step.version}"]`;
    case 'obligation':
      return `[data-testid="obligation-${step.obligationId}"]`;
    default:
      return null; // the report steps open the report tab
  }
}

/** Brings the place where the step is done into view and puts the keyboard focus on its first control. */
export function goTo(selector: string): void {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  const control = element.querySelector<HTMLElement>('button:not([disabled]), textarea, input, select, a[href]');
  (control ?? element).focus({ preventScroll: true });
}

function StepText({ step, escalation }: { readonly step: NextStep; readonly escalation: EscalationView }) {
  const i18n = useI18n();
  const { view } = usePanelContext();
  switch (step.kind) {
    case 'answer-proposal':
      return <>{i18n.t('nextSteps.step.answer-proposal', { change: i18n.t(`proposal.change.${step.change}`) })}</>;
    case 'decide-action-plan':
    case 'revise-action-plan':
      return <>{i18n.t(`nextSteps.step.${step.kind}`, { version: step.version, stage: i18n.t(`plan.stage.${step.stage}`) })}</>;
    case 'decide-report':
    case 'revise-report':
      return <>{i18n.t(`nextSteps.step.${step.kind}`, { version: step.version })}</>;
    case 'obligation': {
      const text = obligationTextOf(view, step.obligationId) ?? escalation.obligationTexts[step.obligationId];
      return <>{i18n.t('nextSteps.step.obligation', { id: step.obligationId, text: text ? i18n.text(text) : '' })}</>;
    }
  }
}

function StepWhen({ step }: { readonly step: NextStep }) {
  const i18n = useI18n();
  const { nowMs } = usePanelContext();
  if (step.kind === 'obligation') {
    if (!step.dueAt) return null;
    const state = deadlineStateAt({ dueAt: step.dueAt, warnAt: step.dueAt, state: step.state ?? 'ok' }, nowMs);
    return (
      <span className="next-step__when">
        <Lozenge tone={DEADLINE_TONE[state]}>{i18n.t(`deadlines.state.${state}`)}</Lozenge>{' '}
        {i18n.t('nextSteps.by', { date: weekdayTime(i18n, step.dueAt) })} · {remainingText(i18n, step.dueAt, nowMs)}
      </span>
    );
  }
  return <span className="next-step__when">{i18n.t('nextSteps.since', { date: weekdayTime(i18n, step.since) })}</span>;
}

/** One step with its one action: done here where it is one click, else the button takes the reader to it. */
function StepAction({ step, party, onOpenReport }: { readonly step: NextStep; readonly party: Party; readonly onOpenReport: () => void }) {
  const i18n = useI18n();
  const { run, busy, blocked, actingParty, view } = usePanelContext();
  if (actingParty !== party) return null;
  const acknowledge =
    step.kind === 'obligation' && step.records.includes('notice-acknowledged') && view.escalation?.allowed.acknowledgeNotice.ok;
  if (acknowledge) {
    return (
      <button
        type="button"
        className="button button--primary button--small"
        disabled={busy !== null || blocked !== null}
        onClick={() => void run('acknowledgeNotice', {})}
        data-testid="next-step-acknowledge"
      >
        {i18n.t('actions.acknowledgeNotice.submit')}
      </button>
    );
  }
  const target = targetOf(step);
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => (target ? goTo(target) : onOpenReport())}
      data-testid={`next-step-go-${step.kind}`}
    >
      {i18n.t('nextSteps.open')}
    </button>
  );
}

function StepList({
  party,
  escalation,
  onOpenReport,
}: {
  readonly party: Party;
  readonly escalation: EscalationView;
  readonly onOpenReport: () => void;
}) {
  const i18n = useI18n();
  const steps = escalation.nextSteps[party];
  if (steps.length === 0) return <p className="muted">{i18n.t('nextSteps.none')}</p>;
  return (
    <>
      <ol className="next-steps__list">
        {steps.slice(0, SHOWN).map((step) => (
          <li
            key={step.kind === 'obligation' ? step.obligationId : `${step.kind}-${step.since}`}
            className="next-step"
            data-testid={`next-step-${step.kind}`}
          >
            <div className="next-step__what">
              <StepText step={step} escalation={escalation} />
            </div>
            <div className="next-step__row">
              <StepWhen step={step} />
              <StepAction step={step} party={party} onOpenReport={onOpenReport} />
            </div>
          </li>
        ))}
      </ol>
      {steps.length > SHOWN && (
        <button type="button" className="button button--subtle button--small" onClick={() => goTo('[data-testid="obligation-checklist"]')}>
          {i18n.t('nextSteps.more', { count: steps.length - SHOWN })}
        </button>
      )}
    </>
  );
}

/** What happens when the level's time frame runs out, on which day and hour. */
function LevelOutcomeLine({ escalation }: { readonly escalation: EscalationView }) {
  const i18n = useI18n();
  const { nowMs } = usePanelContext();
  const outcome = escalation.nextSteps.levelOutcome;
  if (!outcome) return null;
  const date = weekdayTime(i18n, outcome.dueAt);
  const text =
    nowMs >= Date.parse(outcome.dueAt) && outcome.state !== 'paused'
      ? i18n.t('nextSteps.outcome.overdue', { date })
      : i18n.t(`nextSteps.outcome.${outcome.outcome}`, { date, level: outcome.nextLevel ?? escalation.level });
  return (
    <p className="next-steps__outcome" data-testid="next-steps-outcome">
      {text}
    </p>
  );
}

/**
 * The top of the panel: for the person looking, what they must do, by when, and what happens if nobody
 * acts; for a reader outside both parties, what each party must do.
 */
export function NextSteps({ escalation, onOpenReport }: { readonly escalation: EscalationView; readonly onOpenReport: () => void }) {
  const i18n = useI18n();
  const { actingParty, view } = usePanelContext();
  const party = actingParty ?? view.viewer.party;
  const parties: readonly Party[] = party ? [party] : ['contractor', 'client'];
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title" data-testid="next-steps" aria-live="polite">
      <h3 id="next-steps-title" className="card__title">
        {!party
          ? i18n.t('nextSteps.titleBoth')
          : party === view.viewer.party
            ? i18n.t('nextSteps.title')
            : i18n.t('nextSteps.titleFor', { party: partyInline(i18n, party) })}
      </h3>
      {parties.map((p) => (
        <div key={p} className="next-steps__party" data-testid={`next-steps-${p}`}>
          {parties.length > 1 && <h4 className="next-steps__party-title">{partyLabel(i18n, p)}</h4>}
          <StepList party={p} escalation={escalation} onOpenReport={onOpenReport} />
        </div>
      ))}
      {party && escalation.nextSteps[party === 'contractor' ? 'client' : 'contractor'].length > 0 && (
        <p className="muted" data-testid="next-steps-waiting">
          {i18n.t('nextSteps.waitingFor', {
            party: partyInline(i18n, party === 'contractor' ? 'client' : 'contractor'),
            count: escalation.nextSteps[party === 'contractor' ? 'client' : 'contractor'].length,
          })}
        </p>
      )}
      <LevelOutcomeLine escalation={escalation} />
    </section>
  );
}
