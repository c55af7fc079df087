import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import type { EvidenceKind, FulfilmentRule, Level, Obligation, ProcessTemplate } from '../process/process-template';
import type { Evidence, EscalationState, Fulfilment } from './escalation-state';

/**
 * Whether an obligation is fulfilled, and by what: the record that proves it, the app itself, a person's tick
 * with a note, or a "not applicable" mark. Derived from the log on every look, so a record fulfils its
 * obligations the moment it exists and nobody books the same step twice.
 */
export type FulfilmentVia = 'record' | 'automatic' | 'manual' | 'not-applicable';
export interface ObligationFulfilment extends Fulfilment {
  readonly via: FulfilmentVia;
  /** For `record`: which record proves it (its `seq` is the record's). */
  readonly evidence?: EvidenceKind;
  /** For `not-applicable` without a mark: the duty is only owed for a critical problem, and this one is not. */
  readonly notCritical?: true;
}

const MANUAL_ONLY: FulfilmentRule = { records: [], manual: true };

/**
 * The obligation's rule. Versions stored before rules existed carry none: an obligation the annex has word for
 * word takes the annex's rule, anything else (added or reworded by the parties) is ticked by hand.
 */
export function fulfilmentRuleOf(obligation: Obligation): FulfilmentRule {
  if (obligation.fulfilment) return obligation.fulfilment;
  const annex = DEFAULT_PROCESS_TEMPLATE.obligations.find((o) => o.id === obligation.id);
  return annex?.fulfilment && annex.text.de === obligation.text.de ? annex.fulfilment : MANUAL_ONLY;
}

/** The level from which an obligation can be worked on; undefined for duties not tied to a level. */
export function opensAtLevel(template: ProcessTemplate, obligation: Obligation): Level | undefined {
  if (obligation.opensAtLevel) return obligation.opensAtLevel;
  return template.sections.find((s) => s.id === obligation.section)?.level;
}

/** The highest level the escalation has been at: earlier levels' follow-up duties stay open until closing. */
export function highestLevelReached(state: EscalationState): Level {
  return state.levelHistory.reduce<Level>((max, stay) => (stay.level > max ? stay.level : max), 1);
}

/** Whether the obligation belongs to this escalation now: its level was reached, or it runs throughout. */
export function isWorkable(template: ProcessTemplate, state: EscalationState, obligation: Obligation): boolean {
  if (obligation.retired) return false;
  const section = template.sections.find((s) => s.id === obligation.section);
  if (!section || section.scope === 'process') return false;
  if (section.scope === 'cross-cutting') return true;
  const opens = opensAtLevel(template, obligation);
  return opens !== undefined && opens <= highestLevelReached(state);
}

function proves(rule: FulfilmentRule, obligation: Obligation, opens: Level | undefined, evidence: Evidence): boolean {
  if (opens !== undefined && evidence.level < opens) return false; // recorded before the duty existed
  return rule.records.some((r) => {
    if (r.record !== evidence.kind) return false;
    const party = r.party ?? obligation.party;
    return party === 'any' || evidence.actor.party === party;
  });
}

/** How the obligation is fulfilled now, or undefined while it is open. The earliest proof counts. */
export function fulfilmentOf(template: ProcessTemplate, state: EscalationState, obligation: Obligation): ObligationFulfilment | undefined {
  const rule = fulfilmentRuleOf(obligation);
  const marked = state.fulfilments[obligation.id];
  // A tick counts only where a tick may prove the duty: an approval exists only as the approval itself.
  const tick: ObligationFulfilment | undefined =
    marked?.notApplicable && rule.notApplicable
      ? { ...marked, via: 'not-applicable' }
      : marked && !marked.notApplicable && rule.manual
        ? { ...marked, via: 'manual' }
        : undefined;
  // "bei einem kritischen Problem" / "höchster Priorität": not owed when the problem was not started as critical.
  if (obligation.deadline?.onlyIfCritical && !state.critical) {
    const start = state.evidence[0];
    if (start)
      return {
        obligationId: obligation.id,
        seq: start.seq,
        at: start.at,
        actor: start.actor,
        note: '',
        via: 'not-applicable',
        notCritical: true,
      };
  }
  if (rule.automatic) {
    const start = state.evidence[0];
    if (start) return { obligationId: obligation.id, seq: start.seq, at: start.at, actor: start.actor, note: '', via: 'automatic' };
  }
  const opens = opensAtLevel(template, obligation);
  const record = state.evidence.find((e) => proves(rule, obligation, opens, e));
  if (record && (!tick || record.seq < tick.seq)) {
    return {
      obligationId: obligation.id,
      seq: record.seq,
      at: record.at,
      actor: record.actor,
      note: '',
      via: 'record',
      evidence: record.kind,
    };
  }
  return tick;
}

/**
 * Whether the duty answers the other party's paired item that has not been delivered yet: the client cannot
 * approve a plan nobody submitted. Such a duty does not hold its party back until there is something to answer.
 */
export function awaitsCounterpart(template: ProcessTemplate, state: EscalationState, obligation: Obligation): boolean {
  const answers = obligation.kind === 'approval' || obligation.kind === 'review' || obligation.deadline?.from === 'requestReceived';
  if (!answers) return false;
  const counterpart = template.obligations.find(
    (o) => o.section === obligation.section && o.pairIndex === obligation.pairIndex && o.party !== obligation.party && !o.retired,
  );
  return counterpart !== undefined && fulfilmentOf(template, state, counterpart) === undefined;
}

/** {@link fulfilmentOf} by id; undefined for ids the template does not have. */
export function fulfilmentOfId(template: ProcessTemplate, state: EscalationState, obligationId: string): ObligationFulfilment | undefined {
  const obligation = template.obligations.find((o) => o.id === obligationId);
  return obligation ? fulfilmentOf(template, state, obligation) : undefined;
}
