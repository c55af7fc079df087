import type { EscalationPolicy } from '../configuration/escalation-policy';
import { resolveTimeFrame } from '../configuration/escalation-policy';
import type { DeadlineRule, EvidenceKind, Level, Party, ProcessTemplate } from '../process/process-template';
import type { Deadline, DeadlineState } from './escalation-deadlines';
import type { ChangeProposal, EscalationState } from './escalation-state';
import { fulfilmentOf, fulfilmentRuleOf, isWorkable } from './obligation-fulfilment';
import { activeSections, sectionForLevel } from './stage-guards';

/**
 * What one party must do now, most pressing first: decisions waiting for it (a proposal of the other party,
 * a submitted action plan or report), then its open obligations with a running clock (soonest due first),
 * then the mandatory ones of the current level without a clock. Derived from the log; time passed in.
 */
export type NextStep =
  | { readonly kind: 'answer-proposal'; readonly change: ChangeProposal['change']; readonly proposalSeq: number; readonly since: string }
  | { readonly kind: 'decide-action-plan'; readonly version: number; readonly stage: 'preliminary' | 'detailed'; readonly since: string }
  | { readonly kind: 'revise-action-plan'; readonly version: number; readonly stage: 'preliminary' | 'detailed'; readonly since: string }
  | { readonly kind: 'decide-report'; readonly version: number; readonly since: string }
  | { readonly kind: 'revise-report'; readonly version: number; readonly since: string }
  | {
      readonly kind: 'obligation';
      readonly obligationId: string;
      readonly mandatory: boolean;
      /** The running clock of the obligation, if it has one. */
      readonly dueAt?: string;
      readonly state?: DeadlineState;
      /** Fulfilled by which records (empty: a tick with a note). */
      readonly records: readonly EvidenceKind[];
    };

/** What happens when the current level's agreed time frame runs out, unless the escalation moves first. */
export interface LevelOutcome {
  readonly dueAt: string;
  readonly state: DeadlineState;
  /** `escalate`: the next level starts by itself; `notify`: both parties are told; at level 3 conciliation is proposed. */
  readonly outcome: 'escalate' | 'notify' | 'propose-conciliation';
  readonly nextLevel?: Level;
}

export interface NextSteps {
  readonly contractor: readonly NextStep[];
  readonly client: readonly NextStep[];
  readonly levelOutcome?: LevelOutcome;
}

/** Records that a decision step already stands for: their obligations are not listed a second time. */
const DECISION_RECORDS: Readonly<Record<'plan' | 'report', readonly EvidenceKind[]>> = {
  plan: ['preliminary-plan-decided', 'detailed-plan-decided', 'detailed-plan-approved'],
  report: ['report-approved'],
};

const other = (party: Party): Party => (party === 'contractor' ? 'client' : 'contractor');

