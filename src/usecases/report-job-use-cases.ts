import { replayEscalation } from '../domain/escalation/replay-escalation';
import type { Locale } from '../domain/process/process-template';
import { renderHtml } from '../domain/report/render-html';
import { paginatePieces } from '../domain/report/report-pages';
import { reportJsonPieces, storagePieces } from '../domain/report/report-stream';
import { cleanReportTexts, type ReportTexts } from '../domain/report/report-texts';
import type { ReportGenerating, ReportPreview } from '../shared/report-view';
import type { Requester } from './escalation-deps';
import type { Workspace } from './escalation-workspace';
import type { ReportJob } from './ports/report-job-ports';
import { nameReportPeople, streamReport, type ReportDeps } from './report-workspace';
import { UseCaseError } from './use-case-error';

/**
 * Above this many events (escalation log + changelog + comments) a report is generated in the background.
 * Measured with `npm run bench:report`: 10,000 events take 7.2 s of a resolver's 25 s on the critical path
 * (mostly the log, read 20 events a query) and answer about 1 MB of the bridge's 5 MB. Both grow with the
 * events, so up to 10,000 a resolver keeps a margin of three in time and four in size for slower answers and
 * longer texts; beyond, the consumer (up to 900 s) generates it and the panel shows it page by page.
 */
export const BACKGROUND_REPORT_ABOVE_EVENTS = 10_000;

/**
 * One stored page of a report, as JSON: under KVS's 240 KiB per value, and as HTML (cells add their tags,
 * escaping at most doubles a character class) still well under 1 MB in the resolver's answer.
 */
export const REPORT_PAGE_BYTES = 200 * 1024;

/** A consumer stops writing pages with less than this left and hands the job on (re-queued). */
export const REPORT_PAGE_RESERVE_MS = 10_000;

/** A job asked for this long ago without a result is pushed once more (its consumer may have given up). */
const STALE_JOB_MS = 20 * 60_000;

const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** What a large report is generated from: its job's name and contents, or `undefined` for a report generated at once. */
async function largeReport(
  deps: ReportDeps,
  requester: Requester,
  input: { locale: Locale; texts?: ReportTexts },
): Promise<ReportJob | undefined> {
  const [access, issue] = await Promise.all([deps.issues.userAccess(requester.issueKey), deps.issues.issue(requester.issueKey)]);
  if (!access.browse || !issue) throw new UseCaseError('not-found', NOT_FOUND);
  const [head, size] = await Promise.all([deps.events.head(issue.id), deps.reportJira.historySize(issue)]);
  // A log stored before the store kept its head is an old, small one: generated at once.
  if (head === undefined || head + size.changelog + size.comments <= (deps.backgroundReportAbove ?? BACKGROUND_REPORT_ABOVE_EVENTS))
    return undefined;
  if (head === 0) throw new UseCaseError('rejected', 'No escalation has been started on this issue.', { reason: 'no-escalation' });
  const texts = cleanReportTexts(input.texts);
  return {
    issueId: issue.id,
    issueKey: issue.key,
    jobId: deps.sha256(JSON.stringify([head, input.locale, texts])),
    logHead: head,
    locale: input.locale,
    texts,
    generatedAt: deps.now().toISOString(),
    requestedBy: requester.accountId,
  };
}

/**
 * A large report's preview: page `page` of the generated report once its job has finished, else "being
 * generated" (the job is asked for once; a job asked for long ago without a result is pushed again).
 * @returns `undefined` when the report is small enough to be generated in the resolver.
 */
