import { z } from 'zod';
import type { ReportPage } from '../../domain/report/report-pages';
import type { ReportJobResult, ReportJobStore } from '../../usecases/ports/report-job-ports';
import { CorruptRecordError } from './escalation-event-store';
import { setIfAbsent } from './kvs-prefix-query';
import { kvs } from './rate-limited-kvs';
import { reportBlockSchema } from './report-archive-store';

const hashSchema = z.string().regex(/^[a-f0-9]{64}$/);
const jobSchema = z.object({
  issueId: z.string(),
  issueKey: z.string(),
  jobId: hashSchema,
  logHead: z.number().int().nonnegative(),
  locale: z.enum(['de', 'en']),
  texts: z.record(z.string(), z.string()),
  generatedAt: z.string(),
  requestedBy: z.string(),
});
const headSchema = z
  .object({
    locale: z.enum(['de', 'en']),
    title: z.string(),
    issueKey: z.string(),
    generatedAt: z.string(),
    subtitle: z.string(),
    obligations: z.array(z.unknown()),
    figures: z.object({}).passthrough(),
  })
  .passthrough();
const resultSchema = z.object({ contentHash: hashSchema, pages: z.number().int().positive(), head: headSchema });
const pageSchema = z.object({ sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(reportBlockSchema) })) });

const jobKey = (issueId: string, jobId: string) => `report-job:${issueId}:${jobId}`;
const pageKey = (issueId: string, hash: string, index: number) => `report-page:${issueId}:${hash}:${String(index).padStart(5, '0')}`;

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CorruptRecordError(`${what} is not valid: ${result.error.message}`);
  return result.data;
}

/**
 * Background report jobs and their pages in Forge KVS. Every key is written create-only
 * (`setIfAbsent`): a job, its result and each page once; a page under 240 KiB (the caller's page size keeps
 * it so). Read back, each is checked with zod.
 */
export const kvsReportJobStore: ReportJobStore = {
  async create(job) {
    return (await setIfAbsent(jobKey(job.issueId, job.jobId), job)) === 'created';
  },
  async get(issueId, jobId) {
    const value = await kvs.get<unknown>(jobKey(issueId, jobId));
    return value === undefined ? undefined : parsed(jobSchema, value, `Report job ${jobId}`);
  },
  async result(issueId, jobId) {
    const value = await kvs.get<unknown>(`${jobKey(issueId, jobId)}:result`);
    return value === undefined ? undefined : (parsed(resultSchema, value, `Report job ${jobId} result`) as unknown as ReportJobResult);
  },
  async finish(issueId, jobId, result) {
    // A second finisher (a redelivered event) wrote the same content; a different one is kept as it was.
    await setIfAbsent(`${jobKey(issueId, jobId)}:result`, result);
  },
  async hasPage(issueId, hash, index) {
    return (await kvs.get<unknown>(pageKey(issueId, hash, index))) !== undefined;
  },
  async savePage(issueId, hash, index, page) {
    await setIfAbsent(pageKey(issueId, hash, index), page);
  },
  async page(issueId, hash, index) {
    const value = await kvs.get<unknown>(pageKey(issueId, hash, index));
    if (value === undefined) throw new CorruptRecordError(`Page ${index} of report ${hash} of issue ${issueId} is missing`);
    return parsed(pageSchema, value, `Page ${index} of report ${hash}`) as unknown as ReportPage;
  },
};
