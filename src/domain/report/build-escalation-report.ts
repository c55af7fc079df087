import { reportContext, type ReportContext } from './report-context';
import { introductionSection } from './report-introduction';
import { obligationRecords, reportFigures } from './report-figures';
import type { ReportInput } from './report-input';
import type { EscalationReport } from './report-model';
import {
  actionPlansSection,
  approvalsSection,
  arbitrationSection,
  discussionSection,
  figuresSection,
  lessonsSection,
  obligationsSection,
  problemSection,
  revisionSection,
  rootCauseSection,
  summarySection,
  timelineSection,
} from './report-sections';

/**
 * Consolidates an escalation into its final report, following the annex: an introduction quoting its
 * principles, the contractor's summary and answer to a change request (free texts), problem and impact, the timeline by level, each party's obligations per level, action plans,
 * root cause and preventive measures, conciliation, lessons learned, figures and approvals (plus the
 * issue's discussion).
 * Pure: everything is passed in, including the time of generation.
 *
 * @example
 * const report = buildEscalationReport({ issue, log, state, template, policy, changelog, comments, people, locale: 'de', generatedAt: now });
 * const storage = renderStorage(report);
 */
export function buildEscalationReport(input: ReportInput): EscalationReport {
  const c = reportContext(input);
  const obligations = obligationRecords(input);
  const figures = reportFigures(input, obligations);
  return {
    ...reportHead(input, c, obligations, figures),
    sections: [
      introductionSection(c),
      ...[summarySection(c), revisionSection(c)].filter((s): s is NonNullable<typeof s> => s !== null),
      problemSection(c),
      timelineSection(c),
      obligationsSection(c, obligations),
      actionPlansSection(c),
      rootCauseSection(c),
      arbitrationSection(c),
      lessonsSection(c),
      figuresSection(c, figures),
      approvalsSection(c),
      discussionSection(c),
    ],
  };
}

/** The report's head (title, subtitle, time, obligations, figures): the same for the one-shot and the streamed report. */
export function reportHead(
  input: Pick<ReportInput, 'locale' | 'issue' | 'generatedAt'>,
  c: ReportContext,
  obligations: EscalationReport['obligations'],
  figures: EscalationReport['figures'],
): Omit<EscalationReport, 'sections'> {
  return {
    locale: input.locale,
    title: `${c.labels.title} ${input.issue.key}: ${input.issue.summary}`,
    issueKey: input.issue.key,
    generatedAt: input.generatedAt.toISOString(),
    subtitle: `${input.issue.key} · ${c.labels.generated} ${c.format.at(input.generatedAt.toISOString())}`,
    obligations,
    figures,
  };
}
