import type { Actor, EventOf, NewEscalationEvent } from './escalation-event';
import type { CommandContext } from './escalation-commands';
import type { EscalationState } from './escalation-state';
import { accept, reject, type Decision } from './escalation-rejection';

/**
 * The working records the annex asks for: the action plan (preliminary, then detailed; drafted by the
 * contractor, approved or sent back by the client, in versions), root-cause analysis and preventive
 * measures, and at level 4 the arbitrators proposed and approved and the sessions held.
 */
type New<T extends NewEscalationEvent['type']> = Omit<EventOf<T>, 'seq'>;
const stamp = (ctx: CommandContext) => ({ at: ctx.now.toISOString(), actor: ctx.actor });

function requireWorkable(
  state: EscalationState | undefined,
  ctx: CommandContext,
  party?: 'contractor' | 'client',
): Decision<EscalationState> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'closed') return reject('closed', 'The escalation is closed.');
  const actorParty: Actor['party'] = ctx.actor.party;
  if (actorParty === 'system') return reject('system-not-allowed', 'Only a person of a party may do this.');
  if (party && actorParty !== party) return reject('wrong-party', `This is the ${party}'s to do.`, { awaitedParty: party });
  return accept(state);
}

export function draftActionPlan(
  state: EscalationState | undefined,
  input: { readonly stage: 'preliminary' | 'detailed'; readonly text: string },
  ctx: CommandContext,
): Decision<New<'action-plan-drafted'>> {
  const ok = requireWorkable(state, ctx, 'contractor');
  if (!ok.ok) return ok;
  if (ok.value.status !== 'open') return reject('not-open', 'The escalation is resolved; reopen it first.');
  const planVersion = ok.value.actionPlans.length + 1;
  return accept({ type: 'action-plan-drafted', ...stamp(ctx), planVersion, stage: input.stage, text: input.text });
}

function planWithStatus(state: EscalationState, planVersion: number, status: 'draft' | 'submitted') {
  const plan = state.actionPlans.find((p) => p.version === planVersion);
  if (!plan) return reject('unknown-record', `Action plan version ${planVersion} does not exist.`);
  if (plan.status !== status) return reject('record-state', `Action plan version ${planVersion} is ${plan.status}, not ${status}.`);
  return accept(plan);
}

export function submitActionPlan(
  state: EscalationState | undefined,
  input: { readonly planVersion: number },
  ctx: CommandContext,
): Decision<New<'action-plan-submitted'>> {
  const ok = requireWorkable(state, ctx, 'contractor');
  if (!ok.ok) return ok;
  const plan = planWithStatus(ok.value, input.planVersion, 'draft');
  if (!plan.ok) return plan;
  return accept({ type: 'action-plan-submitted', ...stamp(ctx), planVersion: input.planVersion });
}

export function decideActionPlan(
  state: EscalationState | undefined,
  input: { readonly planVersion: number; readonly decision: 'approve' | 'request-changes'; readonly comment?: string },
  ctx: CommandContext,
): Decision<New<'action-plan-approved'> | New<'action-plan-changes-requested'>> {
  const ok = requireWorkable(state, ctx, 'client');
  if (!ok.ok) return ok;
  const plan = planWithStatus(ok.value, input.planVersion, 'submitted');
  if (!plan.ok) return plan;
  if (input.decision === 'approve') {
    return accept({
      type: 'action-plan-approved',
      ...stamp(ctx),
      planVersion: input.planVersion,
      ...(input.comment ? { note: input.comment } : {}),
    });
  }
  if (!input.comment) return reject('comment-required', 'Say what should change in the action plan.');
  return accept({ type: 'action-plan-changes-requested', ...stamp(ctx), planVersion: input.planVersion, comment: input.comment });
}

export function recordRootCause(
  state: EscalationState | undefined,
  input: { readonly text: string },
  ctx: CommandContext,
): Decision<New<'root-cause-recorded'>> {
  const ok = requireWorkable(state, ctx);
  if (!ok.ok) return ok;
  return accept({ type: 'root-cause-recorded', ...stamp(ctx), text: input.text });
}

