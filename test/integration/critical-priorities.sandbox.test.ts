/** A misspelt critical priority stored for one project must not break the sweep's search for all. */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEFAULT_PROJECT_CONFIGURATION } from '../../src/domain/configuration/project-configuration';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { createSweepDeps } from '../../src/infrastructure/sweep-deps';

const APP = { kind: 'app' as const };
let sandbox: PlatformSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({
    appDir: path.resolve(__dirname, '..', '..'),
    dataFile: ':memory:',
    demoData: true,
    startAt: '2026-03-02T08:00:00.000Z',
  });
});
afterAll(() => sandbox?.close());

it("leaves names the site does not know out of the sweep's priority search", async () => {
  await sandbox.runAs(APP, () =>
    kvsProjectConfigurationStore.save('DEMO', { ...DEFAULT_PROJECT_CONFIGURATION, criticalPriorities: ['Hihgest', 'high'] }),
  );
  const names = await sandbox.runAs(APP, () => createSweepDeps(60).criticalPriorities());
  expect(names.sort()).toEqual(['High', 'Highest']);
  // The search with these names is one Jira accepts.
  const search = await sandbox.runAs(APP, () =>
    createSweepDeps(60).jira.searchCriticalWithoutEscalation({ priorities: names, maxResults: 10 }),
  );
  expect(Array.isArray(search)).toBe(true);
});
