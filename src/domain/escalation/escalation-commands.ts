import type { Level, ProcessTemplate, TriggerId } from '../process/process-template';
import type { Actor, EventOf, NewEscalationEvent } from './escalation-event';
import type { EscalationState } from './escalation-state';
import { accept, reject, type Decision } from './escalation-rejection';
import { activeSections, awaitedParty, levelTimeFrameExpired, openMandatoryObligations, sectionForLevel } from './stage-guards';

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
}

type New<T extends NewEscalationEvent['type']> = Omit<EventOf<T>, 'seq'>;

const stamp = (ctx: CommandContext) => ({ at: ctx.now.toISOString(), actor: ctx.actor });

function requireOpen(state: EscalationState | undefined): Decision<EscalationState> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'closed') return reject('closed', 'The escalation is closed.');
  if (state.status !== 'open') return reject('not-open', 'The escalation is resolved; reopen it first.');
  return accept(state);
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
  readonly detectedAt?: string;
  /** Whether the problem is critical (a critical priority, or the starter says so). */
  readonly critical?: boolean;
}

export function startEscalation(
  state: EscalationState | undefined,
  input: StartInput,
  ctx: CommandContext,
): Decision<New<'escalation-started'>> {
  if (state) return reject('already-started', 'An escalation is already recorded on this issue.');
  const detectedAt = input.detectedAt && input.detectedAt < ctx.now.toISOString() ? input.detectedAt : undefined;
  return accept({
    type: 'escalation-started',
    ...stamp(ctx),
    trigger: input.trigger,
    problem: input.problem,
    impact: input.impact,
    template: { id: ctx.template.id, version: ctx.template.version },
    ...(detectedAt ? { detectedAt } : {}),
  });
}

/**
 * Moves the escalation up one level. Allowed once the current level's mandatory obligations are
 * fulfilled, or when its agreed time frame has run out (that is how the contract escalates). The sweep
 * (`system`) may only escalate on an expired time frame, and never into external arbitration: level 4
 * needs the consent of both parties.
 */
export function escalate(
  state: EscalationState | undefined,
  input: { readonly note?: string },
  ctx: CommandContext,
): Decision<New<'level-changed'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const current = open.value;
  if (current.level === 4) return reject('highest-level', 'External arbitration is the highest level.');
  const to = (current.level + 1) as Level;
  const expired = levelTimeFrameExpired(ctx.levelDueAt, ctx.now);
  if (to === 4) {
    const missing = (['contractor', 'client'] as const).filter((p) => !current.arbitrationConsent.includes(p));
    if (missing.length > 0) {
      return reject(
        'arbitration-needs-both-parties',
        `External arbitration needs the consent of both parties; missing: ${missing.join(', ')}.`,
        {
          awaitedParty: missing[0],
        },
      );
    }
  }
  if (ctx.actor.party === 'system' && !expired) {
    return reject('time-frame-not-expired', `The time frame of level ${current.level} has not run out.`);
  }
  const openObligations = openMandatoryObligations(ctx.template, current, sectionForLevel(ctx.template, current.level));
  if (openObligations.length > 0 && !expired) {
    return reject(
      'open-obligations',
      `Level ${current.level} cannot be left yet: mandatory obligations open (${openObligations.map((o) => o.id).join(', ')}) and its time frame has not run out.`,
      { openObligations, awaitedParty: awaitedParty(openObligations) },
    );
  }
  return accept({
    type: 'level-changed',
    ...stamp(ctx),
    from: current.level,
    to,
    reason: ctx.actor.party === 'system' ? 'time-frame-expired' : 'manual',
    ...(input.note ? { note: input.note } : {}),
  });
}

/** Moves the escalation down one level when the parties agree the matter can be handled lower. */
export function deEscalate(
  state: EscalationState | undefined,
  input: { readonly note: string },
  ctx: CommandContext,
): Decision<New<'level-changed'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  if (open.value.level === 1) return reject('lowest-level', 'The escalation is already at level 1.');
  return accept({
    type: 'level-changed',
    ...stamp(ctx),
    from: open.value.level,
    to: (open.value.level - 1) as Level,
    reason: 'manual',
    note: input.note,
  });
}

export interface FulfilInput {
  readonly obligationId: string;
  readonly note: string;
  readonly evidenceUrl?: string;
}

/** Records that an obligation of the actor's own party is fulfilled, with a note and optional evidence. */
export function fulfilObligation(
  state: EscalationState | undefined,
  input: FulfilInput,
  ctx: CommandContext,
): Decision<New<'obligation-fulfilled'>> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'closed') return reject('closed', 'The escalation is closed.');
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const obligation = ctx.template.obligations.find((o) => o.id === input.obligationId && !o.retired);
  if (!obligation) return reject('unknown-obligation', `Obligation ${input.obligationId} is not part of this escalation's process.`);
  if (!activeSections(ctx.template, state).includes(obligation.section)) {
    return reject('obligation-not-in-stage', `Obligation ${obligation.id} does not belong to the current stage.`);
  }
  if (obligation.party !== person.value) {
    return reject('wrong-party', `Obligation ${obligation.id} is the ${obligation.party}'s; only that party can fulfil it.`, {
      awaitedParty: obligation.party,
    });
  }
  if (state.fulfilments[obligation.id]) return reject('already-fulfilled', `Obligation ${obligation.id} is already fulfilled.`);
  return accept({
    type: 'obligation-fulfilled',
    ...stamp(ctx),
    obligationId: obligation.id,
    note: input.note,
    ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
  });
}

/** Withdraws a fulfilment by recording a new event; the original stays in the record. */
export function withdrawFulfilment(
  state: EscalationState | undefined,
  input: { readonly obligationId: string; readonly reason: string },
  ctx: CommandContext,
): Decision<New<'obligation-fulfilment-withdrawn'>> {
  if (!state) return reject('no-escalation', 'No escalation has been started on this issue.');
  if (state.status === 'closed') return reject('closed', 'The escalation is closed.');
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const fulfilment = state.fulfilments[input.obligationId];
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

/** A party agrees to take the matter to external arbitration (only from level 3). */
export function giveArbitrationConsent(
  state: EscalationState | undefined,
  input: { readonly note?: string },
  ctx: CommandContext,
): Decision<New<'arbitration-consent-given'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  if (open.value.level !== 3) return reject('not-at-level-3', 'External arbitration can only be agreed at level 3.');
  if (open.value.arbitrationConsent.includes(person.value)) {
    return reject('already-consented', `The ${person.value} has already agreed to external arbitration.`);
  }
  return accept({ type: 'arbitration-consent-given', ...stamp(ctx), ...(input.note ? { note: input.note } : {}) });
}

/** Resolves the escalation once the current level's mandatory obligations are fulfilled. */
export function resolveEscalation(
  state: EscalationState | undefined,
  input: { readonly resolution: string },
  ctx: CommandContext,
): Decision<New<'escalation-resolved'>> {
  const open = requireOpen(state);
  if (!open.ok) return open;
  const person = requirePerson(ctx);
  if (!person.ok) return person;
  const openObligations = openMandatoryObligations(ctx.template, open.value, sectionForLevel(ctx.template, open.value.level));
  if (openObligations.length > 0) {
    return reject(
      'open-obligations',
      `The escalation cannot be resolved yet: mandatory obligations open (${openObligations.map((o) => o.id).join(', ')}).`,
      { openObligations, awaitedParty: awaitedParty(openObligations) },
    );
  }
  return accept({ type: 'escalation-resolved', ...stamp(ctx), resolution: input.resolution });
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
