import { route, type RequestProductMethods } from '@forge/api';
import { z } from 'zod';
import { parseJson, sendProductRequest, type RetryPolicy } from '../http/product-request';

/** `asApp()` or `asUser()` of @forge/api. */
export type ConfluenceRequester = Pick<RequestProductMethods, 'requestConfluence'>;

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

const spacesSchema = z.object({ results: z.array(z.object({ id: z.string(), key: z.string(), homepageId: z.string().nullish() })) });
export const pageSchema = z.object({
  id: z.string(),
  title: z.string(),
  spaceId: z.string(),
  parentId: z.string().nullish(),
  version: z.object({ number: z.number().int() }),
  _links: z.object({ webui: z.string().optional(), base: z.string().optional() }).passthrough().optional(),
});
export type ConfluencePage = z.infer<typeof pageSchema>;
const pagesSchema = z.object({ results: z.array(pageSchema) });

/**
 * Confluence Cloud REST v2, one method per endpoint; each keeps its literal `requestConfluence(route…)`
 * so `@forge/lint` checks the manifest's scopes against it.
 */
export class ConfluenceClient {
  constructor(
    private readonly confluence: ConfluenceRequester,
    private readonly retry?: RetryPolicy,
  ) {}

  /** @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get */
  async getSpaceByKey(key: string): Promise<z.infer<typeof spacesSchema>['results'][number] | undefined> {
    const { text } = await sendProductRequest(
      () => this.confluence.requestConfluence(route`/wiki/api/v2/spaces?keys=${key}`, { method: 'GET', headers: JSON_HEADERS }),
      'GET spaces',
      this.retry,
    );
    return parseJson(text, spacesSchema, 'GET spaces').results.find((s) => s.key === key);
  }

  /** @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-id-get */
  async getPage(id: string): Promise<ConfluencePage> {
    const { text } = await sendProductRequest(
      () => this.confluence.requestConfluence(route`/wiki/api/v2/pages/${id}`, { method: 'GET', headers: JSON_HEADERS }),
      'GET page',
      this.retry,
    );
    return parseJson(text, pageSchema, 'GET page');
  }

  /** Pages of a space with exactly this title (at most one: titles are unique in a space). */
  async findPagesByTitle(spaceId: string, title: string): Promise<ConfluencePage[]> {
    const { text } = await sendProductRequest(
      () =>
        this.confluence.requestConfluence(route`/wiki/api/v2/pages?space-id=${spaceId}&title=${title}&limit=5`, {
          method: 'GET',
          headers: JSON_HEADERS,
        }),
      'GET pages',
      this.retry,
    );
    return parseJson(text, pagesSchema, 'GET pages').results;
  }

  /** @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-post */
  async createPage(input: { spaceId: string; parentId?: string; title: string; storage: string }): Promise<ConfluencePage> {
    const { text } = await sendProductRequest(
      () =>
        this.confluence.requestConfluence(route`/wiki/api/v2/pages`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({
            spaceId: input.spaceId,
            status: 'current',
            title: input.title,
            ...(input.parentId ? { parentId: input.parentId } : {}),
            body: { representation: 'storage', value: input.storage },
          }),
        }),
      'POST page',
      this.retry,
      // Titles are unique in a space: after a lost answer, the page is looked for by its title first.
      {
        applied: async () => {
          const found = (await this.findPagesByTitle(input.spaceId, input.title))[0];
          return found ? JSON.stringify(found) : undefined;
        },
      },
    );
    return parseJson(text, pageSchema, 'POST page');
  }

  /**
   * Replaces the page's title and body as a new version; `versionNumber` must be the current one + 1.
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-id-put
   */
  async updatePage(input: {
    id: string;
    title: string;
    storage: string;
    versionNumber: number;
    message?: string;
  }): Promise<ConfluencePage> {
    const { text } = await sendProductRequest(
      () =>
        this.confluence.requestConfluence(route`/wiki/api/v2/pages/${input.id}`, {
          method: 'PUT',
          headers: JSON_HEADERS,
          body: JSON.stringify({
            id: input.id,
            status: 'current',
            title: input.title,
            body: { representation: 'storage', value: input.storage },
            version: { number: input.versionNumber, ...(input.message ? { message: input.message } : {}) },
          }),
        }),
      'PUT page',
      this.retry,
    );
    return parseJson(text, pageSchema, 'PUT page');
  }
}
