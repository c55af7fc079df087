import { z } from 'zod';
import type { EscalationPolicy } from '../configuration/escalation-policy';
import type { EscalationEvent } from '../escalation/escalation-event';
import { fairTime } from '../escalation/fair-time';
import { fulfilmentOf } from '../escalation/obligation-fulfilment';
import type { EscalationState } from '../escalation/escalation-state';
import { LEVELS, PARTIES, TRIGGER_IDS } from '../process/process-vocabulary';
import type { ProcessTemplate } from '../process/process-template';

/**
 * One escalation as the revision analytics need it: a small document re-derived from the log on every
 * append (the log stays the truth), so a year's figures read one document per escalation instead of
 * replaying every event of every escalation.
 */
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const iso = z.string();
const partyOrBoth = z.enum(['contractor', 'client', 'both']);

export const escalationSummarySchema = z.object({
  v: z.literal(1),
  issueId: z.string(),
  issueKey: z.string(),
  projectKey: z.string(),
  template: z.object({ id: z.string(), version: z.number() }),
  trigger: z.enum(TRIGGER_IDS),
  status: z.enum(['open', 'resolved', 'closed']),
  startedAt: iso,
  detectedAt: iso,
  clientNotifiedAt: iso.optional(),
  /** When the work ended (resolved, or closed without a resolution); absent while open. */
  endedAt: iso.optional(),
  maxLevel: level,
  levels: z.array(z.object({ level, enteredAt: iso, leftAt: iso.optional() })),
  /** Deadlines that ran out (deadline-notice `missed`), once per deadline. */
  missed: z.array(z.object({ party: partyOrBoth, timeFrame: z.string(), obligationId: z.string().optional(), dueAt: iso })),
  /** Deadlines met: fulfilled obligations with a one-off deadline, and level time frames left in time. */
  met: z.array(z.object({ party: partyOrBoth, timeFrame: z.string(), obligationId: z.string().optional() })),
  /** Obligations of the sections the escalation went through that were still open when it ended. */
  leftOpen: z.array(z.object({ id: z.string(), party: z.enum(PARTIES), mandatory: z.boolean() })),
  rootCauses: z.array(z.string()),
  /** The latest action plan version, if any. */
  actionPlan: z.object({ version: z.number(), status: z.enum(['draft', 'submitted', 'approved', 'changes-requested']) }).optional(),
  openMeasures: z.array(z.object({ measureId: z.string(), text: z.string(), owner: partyOrBoth })),
  measures: z.number(),
  /**
   * Fair time: spans in which one party waited on an overdue duty of the other (see fair-time.ts), up to the
   * end or, while open, the last recorded event; `to` absent: still waiting then (counted on to the look).
   * Absent in summaries written before it was counted or without the project's policy.
   */
  waits: z.array(z.object({ waitingFor: z.enum(PARTIES), from: iso, to: iso.optional() })).optional(),
  lastSeq: z.number(),
});
export type EscalationSummary = z.infer<typeof escalationSummarySchema>;

export const SUMMARY_LEVELS = LEVELS;

/**
 * The summary of one escalation from its derived state and log.
 *
 * @example
 * summarizeEscalation({ state, log, template, issue: { id: '10001', key: 'DEMO-1', projectKey: 'DEMO' } }).maxLevel // 2
 */
export function summarizeEscalation(input: {
  state: EscalationState;
  log: readonly EscalationEvent[];
  template: ProcessTemplate;
  issue: { id: string; key: string; projectKey: string };
  /** The project's policy: with it the summary records who waited for whom. */
  policy?: EscalationPolicy;
}): EscalationSummary {
  const { state, log, template, issue, policy } = input;
  const missed = new Map<string, EscalationSummary['missed'][number]>();
  for (const event of log) {
    if (event.type === 'deadline-notice' && event.notice === 'missed' && !missed.has(event.deadlineKey)) {
      missed.set(event.deadlineKey, {
        party: event.party,
        timeFrame: event.timeFrame,
        dueAt: event.dueAt,
        ...(event.obligationId ? { obligationId: event.obligationId } : {}),
      });
    }
  }
  const missedObligations = new Set([...missed.values()].flatMap((m) => (m.obligationId ? [m.obligationId] : [])));
  const missedLevelKeys = new Set([...missed.keys()].filter((k) => k.startsWith('level-')));
  const ended = state.status !== 'open';
  const endedAt = ended ? (state.resolvedAt ?? state.closedAt) : undefined;

  const met: EscalationSummary['met'] = [];
  for (const o of template.obligations) {
    if (!o.deadline || o.deadline.recurring || o.retired || missedObligations.has(o.id)) continue;
    // A clock that never ran (a non-critical problem's two hours) was neither met nor missed.
    if (o.deadline.onlyIfCritical && !state.critical) continue;
    const done = fulfilmentOf(template, state, o) !== undefined;
    if (done) met.push({ party: o.party, timeFrame: o.deadline.timeFrame, obligationId: o.id });
  }
  for (const stay of state.levelHistory) {
    const left = stay.leftAt ?? endedAt;
    if (left && stay.level < 4 && !missedLevelKeys.has(`level-${stay.level}@${stay.enteredAt}`))
      met.push({ party: 'both', timeFrame: 'levelTimeFrame' });
  }

  const visited = new Set(state.levelHistory.map((s) => template.levels.find((l) => l.level === s.level)?.section));
  for (const s of template.sections) if (s.scope === 'cross-cutting') visited.add(s.id);
  const leftOpen = ended
    ? template.obligations
        .filter((o) => !o.retired && visited.has(o.section) && !fulfilmentOf(template, state, o))
        .map((o) => ({ id: o.id, party: o.party, mandatory: o.mandatoryToLeaveStage }))
    : [];

  const plan = state.actionPlans[state.actionPlans.length - 1];
  const lookedAt = endedAt ?? log[log.length - 1]?.at ?? state.startedAt;
  // A wait still running at the last event has no end yet: the analytics count it on to their look.
  const waits = policy
    ? fairTime({ state, template, policy, until: lookedAt }).waits.map((w) => ({
        waitingFor: w.waitingFor,
        from: w.from,
        ...(!endedAt && w.open ? {} : { to: w.to }),
      }))
    : undefined;
  return {
    v: 1,
    issueId: issue.id,
    issueKey: issue.key,
    projectKey: issue.projectKey,
    template: { id: state.template.id, version: state.template.version },
    trigger: state.trigger,
    status: state.status,
    startedAt: state.startedAt,
    detectedAt: state.detectedAt,
    ...(state.clientNotifiedAt ? { clientNotifiedAt: state.clientNotifiedAt } : {}),
    ...(endedAt ? { endedAt } : {}),
    maxLevel: state.levelHistory.reduce((max, s) => (s.level > max ? s.level : max), state.level),
    levels: state.levelHistory.map((s) => ({ level: s.level, enteredAt: s.enteredAt, ...(s.leftAt ? { leftAt: s.leftAt } : {}) })),
    missed: [...missed.values()],
    met,
    leftOpen,
    // Root causes are free text; the analytics group them by their normalised wording.
    rootCauses: state.rootCauses.map((r) => r.text.slice(0, 500)),
    ...(plan ? { actionPlan: { version: plan.version, status: plan.status } } : {}),
    openMeasures: state.preventiveMeasures
      .filter((m) => !m.done)
      .map((m) => ({ measureId: m.measureId, text: m.text.slice(0, 500), owner: m.owner })),
    measures: state.preventiveMeasures.length,
    ...(waits ? { waits } : {}),
    lastSeq: state.lastSeq,
  };
}
