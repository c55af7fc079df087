import type { EscalationPolicy } from '../configuration/escalation-policy';
import type { Level, Obligation, Party, ProcessTemplate, TriggerId } from '../process/process-template';
import { escalationDeadlines, type Deadline } from './escalation-deadlines';
import type { Actor, EventOf, NewEscalationEvent } from './escalation-event';
import type { EscalationState } from './escalation-state';
import { accept, reject, type Decision } from './escalation-rejection';
import { fulfilmentOf, fulfilmentRuleOf, isWorkable } from './obligation-fulfilment';
import {
  awaitedParty,
  levelTimeFrameExpired,
  openMandatoryObligations,
  otherParty,
  ownDutiesHoldingBack,
  sectionForLevel,
} from './stage-guards';

/**
 * The escalation's life as commands. Each command checks the state and the actor and either returns the
 * one event that records it or a rejection with a clear reason. Nothing here reads a clock: `now` comes in.
 */
export interface CommandContext {
  readonly now: Date;
  readonly actor: Actor;
  /** The template version frozen onto the escalation (for `start`: the version in force now). */
  readonly template: ProcessTemplate;
  /** When the current level's agreed time frame runs out, computed on the project's calendar. */
  readonly levelDueAt?: Date;
  /** The project's agreed time frames: whether the other party missed a deadline is asked of them. */
  readonly policy?: EscalationPolicy;
  /** The deadlines running at `now`, when the caller computed them already (a view asks many commands at once). */
  readonly deadlines?: readonly Deadline[];
}

type New<T extends NewEscalationEvent['type']> = Omit<EventOf<T>, 'seq'>;

const stamp = (ctx: CommandContext) => ({ at: ctx.now.toISOString(), actor: ctx.actor });

function requireNotClosed(state: EscalationState | undefined): Decision<EscalationState> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'closed') return reject('closed', 'The escalation is closed.');
  return accept(state);
}

function requireOpen(state: EscalationState | undefined): Decision<EscalationState> {
  const current = requireNotClosed(state);
  if (!current.ok) return current;
  if (current.value.status !== 'open') return reject('not-open', 'The escalation is resolved; reopen it first.');
  return current;
}

function requirePerson(ctx: CommandContext): Decision<'contractor' | 'client'> {
  const party = ctx.actor.party;
  if (party === 'system') return reject('system-not-allowed', 'Only a person of a party may do this.');
  return accept(party);
}

export interface StartInput {
  readonly trigger: TriggerId;
  readonly problem: string;
  readonly impact: string;
  /** Whether the problem is critical: the two-hour notification clock runs only then. */
  readonly critical?: boolean;
  readonly detectedAt?: string;
}

/** How far back a detection may lie: an escalation is about a current problem, not history. */
const MAX_DETECTION_AGE_MS = 366 * 24 * 3600_000;

export function startEscalation(
  state: EscalationState | undefined,
  input: StartInput,
  ctx: CommandContext,
): Decision<New<'escalation-started'>> {
  if (state) return reject('already-started', 'An escalation is already recorded on this issue.');
  // An instant compared as an instant: "2026-05-04T10:00+02:00" and "…08:00Z" are the same moment.
  let detectedAt: string | undefined;
  if (input.detectedAt !== undefined) {
    const detected = Date.parse(input.detectedAt);
    if (Number.isNaN(detected)) return reject('invalid-detected-at', `${input.detectedAt} is not a point in time.`);
    if (detected > ctx.now.getTime()) return reject('invalid-detected-at', 'The problem cannot have been detected in the future.');
    if (ctx.now.getTime() - detected > MAX_DETECTION_AGE_MS)
      return reject('invalid-detected-at', 'The problem was detected more than a year ago; start from when it became an escalation.');
    detectedAt = new Date(detected).toISOString();
  }
  return accept({
    type: 'escalation-started',
    ...stamp(ctx),
    trigger: input.trigger,
    problem: input.problem,
    impact: input.impact,
    critical: input.critical ?? false,
    template: { id: ctx.template.id, version: ctx.template.version },
    ...(detectedAt ? { detectedAt } : {}),
  });
}

/** Mandatory deadlines of the current level that `party` let run out and still owes. */
function missedMandatoryDeadlines(state: EscalationState, ctx: CommandContext, party: Party): string[] {
  if (!ctx.policy) return [];
  const section = sectionForLevel(ctx.template, state.level);
  return (ctx.deadlines ?? escalationDeadlines({ state, template: ctx.template, policy: ctx.policy, now: ctx.now }))
    .filter((d) => d.state === 'overdue' && d.party === party && d.obligationId)
    .filter((d) => ctx.template.obligations.some((o) => o.id === d.obligationId && o.section === section && o.mandatoryToLeaveStage))
    .map((d) => d.obligationId!);
}

