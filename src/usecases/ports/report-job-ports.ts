import type { Locale } from '../../domain/process/process-template';
import type { ReportHead, ReportPage } from '../../domain/report/report-pages';
import type { ReportTexts } from '../../domain/report/report-texts';

/**
 * A request to generate a large report in the background. Named by what it is generated from — the issue,
 * the log up to `logHead`, the language and the contractor's texts — so asking again finds the same job.
 * `generatedAt` is fixed when it is asked for: a run resumed after a timeout renders the same content.
 */
export interface ReportJob {
  readonly issueId: string;
  readonly issueKey: string;
  readonly jobId: string;
  readonly logHead: number;
  readonly locale: Locale;
  readonly texts: ReportTexts;
  readonly generatedAt: string;
  readonly requestedBy: string;
}

/** A finished job: the content's hash, its head (title, figures …) and how many pages hold its sections. */
export interface ReportJobResult {
  readonly contentHash: string;
  readonly pages: number;
  readonly head: ReportHead;
}

/**
 * The jobs and their pages, create-only: a job, a page and a result are each written once and never changed
 * (a page is named by the content hash it belongs to and its number, so a resumed run skips what it finds).
 */
export interface ReportJobStore {
  /** @returns false when the job already exists (asked before: nothing is written). */
  create(job: ReportJob): Promise<boolean>;
  get(issueId: string, jobId: string): Promise<ReportJob | undefined>;
  result(issueId: string, jobId: string): Promise<ReportJobResult | undefined>;
  finish(issueId: string, jobId: string, result: ReportJobResult): Promise<void>;
  hasPage(issueId: string, contentHash: string, index: number): Promise<boolean>;
  savePage(issueId: string, contentHash: string, index: number, page: ReportPage): Promise<void>;
  /** @throws an error when the page is missing or unreadable. */
  page(issueId: string, contentHash: string, index: number): Promise<ReportPage>;
}

/** Hands a job to the background consumer (again, when a run stops short of its end). */
export interface ReportJobQueue {
  push(job: { readonly issueId: string; readonly jobId: string }): Promise<void>;
}
