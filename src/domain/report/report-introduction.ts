import type { ReportContext } from './report-context';
import { sectionTitle } from './report-labels';
import type { ReportSection } from './report-model';

/**
 * The principles the introduction quotes, in this order: last resort, not to assign blame, good faith,
 * objectivity, and the goal of a mutual agreement ("Einleitung" and "Definition der Eskalation").
 */
export const REPORT_PRINCIPLE_IDS: readonly string[] = ['intro-07', 'intro-06', 'intro-08', 'definition-05', 'definition-09'];

/**
 * The report's introduction: the annex's principles the escalation was to be handled by, quoted from the
 * escalation's frozen template in the report's language. A template without those ids has all its
 * principles quoted (an edited template may number them differently); one without any says so.
 */
export function introductionSection(c: ReportContext): ReportSection {
  const { input, labels: L } = c;
  const { template, locale } = input;
  const chosen = REPORT_PRINCIPLE_IDS.flatMap((id) => template.principles.filter((p) => p.id === id));
  const quoted = chosen.length > 0 ? chosen : template.principles;
  const chapter = { introduction: L['chapters.introduction'], definition: L['chapters.definition'] };
  return {
    id: 'introduction',
    title: sectionTitle('introduction', input.words),
    blocks:
      quoted.length > 0
        ? [
            { kind: 'paragraph', text: L.principlesLead },
            { kind: 'list', items: quoted.map((p) => `${p.text[locale]} (${chapter[p.chapter]})`) },
          ]
        : [{ kind: 'note', text: L.none }],
  };
}