export function recordPreventiveMeasure(
  state: EscalationState | undefined,
  input: { readonly text: string; readonly owner: 'contractor' | 'client' | 'both' },
  ctx: CommandContext,
): Decision<New<'preventive-measure-recorded'>> {
  const ok = requireWorkable(state, ctx);
  if (!ok.ok) return ok;
  return accept({
    type: 'preventive-measure-recorded',
    ...stamp(ctx),
    measureId: `M${ok.value.preventiveMeasures.length + 1}`,
    text: input.text,
    owner: input.owner,
  });
}

export function completePreventiveMeasure(
  state: EscalationState | undefined,
  input: { readonly measureId: string; readonly note: string },
  ctx: CommandContext,
): Decision<New<'preventive-measure-done'>> {
  const ok = requireWorkable(state, ctx);
  if (!ok.ok) return ok;
  const measure = ok.value.preventiveMeasures.find((m) => m.measureId === input.measureId);
  if (!measure) return reject('unknown-record', `Preventive measure ${input.measureId} does not exist.`);
  if (measure.done) return reject('record-state', `Preventive measure ${input.measureId} is already done.`);
  if (measure.owner !== 'both' && measure.owner !== ctx.actor.party) {
    return reject('wrong-party', `Preventive measure ${input.measureId} is the ${measure.owner}'s.`, { awaitedParty: measure.owner });
  }
  return accept({ type: 'preventive-measure-done', ...stamp(ctx), measureId: input.measureId, note: input.note });
}

/** Conciliators may be prepared from level 3 on ("sollte eine externe Schlichtung erforderlich werden"). */
export function proposeArbitrator(
  state: EscalationState | undefined,
  input: { readonly name: string; readonly organisation?: string; readonly note?: string },
  ctx: CommandContext,
): Decision<New<'arbitrator-proposed'>> {
  const ok = requireWorkable(state, ctx, 'contractor');
  if (!ok.ok) return ok;
  if (ok.value.level < 3) return reject('not-at-level-3', 'Conciliators are proposed from level 3 on.');
  return accept({
    type: 'arbitrator-proposed',
    ...stamp(ctx),
    proposalId: `A${ok.value.arbitrators.length + 1}`,
    name: input.name,
    ...(input.organisation ? { organisation: input.organisation } : {}),
    ...(input.note ? { note: input.note } : {}),
  });
}

export function decideArbitrator(
  state: EscalationState | undefined,
  input: { readonly proposalId: string; readonly decision: 'approved' | 'rejected'; readonly note?: string },
  ctx: CommandContext,
): Decision<New<'arbitrator-decided'>> {
  const ok = requireWorkable(state, ctx, 'client');
  if (!ok.ok) return ok;
  const proposal = ok.value.arbitrators.find((a) => a.proposalId === input.proposalId);
  if (!proposal) return reject('unknown-record', `Conciliator proposal ${input.proposalId} does not exist.`);
  if (proposal.decision) return reject('record-state', `Conciliator proposal ${input.proposalId} is already decided.`);
  return accept({
    type: 'arbitrator-decided',
    ...stamp(ctx),
    proposalId: input.proposalId,
    decision: input.decision,
    ...(input.note ? { note: input.note } : {}),
  });
}

function requireArbitration(state: EscalationState | undefined, ctx: CommandContext): Decision<EscalationState> {
  const ok = requireWorkable(state, ctx);
  if (!ok.ok) return ok;
  if (ok.value.level !== 4 && !ok.value.levelHistory.some((l) => l.level === 4)) {
    return reject('not-in-arbitration', 'The escalation has not reached external conciliation.');
  }
  return ok;
}

export function recordArbitrationSession(
  state: EscalationState | undefined,
  input: { readonly heldOn: string; readonly summary: string },
  ctx: CommandContext,
): Decision<New<'arbitration-session-held'>> {
  const ok = requireArbitration(state, ctx);
  if (!ok.ok) return ok;
  return accept({ type: 'arbitration-session-held', ...stamp(ctx), heldOn: input.heldOn, summary: input.summary });
}

