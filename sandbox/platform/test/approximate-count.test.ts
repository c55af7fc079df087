import { APP, as, body, call, startFixture, type Fixture } from './sandbox-fixture';

/**
 * `POST /rest/api/3/search/approximate-count`: the count of the issues matching bounded JQL that the
 * caller may browse ("Issues are included in the response where the user has: Browse projects … If
 * issue-level security is configured, issue-level security permission"), refused for unbounded JQL.
 */
describe('approximate count', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.cleanup());

  const count = async (jql: unknown, who = APP, extra: Record<string, unknown> = {}) =>
    call(f.sandbox, 'POST', '/rest/api/3/search/approximate-count', who, { jql, ...extra });

  it('counts what the caller may browse: an issue under a security level is left out for a non-member', async () => {
    const all = body<{ count: number }>(await count('project = DEMO', as('sam'))).count;
    expect(all).toBeGreaterThan(1);
    f.sandbox.setIssueSecurity('DEMO-1', { name: 'Managements', members: [{ type: 'group', group: 'contractor-managers' }] });
    expect(body<{ count: number }>(await count('project = DEMO', as('sam'))).count).toBe(all - 1);
    expect(body<{ count: number }>(await count('project = DEMO', as('carla'))).count).toBe(all);
    f.sandbox.setIssueSecurity('DEMO-1', null);
    expect(body<{ count: number }>(await count('project = DEMO AND key = DEMO-1', as('sam'))).count).toBe(1);
  });

  it('refuses unbounded JQL, a missing JQL, unknown fields and a project the caller may not browse', async () => {
    expect((await count('')).status).toBe(400);
    expect((await count(undefined)).status).toBe(400);
    expect((await count('project = DEMO', APP, { maxResults: 5 })).status).toBe(400);
    expect((await count('project = DEMO', as('otto'))).status).toBe(400);
  });
});