/**
 * Moves the escalation up one level, as the annex allows one party to: once the level's agreed time frame has
 * run out, or at once when the other party missed a mandatory deadline of this level (the party in default
 * cannot block the remedy). The party's own open mandatory duties still hold it back. Both parties together
 * may escalate any time (see {@link proposeChange}). The sweep (`system`) escalates only on an expired time
 * frame. External conciliation (level 4) needs the consent of both parties, after the preparation at level 3.
 */
export function escalate(
  state: EscalationState | undefined,
  input: { readonly note?: string },
  ctx: CommandContext,
): Decision<New<'level-changed'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const current = open.value;
  if (current.level === 4) return reject('highest-level', 'External conciliation is the highest level.');
  const to = (current.level + 1) as Level;
  const stamped = { type: 'level-changed' as const, ...stamp(ctx), from: current.level, to, ...(input.note ? { note: input.note } : {}) };
  if (to === 4) {
    const missing = (['contractor', 'client'] as const).filter((p) => !current.arbitrationConsent.includes(p));
    if (missing.length > 0) {
      return reject(
        'arbitration-needs-both-parties',
        `External conciliation needs the consent of both parties; missing: ${missing.join(', ')}.`,
        {
          awaitedParty: missing[0],
        },
      );
    }
    return accept({ ...stamped, reason: ctx.actor.party === 'system' ? 'time-frame-expired' : 'agreed' });
  }
  const expired = levelTimeFrameExpired(ctx.levelDueAt, ctx.now);
  const party = ctx.actor.party;
  if (party === 'system') {
    if (!expired) return reject('time-frame-not-expired', `The time frame of level ${current.level} has not run out.`);
    return accept({ ...stamped, reason: 'time-frame-expired' });
  }
  const own = ownDutiesHoldingBack(ctx.template, current, party);
  if (own.length > 0) {
    return reject(
      'open-obligations',
      `Your party's mandatory obligations of level ${current.level} are open (${own.map((o) => o.id).join(', ')}).`,
      { openObligations: own, awaitedParty: party },
    );
  }
  if (expired) return accept({ ...stamped, reason: 'time-frame-expired' });
  const missed = missedMandatoryDeadlines(current, ctx, otherParty(party));
  if (missed.length > 0) return accept({ ...stamped, reason: 'other-party-defaulted' });
  return reject(
    'time-frame-not-expired',
    `The time frame of level ${current.level} has not run out and the ${otherParty(party)} has missed no deadline; propose the escalation to the ${otherParty(party)} instead.`,
  );
}

export type ProposedChange = EventOf<'change-proposed'>['change'];

/**
 * Proposes a change the annex leaves to both parties: de-escalation ("the matter can be handled lower"),
 * resolution, or escalating before the time frame has run out. The other party accepts or declines; one
 * proposal is open at a time. Resolution needs the proposer's own mandatory duties of the level done.
 */
export function proposeChange(
  state: EscalationState | undefined,
  input: { readonly change: ProposedChange; readonly text: string },
  ctx: CommandContext,
): Decision<New<'change-proposed'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const current = open.value;
  if (current.proposal) {
    return reject('proposal-open', 'A proposal is waiting for an answer; answer or withdraw it first.', {
      awaitedParty: current.proposal.actor.party === 'contractor' ? 'client' : 'contractor',
    });
  }
  if (input.change === 'de-escalate' && current.level === 1) return reject('lowest-level', 'The escalation is already at level 1.');
  if (input.change === 'escalate' && current.level >= 3) {
    return reject('arbitration-needs-both-parties', 'External conciliation is agreed by both parties’ consent at level 3.');
  }
  if (input.change === 'resolve') {
    const own = ownDutiesHoldingBack(ctx.template, current, person.value);
    if (own.length > 0) {
      return reject(
        'open-obligations',
        `Your party's mandatory obligations of level ${current.level} are open (${own.map((o) => o.id).join(', ')}).`,
        { openObligations: own, awaitedParty: person.value },
      );
    }
  }
  return accept({ type: 'change-proposed', ...stamp(ctx), change: input.change, text: input.text });
}

/** Proposes de-escalation by one level (accepted by the other party). */
export function deEscalate(
  state: EscalationState | undefined,
  input: { readonly note: string },
  ctx: CommandContext,
): Decision<New<'change-proposed'>> {
  return proposeChange(state, { change: 'de-escalate', text: input.note }, ctx);
}