export async function previewLargeReport(
  deps: ReportDeps,
  requester: Requester,
  input: { locale: Locale; texts?: ReportTexts; page?: number },
): Promise<ReportPreview | ReportGenerating | undefined> {
  const asked = await largeReport(deps, requester, input);
  if (!asked) return undefined;
  const result = await deps.reportJobs.result(asked.issueId, asked.jobId);
  if (!result) {
    const ids = { issueId: asked.issueId, jobId: asked.jobId };
    if (await deps.reportJobs.create(asked)) {
      await deps.reportQueue.push(ids);
      return { generating: true, locale: input.locale, requestedAt: asked.generatedAt };
    }
    const job = (await deps.reportJobs.get(asked.issueId, asked.jobId)) ?? asked;
    if (deps.now().getTime() - Date.parse(job.generatedAt) > STALE_JOB_MS) await deps.reportQueue.push(ids);
    return { generating: true, locale: input.locale, requestedAt: job.generatedAt };
  }
  const index = Math.min(Math.max(1, input.page ?? 1), result.pages) - 1;
  const page = await deps.reportJobs.page(asked.issueId, result.contentHash, index);
  const named = await nameReportPeople(deps, { ...result.head, sections: page.sections });
  return {
    locale: result.head.locale,
    generatedAt: result.head.generatedAt,
    contentHash: result.contentHash,
    title: result.head.title,
    html: renderHtml(named.report),
    page: { number: index + 1, count: result.pages },
  };
}

/** The content hash of a large report generated for exactly these inputs, if its job has finished. */
export async function largeReportHash(
  deps: ReportDeps,
  requester: Requester,
  input: { locale: Locale; texts?: ReportTexts },
): Promise<{ large: false } | { large: true; contentHash: string | undefined }> {
  const asked = await largeReport(deps, requester, input);
  if (!asked) return { large: false };
  return { large: true, contentHash: (await deps.reportJobs.result(asked.issueId, asked.jobId))?.contentHash };
}

/** The job's escalation as the app reads it: the log up to the job's head, so later events do not change the content. */
async function jobWorkspace(deps: ReportDeps, job: ReportJob): Promise<Workspace> {
  const [issue, fullLog] = await Promise.all([deps.issues.issue(job.issueKey), deps.events.load(job.issueId)]);
  if (!issue || issue.id !== job.issueId) throw new UseCaseError('not-found', `Issue ${job.issueKey} of report job ${job.jobId} is gone.`);
  const log = fullLog.filter((e) => e.seq <= job.logHead);
  const state = replayEscalation(log);
  if (!state || log.length !== job.logHead)
    throw new UseCaseError('conflict', `The log of ${job.issueKey} is not as the job was asked for.`);
  const [configuration, template] = await Promise.all([deps.configurations.get(issue.projectKey), deps.templates.get(state.template)]);
  return { issue, access: { browse: true, edit: false, admin: false }, viewerParty: null, configuration, log, state, template };
}

/**
 * The queue consumer's work: generates the job's report exactly as the resolver would (same sections, the job's
 * time of generation), but as a stream: the history is read page by page into a digest, the storage text is
 * hashed part by part, the report is frozen in the archive chunk by chunk (what submit, approval and export
 * read) and its pages are made and written create-only one at a time, then the job's result. Nothing of the
 * report is held whole. The pages written are the checkpoint: with less than {@link REPORT_PAGE_RESERVE_MS}
 * left the job is pushed again, and the next run writes only the missing pages.
 */
export async function generateReportJob(
  deps: ReportDeps & { readonly remainingMs: () => number },
  ids: { readonly issueId: string; readonly jobId: string },
): Promise<'done' | 'requeued' | 'missing'> {
  const job = await deps.reportJobs.get(ids.issueId, ids.jobId);
  if (!job) return 'missing';
  if (await deps.reportJobs.result(ids.issueId, ids.jobId)) return 'done';
  const workspace = await jobWorkspace(deps, job);
  const report = await streamReport(deps, workspace, job.locale, job.texts, new Date(job.generatedAt));
  const contentHash = deps.sha256OfParts(storagePieces(report));
  await deps.archive.saveParts(job.issueId, {
    contentHash,
    reportJson: () => reportJsonPieces(report),
    storage: () => storagePieces(report),
  });
  let pages = 0;
  for (const page of paginatePieces(report.pieces(), REPORT_PAGE_BYTES)) {
    const index = pages++;
    if (deps.remainingMs() < REPORT_PAGE_RESERVE_MS) {
      await deps.reportQueue.push(ids);
      return 'requeued';
    }
    if (!(await deps.reportJobs.hasPage(job.issueId, contentHash, index)))
      await deps.reportJobs.savePage(job.issueId, contentHash, index, page);
  }
  await deps.reportJobs.finish(job.issueId, job.jobId, { contentHash, pages, head: report.head });
  return 'done';
}