export function nextSteps(input: {
  readonly state: EscalationState;
  readonly template: ProcessTemplate;
  readonly policy: EscalationPolicy;
  readonly deadlines: readonly Deadline[];
}): NextSteps {
  const { state, template, policy, deadlines } = input;
  const steps: Record<Party, NextStep[]> = { contractor: [], client: [] };
  const covered: Record<Party, Set<EvidenceKind>> = { contractor: new Set(), client: new Set() };

  if (state.status === 'open' && state.proposal && state.proposal.actor.party !== 'system') {
    const answering = other(state.proposal.actor.party);
    steps[answering].push({
      kind: 'answer-proposal',
      change: state.proposal.change,
      proposalSeq: state.proposal.seq,
      since: state.proposal.at,
    });
  }
  const plan = state.actionPlans[state.actionPlans.length - 1];
  if (state.status === 'open' && plan?.status === 'submitted') {
    const submittedAt = [...state.evidence].reverse().find((e) => e.kind === `${plan.stage}-plan-submitted`)?.at ?? plan.at;
    steps.client.push({ kind: 'decide-action-plan', version: plan.version, stage: plan.stage, since: submittedAt });
    DECISION_RECORDS.plan.forEach((r) => covered.client.add(r));
  }
  if (state.status === 'open' && plan?.status === 'changes-requested') {
    steps.contractor.push({ kind: 'revise-action-plan', version: plan.version, stage: plan.stage, since: plan.decision?.at ?? plan.at });
  }
  const report = state.reports[state.reports.length - 1];
  if (report?.status === 'submitted') {
    steps.client.push({ kind: 'decide-report', version: report.version, since: report.at });
    DECISION_RECORDS.report.forEach((r) => covered.client.add(r));
  }
  if (report?.status === 'changes-requested') {
    steps.contractor.push({ kind: 'revise-report', version: report.version, since: report.decision?.at ?? report.at });
  }

  if (state.status !== 'closed') {
    const current = sectionForLevel(template, state.level);
    const sections = new Set(activeSections(template, state));
    const clocks = new Map(deadlines.filter((d) => d.obligationId).map((d) => [d.obligationId!, d]));
    const obligationSteps: Record<Party, { step: NextStep; order: string }[]> = { contractor: [], client: [] };
    for (const o of template.obligations) {
      if (!sections.has(o.section) || !isWorkable(template, state, o) || fulfilmentOf(template, state, o)) continue;
      const clock = clocks.get(o.id);
      // After resolving only the documentation duties remain to be done (the report, the debrief).
      const relevant =
        state.status === 'open'
          ? clock || (o.mandatoryToLeaveStage && o.section === current)
          : o.section === 'documentation' && o.mandatoryToLeaveStage;
      if (!relevant) continue;
      const records = fulfilmentRuleOf(o).records.map((r) => r.record);
      if (records.length > 0 && records.every((r) => covered[o.party].has(r))) continue;
      obligationSteps[o.party].push({
        step: {
          kind: 'obligation',
          obligationId: o.id,
          mandatory: o.mandatoryToLeaveStage,
          records,
          ...(clock ? { dueAt: clock.dueAt, state: clock.state } : {}),
        },
        // Clocked first (soonest due), then the rest in pair order.
        order: clock ? `0|${clock.dueAt}` : `1|${String(o.pairIndex).padStart(2, '0')}`,
      });
    }
    for (const party of ['contractor', 'client'] as const) {
      obligationSteps[party].sort((a, b) => a.order.localeCompare(b.order)).forEach((s) => steps[party].push(s.step));
    }
  }

  const level = deadlines.find((d) => d.timeFrame === 'levelTimeFrame' && !d.obligationId);
  const outcome: LevelOutcome['outcome'] =
    state.level >= 3 ? 'propose-conciliation' : policy.onLevelTimeFrameExpired === 'escalate' ? 'escalate' : 'notify';
  return {
    contractor: steps.contractor,
    client: steps.client,
    ...(level && state.status === 'open'
      ? {
          levelOutcome: {
            dueAt: level.dueAt,
            state: level.state,
            outcome,
            ...(outcome === 'escalate' ? { nextLevel: (state.level + 1) as Level } : {}),
          },
        }
      : {}),
  };
}

/** How a clock counts and why it started: the frame's calendar (or the obligation's own) and its anchor. */
export interface ClockExplanation {
  readonly counting: 'business' | 'continuous';
  readonly from: DeadlineRule['from'];
}

export function explainClock(input: {
  readonly deadline: Pick<Deadline, 'timeFrame' | 'obligationId'>;
  readonly state: Pick<EscalationState, 'level'>;
  readonly template: ProcessTemplate;
  readonly policy: EscalationPolicy;
}): ClockExplanation {
  const { deadline, state, template, policy } = input;
  const rule = deadline.obligationId ? template.obligations.find((o) => o.id === deadline.obligationId)?.deadline : undefined;
  const frame = resolveTimeFrame(template, policy, deadline.timeFrame, state.level);
  const counting = rule?.calendar ?? frame?.calendar ?? 'business';
  // A 24/7 project calendar makes every frame run round the clock.
  return { counting: policy.calendar.mode === '24x7' ? 'continuous' : counting, from: rule?.from ?? 'levelEntered' };
}