/** Proposes the resolution (accepted by the other party). */
export function resolveEscalation(
  state: EscalationState | undefined,
  input: { readonly resolution: string },
  ctx: CommandContext,
): Decision<New<'change-proposed'>> {
  return proposeChange(state, { change: 'resolve', text: input.resolution }, ctx);
}

/** Proposes escalating now, before the time frame has run out (accepted by the other party). */
export function proposeEscalation(
  state: EscalationState | undefined,
  input: { readonly note: string },
  ctx: CommandContext,
): Decision<New<'change-proposed'>> {
  return proposeChange(state, { change: 'escalate', text: input.note }, ctx);
}

function openProposal(state: EscalationState | undefined, proposalSeq: number, ctx: CommandContext) {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const proposal = open.value.proposal;
  if (!proposal || proposal.seq !== proposalSeq) return reject('no-proposal', 'This proposal is no longer open; reload the view.');
  return accept({ state: open.value, proposal, party: person.value });
}

/**
 * The other party answers a proposal. Accepting records the change itself (a level change or the
 * resolution) with the proposal's number; declining records the reason. The proposer cannot answer.
 */
export function answerProposal(
  state: EscalationState | undefined,
  input: { readonly proposalSeq: number; readonly accept: boolean; readonly reason?: string },
  ctx: CommandContext,
): Decision<New<'level-changed'> | New<'escalation-resolved'> | New<'change-declined'>> {
  const found = openProposal(state, input.proposalSeq, ctx);
  if (!found.ok) return found;
  const { state: current, proposal, party } = found.value;
  if (proposal.actor.party === party) {
    return reject('own-proposal', 'Your party made this proposal; the other party answers it.', { awaitedParty: otherParty(party) });
  }
  if (!input.accept) {
    if (!input.reason?.trim()) return reject('comment-required', 'Say why the proposal is declined.');
    return accept({ type: 'change-declined', ...stamp(ctx), proposalSeq: proposal.seq, reason: input.reason });
  }
  const agreed = { ...stamp(ctx), proposalSeq: proposal.seq };
  switch (proposal.change) {
    case 'resolve':
      return accept({ type: 'escalation-resolved', ...agreed, resolution: proposal.text });
    case 'de-escalate':
      if (current.level === 1) return reject('lowest-level', 'The escalation is already at level 1.');
      return accept({
        type: 'level-changed',
        ...agreed,
        from: current.level,
        to: (current.level - 1) as Level,
        reason: 'agreed',
        note: proposal.text,
      });
    case 'escalate':
      if (current.level >= 3) return reject('arbitration-needs-both-parties', 'External conciliation is agreed by both parties’ consent.');
      return accept({
        type: 'level-changed',
        ...agreed,
        from: current.level,
        to: (current.level + 1) as Level,
        reason: 'agreed',
        note: proposal.text,
      });
  }
}

/** The proposer takes its proposal back before it is answered. */
export function withdrawProposal(
  state: EscalationState | undefined,
  input: { readonly proposalSeq: number },
  ctx: CommandContext,
): Decision<New<'change-withdrawn'>> {
  const found = openProposal(state, input.proposalSeq, ctx);
  if (!found.ok) return found;
  if (found.value.proposal.actor.party !== found.value.party) {
    return reject('not-proposer', 'Only the party that made the proposal can withdraw it.');
  }
  return accept({ type: 'change-withdrawn', ...stamp(ctx), proposalSeq: input.proposalSeq });
}

/**
 * What a workflow transition for a change both parties make can do alone: accept the other party's open
 * proposal of that change. Otherwise the transition must wait; the proposal is made in the panel.
 */
export function completeAgreedChange(
  state: EscalationState | undefined,
  change: 'de-escalate' | 'resolve',
  ctx: CommandContext,
): Decision<New<'level-changed'> | New<'escalation-resolved'> | New<'change-declined'>> {
  const proposal = state?.proposal;
  if (!proposal || proposal.change !== change) {
    const words = change === 'resolve' ? 'Resolving' : 'De-escalating';
    return reject(
      'needs-both-parties',
      `${words} needs both parties: propose it in the escalation panel; the other party accepts it there or with this transition.`,
    );
  }
  return answerProposal(state, { proposalSeq: proposal.seq, accept: true }, ctx);
}

export interface FulfilInput {
  readonly obligationId: string;
  readonly note: string;
  readonly evidenceUrl?: string;
}

