import { APP, body, call, startFixture, START, type Fixture } from './sandbox-fixture';
import { seedBulkIssues } from '../demo/bulk-issues';

interface SearchPage {
  issues: { key: string }[];
  isLast: boolean;
  nextPageToken?: string;
}

/** 100,000 tracked issues; the sweep finds the 1,000 due ones through indexed property search. */
describe('scale', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
    const now = Date.parse(START);
    seedBulkIssues(
      f.sandbox.db,
      f.sandbox.appManifest,
      'DEMO',
      100_000,
      (i) => ({
        summary: `Tracked issue ${i}`,
        statusId: i % 10 === 0 ? 10003 : 10001,
        properties: {
          escalation: {
            level: 1 + (i % 4),
            party: i % 2 ? 'client' : 'contractor',
            dueAt: new Date(now + (i % 100 === 1 ? -3_600_000 : 86_400_000 * (1 + (i % 30)))).toISOString(),
          },
        },
      }),
      now,
    );
  }, 60_000);
  afterAll(() => f.cleanup());

  // How fast: test/bench/sweep-bench.ts (npm run bench:sweep) sweeps the same kind of site.
  it('finds the 1,000 due issues among 100,000, paging by nextPageToken', async () => {
    const jql = `escalationDueAt <= "${START.slice(0, 16)}" AND statusCategory != Done ORDER BY escalationDueAt ASC`;
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      pages++;
      const res = await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, {
        jql,
        fields: ['key'],
        maxResults: 5000,
        ...(token ? { nextPageToken: token } : {}),
      });
      expect(res.status).toBe(200);
      const page = body<SearchPage>(res);
      keys.push(...page.issues.map((i) => i.key));
      token = page.nextPageToken;
    } while (token);
    expect(keys).toHaveLength(1000);
    expect(new Set(keys).size).toBe(1000);
    expect(pages).toBe(1);
    const withFields = body<SearchPage>(
      await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, {
        jql,
        fields: ['summary'],
        properties: ['escalation'],
        maxResults: 5000,
      }),
    );
    expect(withFields.issues).toHaveLength(100);
    expect(withFields.isLast).toBe(false);
  });
});
