import { demoSummaries } from '../domain/analytics/testing-logs';
import { DEFAULT_PROJECT_CONFIGURATION } from '../domain/configuration/project-configuration';
import type { AdminDeps } from './admin-deps';
import { exportAnalyticsCsv, getAnalytics } from './revision-analytics-use-cases';
import { InMemoryAdminWorld } from './testing/in-memory-admin-deps';

const GROUPS = { contractor: ['contractor-team'], client: ['client-team'] };
const year = { from: '2026-01-01', to: '2027-01-01' };

function setup() {
  const world = new InMemoryAdminWorld()
    .addUser({ accountId: 'ada', groups: [], jiraAdmin: true })
    .addUser({ accountId: 'sam', groups: GROUPS.contractor })
    .addUser({ accountId: 'carla', groups: GROUPS.contractor });
  for (const projectKey of ['P1', 'P2'])
    world.configurations.set(projectKey, {
      ...DEFAULT_PROJECT_CONFIGURATION,
      parties: { contractor: { groups: GROUPS.contractor }, client: { groups: GROUPS.client } },
    });
  for (const s of demoSummaries()) world.summaries.set(s.issueId, s);
  // Sam may not browse P1-1 (an issue security level); Carla may browse everything.
  world.hiddenIssues.set('sam', new Set(['1']));
  const calls = { all: 0, browsable: 0, totals: 0 };
  const deps = (): AdminDeps => {
    const d = world.deps();
    return {
      ...d,
      summaries: {
        ...d.summaries,
        all: () => (calls.all++, d.summaries.all()),
        totals: (m) => (calls.totals++, d.summaries.totals(m)),
      },
      jira: { ...d.jira, browsableIssues: (ids) => (calls.browsable++, d.jira.browsableIssues(ids)) },
    };
  };
  const as = (accountId: string) => {
    world.currentUser = accountId;
    return { accountId };
  };
  return { world, deps, calls, as };
}

describe('revision analytics from running totals', () => {
  it('reads the totals, not every summary, when the viewer may browse every escalated issue of the project', async () => {
    const { deps, calls, as } = setup();
    const view = await getAnalytics(deps(), as('carla'), year);
    expect(view.analytics.total).toBe(3);
    expect(view.analytics.byProject).toEqual([
      { projectKey: 'P1', count: 2 },
      { projectKey: 'P2', count: 1 },
    ]);
    expect(calls).toEqual({ all: 0, browsable: 0, totals: 1 });
  });

  it('falls back to the issues the viewer may browse in a project where one is hidden, and keeps the totals elsewhere', async () => {
    const { deps, calls, as } = setup();
    const view = await getAnalytics(deps(), as('sam'), year);
    // P1-1 is left out with every figure of it (it is the only one notified after one hour); P2 comes from the totals.
    expect(view.analytics.total).toBe(2);
    expect(view.analytics.byProject).toEqual([
      { projectKey: 'P1', count: 1 },
      { projectKey: 'P2', count: 1 },
    ]);
    expect(JSON.stringify(view.analytics)).not.toContain('"P1-1"');
    expect(calls).toMatchObject({ all: 1, browsable: 1 });
    const { csv } = await exportAnalyticsCsv(deps(), as('sam'), year);
    expect(csv).not.toContain('P1-1,');
  });

  it('gives the same figures on both ways', async () => {
    const { deps, world, as } = setup();
    const viaTotals = await getAnalytics(deps(), as('carla'), year);
    // A period that cuts a month cannot be answered from month totals: every summary is read instead.
    world.hiddenIssues.set('carla', new Set(['3'])); // P2-1 hidden: P2 per issue
    const mixed = await getAnalytics(deps(), as('carla'), year);
    expect(mixed.analytics.total).toBe(2);
    world.hiddenIssues.delete('carla');
    const perSummary = await getAnalytics(deps(), as('carla'), { from: '2026-01-01', to: '2026-12-31' });
    expect({ ...perSummary.analytics, period: viaTotals.analytics.period }).toEqual(viaTotals.analytics);
  });

  it('reads every summary for a period that cuts a month, or until the backfill of the totals is done', async () => {
    const { deps, calls, as } = setup();
    await getAnalytics(deps(), as('carla'), { from: '2026-03-02', to: '2027-01-01' });
    expect(calls).toMatchObject({ all: 1, totals: 0 });
    const d = deps();
    await getAnalytics({ ...d, summaries: { ...d.summaries, totalsComplete: () => Promise.resolve(false) } }, as('carla'), year);
    expect(calls).toMatchObject({ all: 2, totals: 0 });
  });
});
