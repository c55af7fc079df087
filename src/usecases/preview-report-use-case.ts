import type { Locale } from '../domain/process/process-template';
import type { ReportTexts } from '../domain/report/report-texts';
import { renderHtml } from '../domain/report/render-html';
import type { ReportGenerating, ReportPreview } from '../shared/report-view';
import type { Requester } from './escalation-deps';
import { previewLargeReport } from './report-job-use-cases';
import { generateReport, nameReportPeople, openReportWorkspace, type ReportDeps } from './report-workspace';

/**
 * Generates the report now, as it would be submitted, for anyone who may see the issue. Changes nothing. A
 * large one is generated in the background instead and previewed page by page once ready (its job and pages
 * are stored; nothing of the escalation changes).
 */
export async function previewReport(
  deps: ReportDeps,
  requester: Requester,
  input: { locale: Locale; texts?: ReportTexts; page?: number },
): Promise<ReportPreview | ReportGenerating> {
  const large = await previewLargeReport(deps, requester, input);
  if (large) return large;
  const workspace = await openReportWorkspace(deps, requester);
  const generated = await generateReport(deps, workspace, input.locale, input.texts);
  const named = await nameReportPeople(deps, generated.report);
  return {
    locale: input.locale,
    generatedAt: generated.report.generatedAt,
    contentHash: generated.contentHash,
    title: generated.report.title,
    html: renderHtml(named.report),
  };
}
