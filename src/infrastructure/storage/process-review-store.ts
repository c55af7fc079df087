import { kvs } from '@forge/kvs';
import { processReviewSchema } from '../../domain/review/process-review';
import type { ProcessReviewStore } from '../../usecases/ports/process-review-store';
import { CorruptRecordError } from './escalation-event-store';
import { queryPrefix } from './kvs-prefix-query';

const PREFIX = 'review:';

/** Yearly review records, one per year (`review:<year>`); every change is also in the `review` audit log. */
export const kvsProcessReviewStore: ProcessReviewStore = {
  async get(id) {
    const stored = await kvs.get<unknown>(`${PREFIX}${id}`);
    if (stored === undefined) return undefined;
    const parsed = processReviewSchema.safeParse(stored);
    if (!parsed.success) throw new CorruptRecordError(`Review ${id} is not valid: ${parsed.error.message}`);
    return parsed.data;
  },
  list() {
    return queryPrefix(PREFIX, (value) => processReviewSchema.safeParse(value).data);
  },
  async save(review) {
    await kvs.set(`${PREFIX}${review.id}`, processReviewSchema.parse(review));
  },
};
