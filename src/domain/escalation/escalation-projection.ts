import type { LocalizedText, Party } from '../process/process-template';
import { nextCheckAt } from './deadline-checks';
import type { Deadline } from './escalation-deadlines';
import type { EscalationState } from './escalation-state';

/** Issue property key holding the searchable summary (indexed by the manifest's jira:entityProperty). */
export const ESCALATION_PROPERTY_KEY = 'escalation';

/**
 * The searchable summary of an escalation, stored on the issue. It is a projection, re-derived from the
 * log on every change: editing it by hand changes nothing that matters, the next write restores it.
 */
export interface EscalationIndexDocument {
  readonly schemaVersion: 1;
  readonly level: number;
  readonly status: EscalationState['status'];
  /** The soonest running deadline, ISO; absent when nothing is running. */
  readonly nextDueAt?: string;
  /** When the sweep must next look at this issue: the soonest warning or due instant not yet passed, ISO. */
  readonly nextCheckAt?: string;
  readonly overdue: 'yes' | 'no';
  readonly awaitedParty: Party | 'both' | 'none';
  readonly lastSeq: number;
  readonly templateId: string;
  readonly templateVersion: number;
  /** What workflow conditions read to offer or hide transitions (validators re-check with the full rules). */
  readonly canEscalate: 'yes' | 'no';
  readonly canResolve: 'yes' | 'no';
  /**
   * Who proposed the resolution waiting for acceptance: the Resolve transition's condition hides it from that
   * person, whose own transition could not accept their own proposal (a post function cannot undo the status).
   */
  readonly resolveProposedBy?: string;
  readonly canClose: 'yes' | 'no';
}

export interface EscalationGates {
  readonly escalate: boolean;
  readonly resolve: boolean;
  readonly close: boolean;
}

/**
 * An instant as Jira indexes an entity property of `type: date`: `[YYYY]-[MM]-[DD]T[hh]:[mm]` with an
 * offset (Forge manifest reference, "Jira entity property"). Seconds and milliseconds are not part of
 * that format: Jira would not index such a value, and JQL on it would find nothing. The instant is
 * rounded up to the next whole minute, so a search for `<= now()` never finds an issue before its time.
 *
 * @example indexedInstant('2026-03-02T08:00:30.500Z') // '2026-03-02T08:01Z'
 */
export function indexedInstant(iso: string): string {
  const ms = Date.parse(iso);
  return new Date(Math.ceil(ms / 60_000) * 60_000).toISOString().slice(0, 16) + 'Z';
}

export function escalationIndexDocument(
  state: EscalationState,
  deadlines: readonly Deadline[],
  now: Date,
  gates: EscalationGates,
): EscalationIndexDocument {
  const soonest = deadlines[0];
  // Past instants the sweep has not acted on yet stay due (see nextCheckAt).
  const upcoming = nextCheckAt(state, deadlines, now);
  const overdue = deadlines.filter((d) => d.state === 'overdue');
  const pressing = overdue[0] ?? soonest;
  return {
    schemaVersion: 1,
    level: state.level,
    status: state.status,
    ...(soonest ? { nextDueAt: indexedInstant(soonest.dueAt) } : {}),
    ...(upcoming ? { nextCheckAt: indexedInstant(upcoming) } : {}),
    overdue: overdue.length > 0 ? 'yes' : 'no',
    awaitedParty: pressing ? pressing.party : 'none',
    lastSeq: state.lastSeq,
    templateId: state.template.id,
    templateVersion: state.template.version,
    canEscalate: gates.escalate ? 'yes' : 'no',
    canResolve: gates.resolve ? 'yes' : 'no',
    ...(gates.resolve && state.proposal ? { resolveProposedBy: state.proposal.actor.accountId } : {}),
    canClose: gates.close ? 'yes' : 'no',
  };
}

/** The value of the "Escalation level" custom field (an object field; `level` is searchable in JQL). */
export interface EscalationFieldValue {
  readonly level: number;
  readonly name: string;
  readonly status: EscalationState['status'];
}

/**
 * The level field's value. Jira shows one value to every reader (its formatter has no reader's locale), so
 * the name is in one language, the site's default, never both; the panel names the level in each reader's.
 */
export function escalationFieldValue(state: EscalationState, levelName: LocalizedText, locale: 'de' | 'en'): EscalationFieldValue {
  return { level: state.level, name: levelName[locale], status: state.status };
}
