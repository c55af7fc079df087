import type { ProcessReview } from '../../domain/review/process-review';

/**
 * Yearly review records, one per project (contract) and year; every change is also in the project's
 * `project-review:<key>` audit log.
 */
export interface ProcessReviewStore {
  get(projectKey: string, id: string): Promise<ProcessReview | undefined>;
  list(projectKey: string): Promise<ProcessReview[]>;
  save(projectKey: string, review: ProcessReview): Promise<void>;
  /** The site-wide records from before reviews were per project: read only, shown to every project. */
  siteWide(): Promise<ProcessReview[]>;
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
