import { kvs } from './rate-limited-kvs';
import { processReviewSchema } from '../../domain/review/process-review';
import type { ProcessReviewStore } from '../../usecases/ports/process-review-store';
import { CorruptRecordError } from './escalation-event-store';
import { queryPrefix } from './kvs-prefix-query';

/**
 * Yearly review records, one per project and year: `project-review:<projectKey>:<year>`. The site-wide
 * records from before (`review:<year>`) are read only; their prefix does not match the projects' keys.
 */
const prefix = (projectKey: string) => `project-review:${projectKey}:`;
const SITE_PREFIX = 'review:';

const parse = (key: string, stored: unknown) => {
  const parsed = processReviewSchema.safeParse(stored);
  if (!parsed.success) throw new CorruptRecordError(`Review ${key} is not valid: ${parsed.error.message}`);
  return parsed.data;
};

export const kvsProcessReviewStore: ProcessReviewStore = {
  async get(projectKey, id) {
    const key = `${prefix(projectKey)}${id}`;
    const stored = await kvs.get<unknown>(key);
    return stored === undefined ? undefined : parse(key, stored);
  },
  list(projectKey) {
    return queryPrefix(prefix(projectKey), (value) => processReviewSchema.safeParse(value).data);
  },
  async save(projectKey, review) {
    await kvs.set(`${prefix(projectKey)}${review.id}`, processReviewSchema.parse(review));
  },
  siteWide() {
    return queryPrefix(SITE_PREFIX, (value) => processReviewSchema.safeParse(value).data);
  },
};
