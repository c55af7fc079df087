import { processTemplateSchema, type ProcessTemplate } from './process-template';
import { DOCUMENTATION_OBLIGATIONS } from './default-template/documentation';
import { DEFAULT_FULFILMENT, DEFAULT_OPENS_AT_LEVEL } from './default-template/fulfilment';
import { LEVEL_1_OBLIGATIONS } from './default-template/level-1';
import { LEVEL_2_OBLIGATIONS } from './default-template/level-2';
import { LEVEL_3_OBLIGATIONS } from './default-template/level-3';
import { LEVEL_4_OBLIGATIONS } from './default-template/level-4';
import { PRINCIPLES } from './default-template/principles';
import { REVISION_OBLIGATIONS } from './default-template/revision';

/*
 * The default process template: the annex "Ergänzende Leistungsbeschreibung: Eskalationsprozess" as data.
 * German texts are verbatim from the annex (checked against the seed by default-template.test.ts).
 *
 * `mandatoryToLeaveStage`, rule of thumb: an obligation gates leaving its stage when the next stage (or the
 * resolution) would have no footing without it: the other side has been notified, the facts are recorded, the
 * plan, meeting or hand-over the stage exists for has happened, and the client has approved what it must
 * approve. Not mandatory: one-off set-up usually done before any escalation (contact data, tool access),
 * ongoing duties (status updates, monitoring, "regelmäßig" reviews), follow-up and lessons learned (root cause
 * analysis, preventive strategies, implementation after the decision), attitudes (constructive participation)
 * and anything "bei Bedarf". Documentation (cross-cutting): what must exist before an escalation is closed.
 * Revision (process-level): never, it is tracked by the yearly review deadline instead.
 */

const template: ProcessTemplate = {
  id: 'eskalationsprozess-default',
  version: 1,
  title: {
    de: 'Ergänzende Leistungsbeschreibung: Eskalationsprozess',
    en: 'Supplementary service description: escalation process',
  },
  source: 'Ergänzende Leistungsbeschreibung: Eskalationsprozess, Christian Ullrich, Sommer 2024',
  principles: PRINCIPLES,
  triggers: [
    { id: 'sla-breach', label: { de: 'SLA nicht eingehalten', en: 'SLA not met' } },
    {
      id: 'contract-interpretation',
      label: {
        de: 'Meinungsverschiedenheit über die Vertragsauslegung',
        en: 'Disagreement on contract interpretation',
      },
    },
    { id: 'other', label: { de: 'Sonstiges', en: 'Other' } },
  ],
  levels: [
    { level: 1, section: 'level-1', name: { de: 'Sofortige Problemlösung', en: 'Immediate problem solving' } },
    {
      level: 2,
      section: 'level-2',
      name: { de: 'Einbeziehung des mittleren Managements', en: 'Middle management involvement' },
    },
    {
      level: 3,
      section: 'level-3',
      name: { de: 'Einbeziehung der Geschäftsleitung', en: 'Executive management involvement' },
    },
    { level: 4, section: 'level-4', name: { de: 'Externe Schlichtung', en: 'External conciliation' } },
  ],
  sections: [
    {
      id: 'level-1',
      title: { de: 'Sofortige Problemlösung', en: 'Immediate problem solving' },
      scope: 'level',
      level: 1,
    },
    {
      id: 'level-2',
      title: { de: 'Einbeziehung des mittleren Managements', en: 'Middle management involvement' },
      scope: 'level',
      level: 2,
    },
    {
      id: 'level-3',
      title: { de: 'Einbeziehung der Geschäftsleitung', en: 'Executive management involvement' },
      scope: 'level',
      level: 3,
    },
    {
      id: 'level-4',
      title: { de: 'Externe Schlichtung', en: 'External conciliation' },
      scope: 'level',
      level: 4,
    },
    {
      id: 'documentation',
      title: {
        de: 'Dokumentation und Berichterstattung einer Eskalation',
        en: 'Documentation and reporting of an escalation',
      },
      scope: 'cross-cutting',
    },
    {
      id: 'revision',
      title: {
        de: 'Revision und Aktualisierung des Eskalationsprozesses',
        en: 'Revision and updating of the escalation process',
      },
      scope: 'process',
    },
  ],
  timeFrames: [
    {
      key: 'criticalNotification',
      label: { de: 'Benachrichtigung bei kritischem Problem', en: 'Critical problem notification' },
      default: { amount: 2, unit: 'hours' },
      // The annex says "innerhalb von zwei Stunden" with no mention of business hours: the clock always runs.
      calendar: 'continuous',
    },
    {
      key: 'immediate',
      label: { de: 'Umgehend / unverzüglich', en: 'Immediately / without undue delay' },
      // "umgehend"/"unverzüglich" name no number: one business hour. Unlike the literal "zwei Stunden" it
      // counts working time, so nobody is warned at 03:45; an obligation may set its own calendar.
      default: { amount: 1, unit: 'hours' },
      calendar: 'business',
    },
    {
      key: 'escalationNotice',
      label: {
        de: 'Festgelegte Frist für die Eskalationsbenachrichtigung',
        en: 'Specified period for the escalation notice',
      },
      default: { amount: 4, unit: 'hours' },
      calendar: 'business',
    },
    {
      key: 'statusUpdateInterval',
      label: { de: 'Vereinbarter Zeitrahmen für Statusupdates', en: 'Agreed status update interval' },
      default: { amount: 4, unit: 'hours' },
      calendar: 'business',
    },
    {
      key: 'levelTimeFrame',
      label: { de: 'Vereinbarter Zeitrahmen je Eskalationsstufe', en: 'Agreed time frame per escalation level' },
      // Same default for every level; a project configures per-level values on top of it.
      default: { amount: 3, unit: 'workingDays' },
      calendar: 'business',
    },
    {
      key: 'clientResponse',
      label: { de: 'Zeitnahe Rückmeldung des Auftraggebers', en: 'Prompt client response' },
      default: { amount: 2, unit: 'workingDays' },
      calendar: 'business',
    },
    {
      key: 'processReview',
      label: { de: 'Überprüfung des Eskalationsprozesses', en: 'Escalation process review' },
      default: { amount: 1, unit: 'years' },
      calendar: 'continuous',
    },
  ],
  obligations: [
    ...LEVEL_1_OBLIGATIONS,
    ...LEVEL_2_OBLIGATIONS,
    ...LEVEL_3_OBLIGATIONS,
    ...LEVEL_4_OBLIGATIONS,
    ...DOCUMENTATION_OBLIGATIONS,
    ...REVISION_OBLIGATIONS,
  ].map((o) => {
    const fulfilment = DEFAULT_FULFILMENT[o.id];
    if (!fulfilment) throw new Error(`${o.id} has no fulfilment rule`);
    const opensAtLevel = DEFAULT_OPENS_AT_LEVEL[o.id];
    return { ...o, fulfilment, ...(opensAtLevel ? { opensAtLevel } : {}) };
  }),
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The built-in template (id `eskalationsprozess-default`, version 1). Parsed at module load so a broken
 * template fails on import rather than in a running escalation; frozen because it is shared and published
 * templates are immutable.
 */
export const DEFAULT_PROCESS_TEMPLATE: ProcessTemplate = deepFreeze(processTemplateSchema.parse(template));
