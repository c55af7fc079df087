import { SpaceNotFoundError } from '../../usecases/ports/port-errors';
import type { ReviewPublisher } from '../../usecases/ports/process-review-store';
import { NotFoundError } from '../http/product-request';
import { asConfluenceUnavailable } from './confluence-report-publisher';
import type { ConfluenceClient } from './confluence-client';

type ReviewPageInput = Parameters<ReviewPublisher['publish']>[0];

/**
 * Publishes the yearly review record as a Confluence page through the report engineer's v2 client:
 * the first export creates the page, later exports add a version to the same page.
 */
export class ConfluenceReviewPublisher implements ReviewPublisher {
  constructor(private readonly confluence: ConfluenceClient) {}

  publish(input: ReviewPageInput) {
    return this.write(input).catch((error: unknown) => Promise.reject(asConfluenceUnavailable(error)));
  }

  private async write(input: ReviewPageInput) {
    if (input.pageId) {
      try {
        const current = await this.confluence.getPage(input.pageId);
        const page = await this.confluence.updatePage({
          id: input.pageId,
          title: input.title,
          storage: input.storage,
          versionNumber: current.version.number + 1,
          message: 'Review record updated',
        });
        return { pageId: page.id, url: urlOf(page), version: page.version.number };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error; // the page was deleted: create a new one
      }
    }
    try {
      const space = await this.confluence.getSpaceByKey(input.spaceKey);
      if (!space) throw new SpaceNotFoundError(input.spaceKey);
      const page = await this.confluence.createPage({
        spaceId: space.id,
        title: input.title,
        storage: input.storage,
        ...(input.parentId ? { parentId: input.parentId } : {}),
      });
      return { pageId: page.id, url: urlOf(page), version: page.version.number };
    } catch (error) {
      // Confluence answers 404 for a parent page that does not exist or that the user may not see.
      if (error instanceof NotFoundError) throw new SpaceNotFoundError(input.spaceKey, { cause: error });
      throw error;
    }
  }
}

function urlOf(page: { id: string; _links?: { webui?: string; base?: string } }): string {
  const webui = page._links?.webui ?? `/pages/${page.id}`;
  return `${page._links?.base ?? '/wiki'}${webui}`;
}
