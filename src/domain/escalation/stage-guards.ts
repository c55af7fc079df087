import type { Level, Party, ProcessTemplate, SectionId } from '../process/process-template';
import type { EscalationState } from './escalation-state';
import type { OpenObligation } from './escalation-rejection';

/** The section whose obligations apply while the escalation is at `level`. */
export function sectionForLevel(template: ProcessTemplate, level: Level): SectionId {
  const definition = template.levels.find((l) => l.level === level);
  if (!definition) throw new Error(`template ${template.id} v${template.version} has no level ${level}`);
  return definition.section;
}

/** Sections whose obligations may be worked on now: the current level's and the cross-cutting ones. */
export function activeSections(template: ProcessTemplate, state: EscalationState): SectionId[] {
  const crossCutting = template.sections.filter((s) => s.scope === 'cross-cutting').map((s) => s.id);
  return [sectionForLevel(template, state.level), ...crossCutting];
}

/**
 * Mandatory obligations of a section that are not fulfilled, contractor first, in pair order.
 * Retired obligations never block.
 */
export function openMandatoryObligations(
  template: ProcessTemplate,
  state: EscalationState,
  section: SectionId,
  party?: Party,
): OpenObligation[] {
  return template.obligations
    .filter((o) => o.section === section && o.mandatoryToLeaveStage && !o.retired)
    .filter((o) => (party ? o.party === party : true))
    .filter((o) => !state.fulfilments[o.id])
    .sort((a, b) => (a.party === b.party ? a.pairIndex - b.pairIndex : a.party === 'contractor' ? -1 : 1))
    .map((o) => ({ id: o.id, party: o.party }));
}

/** The party whose open obligations hold the stage: the contractor acts first, the client answers. */
export function awaitedParty(open: readonly OpenObligation[]): Party | undefined {
  return open[0]?.party;
}

/** Whether the current level's agreed time frame has run out at `now`. */
export function levelTimeFrameExpired(levelDueAt: Date | undefined, now: Date): boolean {
  return levelDueAt !== undefined && now.getTime() >= levelDueAt.getTime();
}
