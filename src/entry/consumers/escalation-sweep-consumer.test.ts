import { DEFAULT_PROJECT_CONFIGURATION } from '../../domain/configuration/project-configuration';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { SWEEP_ACTOR } from '../../domain/sweep/sweep-effect';
import type { SweepDeps, SweepIssue } from '../../usecases/escalation-sweep-deps';
import { silentLogger } from '../../usecases/ports/logger';
import { inMemoryDueIndex } from '../../usecases/testing/in-memory-due-index';
import { createEscalationSweepConsumer, MAX_ISSUE_RETRIES, RETRY_DELAY_SECONDS } from './escalation-sweep-consumer';

const NOW = new Date('2026-03-02T10:00:00Z');
const issueOf = (id: string, retries?: number): SweepIssue => ({
  id,
  key: `DEMO-${id}`,
  projectKey: 'DEMO',
  summary: `Issue ${id}`,
  ...(retries === undefined ? {} : { retries }),
});

/** Issue '1' has an escalation just started (nothing due); every other issue's log cannot be read (storage refused). */
function consumer() {
  const pushed: { issues: SweepIssue[]; delaySeconds?: number }[] = [];
  const deps = {
    jira: {
      saveProjections: (writes: readonly { issue: SweepIssue }[]) =>
        Promise.resolve({ written: writes.map((w) => w.issue.id), failed: [] }),
      siteLocale: () => Promise.resolve('en'),
    },
    dueIndex: inMemoryDueIndex(),
    events: {
      load: (id: string) =>
        id === '1'
          ? Promise.resolve([
              {
                seq: 1,
                type: 'escalation-started',
                at: NOW.toISOString(),
                actor: SWEEP_ACTOR,
                trigger: 'sla-breach',
                problem: 'Outage',
                impact: 'Service down',
                template: { id: DEFAULT_PROCESS_TEMPLATE.id, version: DEFAULT_PROCESS_TEMPLATE.version },
              },
            ])
          : Promise.reject(Object.assign(new Error('Rate limit exceeded'), { code: 'RATE_LIMIT_EXCEEDED' })),
    },
    configurations: { get: () => Promise.resolve(DEFAULT_PROJECT_CONFIGURATION) },
    templates: { get: () => Promise.resolve(DEFAULT_PROCESS_TEMPLATE) },
    claims: { latest: () => Promise.resolve(undefined) },
    queue: {
      push: (batches: readonly (readonly SweepIssue[])[], options?: { delaySeconds?: number }) => {
        pushed.push({ issues: batches.flat(), ...(options?.delaySeconds ? { delaySeconds: options.delaySeconds } : {}) });
        return Promise.resolve();
      },
    },
    now: () => NOW,
    remainingMs: () => 200_000,
    invocationId: 'test',
    logger: silentLogger,
  } as unknown as SweepDeps;
  const sites: unknown[] = [];
  const run = createEscalationSweepConsumer((site) => {
    sites.push(site);
    return deps;
  });
  return { run, pushed, sites };
}

describe('escalation sweep consumer', () => {
  it('hands a failed issue back to the queue a minute later, counting its retries; the others are done', async () => {
    const { run, pushed } = consumer();
    await run({ body: { issues: [issueOf('1'), issueOf('2'), issueOf('3', 1)] } });
    expect(pushed).toEqual([{ issues: [issueOf('2', 1), issueOf('3', 2)], delaySeconds: RETRY_DELAY_SECONDS }]);
  });

  it('builds its dependencies with the site facts the pushing invocation handed on, and without when there are none', async () => {
    const { run, sites } = consumer();
    const site = { levelFieldId: 'customfield_10050', baseUrl: 'https://example.atlassian.net', defaultLocale: 'de_DE' };
    await run({ body: { issues: [issueOf('1')], site } });
    await run({ body: { issues: [issueOf('1')] } });
    expect(sites).toEqual([site, undefined]);
  });

  it('reads no event whose site facts are malformed (a field id that is not a custom field)', async () => {
    const { run, sites } = consumer();
    await run({ body: { issues: [issueOf('1')], site: { levelFieldId: 'summary', baseUrl: 'https://example.atlassian.net' } } });
    expect(sites).toEqual([]);
  });

  it('leaves an issue that failed as often as allowed to the next sweep', async () => {
    const { run, pushed } = consumer();
    await run({ body: { issues: [issueOf('2', MAX_ISSUE_RETRIES)] } });
    expect(pushed).toEqual([]);
  });
});