/** The obligation a party may mark itself: its own, of this escalation, workable now. */
function ownWorkableObligation(state: EscalationState, obligationId: string, ctx: CommandContext, party: Party): Decision<Obligation> {
  const obligation = ctx.template.obligations.find((o) => o.id === obligationId && !o.retired);
  if (!obligation) return reject('unknown-obligation', `Obligation ${obligationId} is not part of this escalation's process.`);
  if (!isWorkable(ctx.template, state, obligation)) {
    return reject('obligation-not-in-stage', `Obligation ${obligation.id} does not belong to a stage this escalation has reached.`);
  }
  if (obligation.party !== party) {
    return reject('wrong-party', `Obligation ${obligation.id} is the ${obligation.party}'s; only that party can fulfil it.`, {
      awaitedParty: obligation.party,
    });
  }
  const done = fulfilmentOf(ctx.template, state, obligation);
  if (done) return reject('already-fulfilled', `Obligation ${obligation.id} is already fulfilled (${done.via}, event ${done.seq}).`);
  return accept(obligation);
}

/**
 * Records that an obligation done outside the app (a call, a meeting) is fulfilled, with a note and optional
 * evidence. Duties the app's records prove are fulfilled by those records; an approval cannot be ticked.
 */
export function fulfilObligation(
  state: EscalationState | undefined,
  input: FulfilInput,
  ctx: CommandContext,
): Decision<New<'obligation-fulfilled'>> {
  const current = requireNotClosed(state);
  if (!current.ok) return current;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const found = ownWorkableObligation(current.value, input.obligationId, ctx, person.value);
  if (!found.ok) return found;
  const rule = fulfilmentRuleOf(found.value);
  if (!rule.manual) {
    return reject(
      'fulfilled-by-record',
      `Obligation ${found.value.id} is fulfilled by its record (${rule.records.map((r) => r.record).join(' / ') || 'the app'}), not by a tick.`,
    );
  }
  return accept({
    type: 'obligation-fulfilled',
    ...stamp(ctx),
    obligationId: found.value.id,
    note: input.note,
    ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
  });
}

/** Marks a "bei Bedarf" duty as not needed in this escalation; the reason is shown to the other party. */
export function markNotApplicable(
  state: EscalationState | undefined,
  input: { readonly obligationId: string; readonly reason: string },
  ctx: CommandContext,
): Decision<New<'obligation-not-applicable'>> {
  const current = requireNotClosed(state);
  if (!current.ok) return current;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const found = ownWorkableObligation(current.value, input.obligationId, ctx, person.value);
  if (!found.ok) return found;
  if (!fulfilmentRuleOf(found.value).notApplicable) {
    return reject(
      'not-applicable-not-allowed',
      `Obligation ${found.value.id} applies in every escalation; it cannot be marked not applicable.`,
    );
  }
  return accept({ type: 'obligation-not-applicable', ...stamp(ctx), obligationId: found.value.id, reason: input.reason });
}

/** Withdraws a fulfilment by recording a new event; the original stays in the record. */
export function withdrawFulfilment(
  state: EscalationState | undefined,
  input: { readonly obligationId: string; readonly reason: string },
  ctx: CommandContext,
): Decision<New<'obligation-fulfilment-withdrawn'>> {
  const current = requireNotClosed(state);
  if (!current.ok) return current;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const fulfilment = current.value.fulfilments[input.obligationId];
  if (!fulfilment) return reject('not-fulfilled', `Obligation ${input.obligationId} is not fulfilled.`);
  const obligation = ctx.template.obligations.find((o) => o.id === input.obligationId);
  if (obligation && obligation.party !== person.value) {
    return reject('wrong-party', `Only the ${obligation.party} can withdraw the fulfilment of ${obligation.id}.`, {
      awaitedParty: obligation.party,
    });
  }
  return accept({
    type: 'obligation-fulfilment-withdrawn',
    ...stamp(ctx),
    obligationId: input.obligationId,
    withdrawsSeq: fulfilment.seq,
    reason: input.reason,
  });
}

/** The contractor records that the client was notified (stops the two-hour clock). */
export function recordClientNotified(
  state: EscalationState | undefined,
  input: { readonly channel: 'phone' | 'email' | 'jira'; readonly note: string },
  ctx: CommandContext,
): Decision<New<'client-notified'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  if (ctx.actor.party !== 'contractor') {
    return reject('wrong-party', 'Only the contractor notifies the client.', { awaitedParty: 'contractor' });
  }
  return accept({ type: 'client-notified', ...stamp(ctx), channel: input.channel, note: input.note });
}

