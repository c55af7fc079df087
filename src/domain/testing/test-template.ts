import { SECTION_CODES } from '../process/process-vocabulary';
import { processTemplateSchema, type Obligation, type ProcessTemplate, type SectionId } from '../process/process-template';

/**
 * A small template for domain tests: each section has three pairs; pair 1 of every level section is
 * mandatory for both parties, pair 2 only for the contractor, pair 3 optional.
 */
const sections: { id: SectionId; scope: 'level' | 'cross-cutting' | 'process'; level?: 1 | 2 | 3 | 4 }[] = [
  { id: 'level-1', scope: 'level', level: 1 },
  { id: 'level-2', scope: 'level', level: 2 },
  { id: 'level-3', scope: 'level', level: 3 },
  { id: 'level-4', scope: 'level', level: 4 },
  { id: 'documentation', scope: 'cross-cutting' },
  { id: 'revision', scope: 'process' },
];

function obligation(section: SectionId, party: 'contractor' | 'client', pairIndex: number): Obligation {
  const mandatory = section !== 'revision' && (pairIndex === 1 || (pairIndex === 2 && party === 'contractor'));
  return {
    id: `${SECTION_CODES[section]}-${party === 'contractor' ? 'C' : 'K'}-0${pairIndex}`,
    section,
    party,
    pairIndex,
    text: { de: `Pflicht ${section} ${party} ${pairIndex}`, en: `Duty ${section} ${party} ${pairIndex}` },
    kind: 'action',
    mandatoryToLeaveStage: mandatory,
  };
}

export const TEST_TEMPLATE: ProcessTemplate = processTemplateSchema.parse({
  id: 'test-template',
  version: 1,
  title: { de: 'Testprozess', en: 'Test process' },
  source: 'test fixture',
  principles: [],
  triggers: [
    { id: 'sla-breach', label: { de: 'SLA verletzt', en: 'SLA breach' } },
    { id: 'contract-interpretation', label: { de: 'Vertragsauslegung', en: 'Contract interpretation' } },
    { id: 'other', label: { de: 'Sonstiges', en: 'Other' } },
  ],
  levels: [1, 2, 3, 4].map((level) => ({
    level,
    section: `level-${level}`,
    name: { de: `Stufe ${level}`, en: `Level ${level}` },
  })),
  sections: sections.map((s) => ({ ...s, title: { de: s.id, en: s.id } })),
  timeFrames: [
    {
      key: 'levelTimeFrame',
      label: { de: 'Zeitrahmen', en: 'Time frame' },
      default: { amount: 3, unit: 'workingDays' },
      calendar: 'business',
    },
  ],
  obligations: sections.flatMap((s) => [1, 2, 3].flatMap((i) => [obligation(s.id, 'contractor', i), obligation(s.id, 'client', i)])),
});
