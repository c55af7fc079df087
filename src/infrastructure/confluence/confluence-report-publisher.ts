import { ConfluenceUnavailableError, SpaceNotFoundError } from '../../usecases/ports/port-errors';
import type { PublishedPage, ReportPageInput, ReportPublisher } from '../../usecases/ports/report-ports';
import { ConflictError, OutcomeUnknownError, ProductRequestError } from '../http/product-request';
import type { ConfluenceClient, ConfluencePage } from './confluence-client';

const urlOf = (page: ConfluencePage) => `${page._links?.base ?? ''}${page._links?.webui ?? `/pages/${page.id}`}`;

/**
 * Whatever else went wrong talking to Confluence (401/403 when the app is not installed in Confluence on this
 * site, 5xx, no answer) becomes the use cases' {@link ConfluenceUnavailableError}; their own errors pass.
 */
export function asConfluenceUnavailable(error: unknown): Error {
  if (error instanceof ProductRequestError) return new ConfluenceUnavailableError(error.status, { cause: error });
  if (error instanceof OutcomeUnknownError) return new ConfluenceUnavailableError(0, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export class ConfluenceReportPublisher implements ReportPublisher {
  constructor(private readonly client: ConfluenceClient) {}

  publish(input: ReportPageInput): Promise<PublishedPage> {
    return this.write(input).catch((error: unknown) => Promise.reject(asConfluenceUnavailable(error)));
  }

  private async write(input: ReportPageInput): Promise<PublishedPage> {
    const space = await this.client.getSpaceByKey(input.spaceKey);
    if (!space) throw new SpaceNotFoundError(input.spaceKey);
    // A page created by an export whose event was never recorded is found again by its title.
    const existing = input.knownPageId
      ? await this.client.getPage(input.knownPageId)
      : (await this.client.findPagesByTitle(space.id, input.title))[0];
    if (!existing) {
      const parentId = input.parentPageId ?? space.homepageId ?? undefined;
      const created = await this.client.createPage({
        spaceId: space.id,
        title: input.title,
        storage: input.storage,
        ...(parentId ? { parentId } : {}),
      });
      return { pageId: created.id, pageVersion: created.version.number, url: urlOf(created) };
    }
    for (let attempt = 1; ; attempt++) {
      const current = attempt === 1 ? existing : await this.client.getPage(existing.id);
      try {
        const updated = await this.client.updatePage({
          id: current.id,
          title: input.title,
          storage: input.storage,
          versionNumber: current.version.number + 1,
          message: input.message,
        });
        return { pageId: updated.id, pageVersion: updated.version.number, url: urlOf(updated) };
      } catch (error) {
        // Someone edited the page in between: read the new version number and write on top of it.
        if (error instanceof ConflictError && attempt < 3) continue;
        throw error;
      }
    }
  }
}