/** The contractor's status update at the agreed interval. */
export function postStatusUpdate(
  state: EscalationState | undefined,
  input: { readonly text: string },
  ctx: CommandContext,
): Decision<New<'status-update-posted'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  if (ctx.actor.party !== 'contractor') {
    return reject('wrong-party', 'Status updates are the contractor’s to give.', { awaitedParty: 'contractor' });
  }
  return accept({ type: 'status-update-posted', ...stamp(ctx), text: input.text });
}

/**
 * A party records that it informed the managements the level calls in: the contractor both middle (level 2)
 * or executive (level 3) managements, the client its own executive management (level 3).
 */
export function informManagement(
  state: EscalationState | undefined,
  input: { readonly note: string },
  ctx: CommandContext,
): Decision<New<'management-informed'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const level = open.value.level;
  if (level === 1 || (person.value === 'client' && level < 3)) {
    return reject('obligation-not-in-stage', 'Managements are called in from level 2 (the client’s executive management at level 3).');
  }
  const already = open.value.evidence.some((e) => e.kind === 'management-informed' && e.level === level && e.actor.party === person.value);
  if (already) return reject('already-recorded', `Your party already recorded informing the managements at level ${level}.`);
  return accept({ type: 'management-informed', ...stamp(ctx), note: input.note });
}

/** The client acknowledges receipt of the notice of the escalation and the preliminary assessment, once. */
export function acknowledgeNotice(
  state: EscalationState | undefined,
  input: { readonly note?: string },
  ctx: CommandContext,
): Decision<New<'notice-acknowledged'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  if (ctx.actor.party !== 'client') return reject('wrong-party', 'The client acknowledges the notice.', { awaitedParty: 'client' });
  if (open.value.evidence.some((e) => e.kind === 'notice-acknowledged')) {
    return reject('already-recorded', 'The notice was already acknowledged.');
  }
  return accept({ type: 'notice-acknowledged', ...stamp(ctx), ...(input.note ? { note: input.note } : {}) });
}

/**
 * A party consents to external conciliation, at level 3, once the preparation "bevor dieser Weg eingeschlagen
 * wird" is done (the mandatory level-4 duties that open at level 3: the list of bodies, the client's approval).
 */
export function giveArbitrationConsent(
  state: EscalationState | undefined,
  input: { readonly note?: string },
  ctx: CommandContext,
): Decision<New<'arbitration-consent-given'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  if (open.value.level !== 3) return reject('not-at-level-3', 'External conciliation can only be agreed at level 3.');
  if (open.value.arbitrationConsent.includes(person.value)) {
    return reject('already-consented', `The ${person.value} has already agreed to external conciliation.`);
  }
  const preparation = openMandatoryObligations(ctx.template, open.value, sectionForLevel(ctx.template, 4));
  if (preparation.length > 0) {
    return reject('preparation-open', `The preparation for conciliation is open (${preparation.map((o) => o.id).join(', ')}).`, {
      openObligations: preparation,
      awaitedParty: awaitedParty(preparation),
    });
  }
  return accept({ type: 'arbitration-consent-given', ...stamp(ctx), ...(input.note ? { note: input.note } : {}) });
}

export function reopenEscalation(
  state: EscalationState | undefined,
  input: { readonly reason: string },
  ctx: CommandContext,
): Decision<New<'escalation-reopened'>> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status !== 'resolved') return reject('not-resolved', 'Only a resolved escalation can be reopened.');
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  return accept({ type: 'escalation-reopened', ...stamp(ctx), reason: input.reason });
}

/** Closes a resolved escalation once the final report is approved and the documentation duties are done. */
export function closeEscalation(
  state: EscalationState | undefined,
  input: { readonly note?: string },
  ctx: CommandContext,
): Decision<New<'escalation-closed'>> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'closed') return reject('closed', 'The escalation is already closed.');
  if (state.status !== 'resolved') return reject('not-resolved', 'Resolve the escalation before closing it.');
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  if (!state.approvedReport) {
    return reject('report-not-approved', 'The final escalation report has not been approved by the client.', { awaitedParty: 'client' });
  }
  const openDocumentation = ctx.template.sections
    .filter((s) => s.scope === 'cross-cutting')
    .flatMap((s) => openMandatoryObligations(ctx.template, state, s.id));
  if (openDocumentation.length > 0) {
    return reject('open-obligations', `Documentation duties open: ${openDocumentation.map((o) => o.id).join(', ')}.`, {
      openObligations: openDocumentation,
      awaitedParty: awaitedParty(openDocumentation),
    });
  }
  return accept({ type: 'escalation-closed', ...stamp(ctx), ...(input.note ? { note: input.note } : {}) });
}
