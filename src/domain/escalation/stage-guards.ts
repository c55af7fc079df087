import type { Level, Party, ProcessTemplate, SectionId } from '../process/process-template';
import type { EscalationState } from './escalation-state';
import type { OpenObligation } from './escalation-rejection';
import { awaitsCounterpart, fulfilmentOf, highestLevelReached, isWorkable } from './obligation-fulfilment';

/** The section whose obligations apply while the escalation is at `level`. */
export function sectionForLevel(template: ProcessTemplate, level: Level): SectionId {
  const definition = template.levels.find((l) => l.level === level);
  if (!definition) throw new Error(`template ${template.id} v${template.version} has no level ${level}`);
  return definition.section;
}

/**
 * Sections with obligations that may be worked on now: every level reached so far (follow-up duties stay
 * open until closing), a later level whose preparation starts earlier (level 4 at level 3), and the
 * cross-cutting ones. Current level first.
 */
export function activeSections(template: ProcessTemplate, state: EscalationState): SectionId[] {
  const current = sectionForLevel(template, state.level);
  const workable = new Set(template.obligations.filter((o) => isWorkable(template, state, o)).map((o) => o.section));
  const levels = template.levels
    .filter((l) => l.level <= highestLevelReached(state) || workable.has(l.section))
    .map((l) => l.section)
    .filter((s) => s !== current)
    .sort((a, b) => (b > a ? 1 : -1));
  const crossCutting = template.sections.filter((s) => s.scope === 'cross-cutting').map((s) => s.id);
  return [current, ...levels, ...crossCutting];
}

/**
 * Mandatory obligations of a section that are workable and not fulfilled, contractor first, in pair order.
 * Retired obligations never block.
 */
export function openMandatoryObligations(
  template: ProcessTemplate,
  state: EscalationState,
  section: SectionId,
  party?: Party,
): OpenObligation[] {
  return template.obligations
    .filter((o) => o.section === section && o.mandatoryToLeaveStage && isWorkable(template, state, o))
    .filter((o) => (party ? o.party === party : true))
    .filter((o) => !fulfilmentOf(template, state, o))
    .sort((a, b) => (a.party === b.party ? a.pairIndex - b.pairIndex : a.party === 'contractor' ? -1 : 1))
    .map((o) => ({ id: o.id, party: o.party }));
}

/**
 * The party's own open mandatory duties of the level that hold it back: those it owes now, not answers to
 * something the other party has not delivered (the party in default cannot block the remedy that way).
 */
export function ownDutiesHoldingBack(template: ProcessTemplate, state: EscalationState, party: Party): OpenObligation[] {
  const section = sectionForLevel(template, state.level);
  return openMandatoryObligations(template, state, section, party).filter((open) => {
    const obligation = template.obligations.find((o) => o.id === open.id);
    return obligation !== undefined && !awaitsCounterpart(template, state, obligation);
  });
}

/** The party whose open obligations hold the stage: the contractor acts first, the client answers. */
export function awaitedParty(open: readonly OpenObligation[]): Party | undefined {
  return open[0]?.party;
}

/** Whether the current level's agreed time frame has run out at `now`. */
export function levelTimeFrameExpired(levelDueAt: Date | undefined, now: Date): boolean {
  return levelDueAt !== undefined && now.getTime() >= levelDueAt.getTime();
}

/** The other party. */
export function otherParty(party: Party): Party {
  return party === 'contractor' ? 'client' : 'contractor';
}
