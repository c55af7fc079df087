import type {
  Level,
  LevelDefinition,
  Obligation,
  Party,
  ProcessTemplate,
  Section,
  SectionId,
  TimeFrame,
  TimeFrameKey,
} from './process-template';

/** A contractor obligation and the client obligation that answers it (same pair index). */
export interface ObligationPair {
  pairIndex: number;
  contractor?: Obligation;
  client?: Obligation;
}

/**
 * All obligations of a section, both parties, in template order; retired ones included (they stay for the record).
 */
export function obligationsOfSection(template: ProcessTemplate, sectionId: SectionId): Obligation[] {
  return template.obligations.filter((o) => o.section === sectionId);
}

/**
 * The section's obligations grouped by pair index (contractor item i answers client item i), sorted by index.
 * A side is absent when the template has no obligation for it at that index.
 */
export function obligationPairs(template: ProcessTemplate, sectionId: SectionId): ObligationPair[] {
  const pairs = new Map<number, ObligationPair>();
  for (const obligation of obligationsOfSection(template, sectionId)) {
    const pair = pairs.get(obligation.pairIndex) ?? { pairIndex: obligation.pairIndex };
    pair[obligation.party] = obligation;
    pairs.set(obligation.pairIndex, pair);
  }
  return [...pairs.values()].sort((a, b) => a.pairIndex - b.pairIndex);
}

/** The obligation with that id (e.g. `L1-C-02`), or `undefined`. */
export function findObligation(template: ProcessTemplate, id: string): Obligation | undefined {
  return template.obligations.find((o) => o.id === id);
}

/**
 * The definition (name, section) of an escalation level.
 * @throws if the template does not define the level (a valid template defines all four).
 */
export function levelDefinition(template: ProcessTemplate, level: Level): LevelDefinition {
  const definition = template.levels.find((l) => l.level === level);
  if (!definition) throw new Error(`template ${template.id}@${template.version} defines no level ${level}`);
  return definition;
}

/**
 * The section holding the obligations of an escalation level.
 * @throws if the template has no such level or section.
 */
export function sectionOfLevel(template: ProcessTemplate, level: Level): Section {
  const sectionId = levelDefinition(template, level).section;
  const section = template.sections.find((s) => s.id === sectionId);
  if (!section) throw new Error(`template ${template.id}@${template.version} has no section ${sectionId}`);
  return section;
}

/**
 * The obligations that must be fulfilled before the stage may be left, optionally of one party only;
 * retired obligations never gate a stage.
 */
export function mandatoryObligations(template: ProcessTemplate, sectionId: SectionId, party?: Party): Obligation[] {
  return obligationsOfSection(template, sectionId).filter(
    (o) => o.mandatoryToLeaveStage && !o.retired && (party === undefined || o.party === party),
  );
}

/**
 * A named time frame with its default duration and calendar.
 * @throws if the template does not define it.
 */
export function timeFrame(template: ProcessTemplate, key: TimeFrameKey): TimeFrame {
  const found = template.timeFrames.find((t) => t.key === key);
  if (!found) throw new Error(`template ${template.id}@${template.version} has no time frame ${key}`);
  return found;
}