export function recordArbitrationOutcome(
  state: EscalationState | undefined,
  input: { readonly outcome: string },
  ctx: CommandContext,
): Decision<New<'arbitration-outcome-recorded'>> {
  const ok = requireArbitration(state, ctx);
  if (!ok.ok) return ok;
  return accept({ type: 'arbitration-outcome-recorded', ...stamp(ctx), outcome: input.outcome });
}

/**
 * Levels 2–4: a party proposes a meeting (the coordination meeting, the escalation meeting with the executive
 * managements, a conciliation session) with candidate dates, all still ahead and each once.
 */
export function proposeMeeting(
  state: EscalationState | undefined,
  input: { readonly subject: string; readonly candidates: readonly string[]; readonly note?: string },
  ctx: CommandContext,
): Decision<New<'meeting-proposed'>> {
  const ok = requireWorkable(state, ctx);
  if (!ok.ok) return ok;
  if (ok.value.status !== 'open') return reject('not-open', 'The escalation is resolved; reopen it first.');
  if (ok.value.level < 2) return reject('meetings-from-level-2', 'Meetings are proposed from level 2 on.');
  const times = input.candidates.map((c) => Date.parse(c));
  if (times.some((t) => !(t > ctx.now.getTime())) || new Set(times).size !== times.length) {
    return reject('meeting-date-passed', 'Every proposed date must be in the future, each once.');
  }
  const candidates = [...times].sort((a, b) => a - b).map((t) => new Date(t).toISOString());
  return accept({
    type: 'meeting-proposed',
    ...stamp(ctx),
    meetingId: `T${ok.value.meetings.length + 1}`,
    subject: input.subject,
    candidates,
    ...(input.note ? { note: input.note } : {}),
  });
}

/** The other party answers a meeting proposal once: one of its dates, or a decline with a reason. */
function openMeetingOf(state: EscalationState, meetingId: string, ctx: CommandContext) {
  const meeting = state.meetings.find((m) => m.meetingId === meetingId);
  if (!meeting) return reject('unknown-record', `Meeting proposal ${meetingId} does not exist.`);
  if (meeting.actor.party === ctx.actor.party)
    return reject('own-proposal', 'Your party proposed this meeting; the other party answers it.');
  if (meeting.answer) return reject('record-state', `Meeting proposal ${meetingId} is already answered.`);
  return accept(meeting);
}

export function confirmMeeting(
  state: EscalationState | undefined,
  input: { readonly meetingId: string; readonly startsAt: string; readonly note?: string },
  ctx: CommandContext,
): Decision<New<'meeting-confirmed'>> {
  const ok = requireWorkable(state, ctx);
  if (!ok.ok) return ok;
  const meeting = openMeetingOf(ok.value, input.meetingId, ctx);
  if (!meeting.ok) return meeting;
  const at = Date.parse(input.startsAt);
  const chosen = meeting.value.candidates.find((c) => Date.parse(c) === at);
  if (!chosen) return reject('not-a-candidate', 'Choose one of the proposed dates.');
  if (at <= ctx.now.getTime()) return reject('meeting-date-passed', 'The chosen date has passed.');
  return accept({
    type: 'meeting-confirmed',
    ...stamp(ctx),
    meetingId: input.meetingId,
    startsAt: chosen,
    ...(input.note ? { note: input.note } : {}),
  });
}

export function declineMeeting(
  state: EscalationState | undefined,
  input: { readonly meetingId: string; readonly reason: string },
  ctx: CommandContext,
): Decision<New<'meeting-declined'>> {
  const ok = requireWorkable(state, ctx);
  if (!ok.ok) return ok;
  const meeting = openMeetingOf(ok.value, input.meetingId, ctx);
  if (!meeting.ok) return meeting;
  return accept({ type: 'meeting-declined', ...stamp(ctx), meetingId: input.meetingId, reason: input.reason });
}
