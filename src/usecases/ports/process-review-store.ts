import type { ProcessReview } from '../../domain/review/process-review';

/** Yearly review records, one per year; every change is also in the `review` audit log. */
export interface ProcessReviewStore {
  get(id: string): Promise<ProcessReview | undefined>;
  list(): Promise<ProcessReview[]>;
  save(review: ProcessReview): Promise<void>;
}

/** Publishes the review record as a Confluence page (storage format); returns the page. */
export interface ReviewPublisher {
  /** @throws SpaceNotFoundError (port-errors) when the space or the parent page does not exist or cannot be seen. */
  publish(input: {
    spaceKey: string;
    parentId?: string;
    title: string;
    storage: string;
    pageId?: string;
  }): Promise<{ pageId: string; url: string; version: number }>;
}
