import { renderHtml } from '../domain/report/render-html';
import { renderMarkdown } from '../domain/report/render-markdown';
import type { ReportDocument, ReportFormat } from '../shared/report-view';
import type { Requester } from './escalation-deps';
import { nameReportPeople, openReportWorkspace, type ReportDeps } from './report-workspace';
import { UseCaseError } from './use-case-error';

const KINDS: Record<ReportFormat, { ext: string; mimeType: string }> = {
  markdown: { ext: 'md', mimeType: 'text/markdown;charset=utf-8' },
  html: { ext: 'html', mimeType: 'text/html;charset=utf-8' },
  storage: { ext: 'xml', mimeType: 'application/xml;charset=utf-8' },
};

/**
 * A submitted version exactly as frozen (read back, checked against its hash), as Markdown, printable
 * HTML or the storage text. Later changes to the escalation do not touch it. Markdown and HTML carry the
 * people's current names (a closed account as a former user); the storage text is the hashed original,
 * which names people only by account id.
 */
export async function getReportVersion(
  deps: ReportDeps,
  requester: Requester,
  input: { reportVersion: number; format: ReportFormat },
): Promise<ReportDocument> {
  const workspace = await openReportWorkspace(deps, requester);
  const version = workspace.state.reports.find((r) => r.version === input.reportVersion);
  if (!version) throw new UseCaseError('not-found', `Report version ${input.reportVersion} does not exist.`);
  const frozen = await deps.archive.load(workspace.issue.id, version.contentHash);
  const named = await nameReportPeople(deps, frozen.report);
  const content =
    input.format === 'markdown' ? renderMarkdown(named.report) : input.format === 'html' ? renderHtml(named.report) : frozen.storage;
  const kind = KINDS[input.format];
  return {
    reportVersion: version.version,
    format: input.format,
    contentHash: version.contentHash,
    filename: `${workspace.issue.key}-escalation-report-v${version.version}.${kind.ext}`,
    mimeType: kind.mimeType,
    content,
    namesRemoved: named.namesRemoved,
    // Every version frozen since links at least the person who started the escalation by account id.
    namesAsFrozen: !frozen.storage.includes('<ri:user ri:account-id='),
  };
}
