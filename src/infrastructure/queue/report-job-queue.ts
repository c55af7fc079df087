import { Queue } from '@forge/events';
import type { ReportJobQueue } from '../../usecases/ports/report-job-ports';

/** The queue key the manifest's report consumer listens to. */
export const REPORT_GENERATION_QUEUE = 'report-generation';

/**
 * Two reports are generated at once at most: each reads the whole history and writes its pages, so more at once
 * would compete for the installation's storage quota and Jira's points with the panel and the sweep.
 */
const REPORT_CONCURRENCY = { key: 'report-generation', limit: 2 } as const;

/** One event per job: its ids only (the job is stored; events for long-running consumers stay under 100 KB). */
export const forgeReportJobQueue: ReportJobQueue = {
  async push(job) {
    await new Queue({ key: REPORT_GENERATION_QUEUE }).push([
      { body: { issueId: job.issueId, jobId: job.jobId }, concurrency: REPORT_CONCURRENCY },
    ]);
  },
};
