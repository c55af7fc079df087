import type { Locale } from '../domain/process/process-template';
import type { ReportTexts } from '../domain/report/report-texts';
import { renderHtml } from '../domain/report/render-html';
import type { ReportPreview } from '../shared/report-view';
import type { Requester } from './escalation-deps';
import { generateReport, nameReportPeople, openReportWorkspace, type ReportDeps } from './report-workspace';

/** Generates the report now, as it would be submitted, for anyone who may see the issue. Changes nothing. */
export async function previewReport(
  deps: ReportDeps,
  requester: Requester,
  input: { locale: Locale; texts?: ReportTexts },
): Promise<ReportPreview> {
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
