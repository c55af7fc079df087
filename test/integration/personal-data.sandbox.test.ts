import path from 'node:path';
import { kvs } from '@forge/kvs';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { handlePrivacyReport } from '../../sandbox/platform/forge/privacy-reporting';
import { act, configureDemoProject, invokePanel, type DemoUser } from '../../sandbox/app-demo/demo-escalations';
import { agree, satisfyDuties } from '../../sandbox/app-demo/work-through';
import { resolvePersonTokens } from '../../src/domain/privacy/person-token';
import { APPROVED_CONTENT_BELOW, renderStorage } from '../../src/domain/report/render-storage';
import { sha256Hex } from '../../src/infrastructure/crypto/sha256';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsReportArchive } from '../../src/infrastructure/storage/report-archive-store';
import type { ResolverKey, ResolverPayload, ResolverResults } from '../../src/shared/resolver-contract';
import { storageWellFormedError } from '../support/xml-oracle';

/**
 * Personal data end to end: the daily `personal-data-report` trigger reports every stored account through
 * `privacy.reportPersonalData` to the sandbox's Forge (`POST /app/report-accounts`, at most 90 per request),
 * and a closed account loses its name everywhere the app shows one, while the approved report still
 * verifies against its hash.
 */
const appDir = path.resolve(__dirname, '../..');
const DAY = 86_400_000;
const PEOPLE = { contractor: 'carla', client: 'erika' } as const;
const ERIKA = DEMO_USERS.erika.accountId;
const CARLA = DEMO_USERS.carla.accountId;
let sandbox: PlatformSandbox;

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
});
afterEach(async () => sandbox.close());

async function ok<K extends ResolverKey>(user: DemoUser, key: K, payload: ResolverPayload<K>): Promise<ResolverResults[K]> {
  const response = (await invokePanel(sandbox, user, 'DEMO-3', key, payload)) as unknown as
    { ok: true; data: ResolverResults[K] } | { ok: false; error: { code: string; message: string } };
  if (!response.ok) throw new Error(`${key} as ${user}: ${response.error.code} ${response.error.message}`);
  return response.data;
}
const asApp = { kind: 'app' } as const;
async function pageStorage(pageId: string): Promise<{ version: number; storage: string }> {
  const r = await sandbox.confluence({ method: 'GET', path: `/wiki/api/v2/pages/${pageId}?body-format=storage` }, asApp);
  const page = JSON.parse(r.body) as { version: { number: number }; body: { storage: { value: string } } };
  return { version: page.version.number, storage: page.body.storage.value };
}

/** DEMO-3 escalated by Sam, worked through by Carla and Erika, resolved; report approved by Klaus and exported. */
async function approvedAndExported(): Promise<{ hash: string; pageId: string }> {
  await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', { trigger: 'sla-breach', problem: 'Restore fails', impact: 'No backups' });
  await satisfyDuties(sandbox, 'DEMO-3', ['L1-K-01', 'L1-K-04', 'L1-K-06'], PEOPLE);
  await agree(sandbox, 'DEMO-3', { key: 'resolveEscalation', resolution: 'Controller replaced' }, 'carla', 'erika', PEOPLE);
  const submitted = await ok('sam', 'submitReport', { locale: 'en' });
  const hash = submitted.versions[0]!.contentHash;
  await ok('klaus', 'approveReport', { reportVersion: 1, contentHash: hash });
  const exported = await ok('sam', 'exportReport', { reportVersion: 1 });
  return { hash, pageId: exported.page!.pageId };
}

describe('personal data reporting through the scheduled job', () => {
  it('names a closed account as a former user in the log, the report versions and the Confluence page; the approval still verifies', async () => {
    const { hash, pageId } = await approvedAndExported();
    const before = await ok('sam', 'getReportVersion', { reportVersion: 1, format: 'html' });
    expect(before.content).toContain('Erika Executive');
    expect(before).toMatchObject({ namesRemoved: false, namesAsFrozen: false });
    // The page names people by account id; Confluence renders the current name.
    const page1 = await pageStorage(pageId);
    expect(page1.storage).toContain(`<ri:user ri:account-id="${ERIKA}" />`);
    expect(page1.storage).not.toContain('Erika Executive');
    expect(storageWellFormedError(page1.storage)).toBeUndefined();

    sandbox.closeAccount(ERIKA);
    sandbox.changeProfile(CARLA, 'Carla Contractor-Chief');
    const fired = await sandbox.advanceClock(8 * DAY);
    expect(fired.firedTriggers).toContain('personal-data-report-trigger');

    // Day 1: Erika closed, Carla updated (200); day 8: Erika no longer reported, Carla refreshed (204).
    expect(sandbox.privacyReports()).toEqual([
      { accounts: 4, status: 200 },
      { accounts: 3, status: 204 },
    ]);

    const html = await ok('sam', 'getReportVersion', { reportVersion: 1, format: 'html' });
    expect(html.content).not.toContain('Erika Executive');
    expect(html.content).toContain('former user');
    expect(html.content).toContain('Carla Contractor-Chief');
    expect(html.namesRemoved).toBe(true);
    const markdown = await ok('klaus', 'getReportVersion', { reportVersion: 1, format: 'markdown' });
    expect(markdown.content).not.toContain('Erika Executive');
    const storage = await ok('sam', 'getReportVersion', { reportVersion: 1, format: 'storage' });
    expect(sha256Hex(storage.content)).toBe(hash);
    const reports = await ok('sam', 'getReports', {});
    expect(reports).toMatchObject({ approvedVersion: 1, versions: [{ version: 1, status: 'approved', contentHash: hash }] });
    expect(JSON.stringify(reports.people)).not.toContain('Erika Executive');

    // The log's rendered view: Jira itself names a closed account "Former user".
    const panel = await act(sandbox, 'sam', 'DEMO-3', 'getEscalation', {});
    expect(JSON.stringify(panel)).not.toContain('Erika Executive');
    expect(JSON.stringify(panel)).toContain(ERIKA);

    // Re-export: the page's new version still names nobody and still hashes to the approved content.
    const again = await ok('sam', 'exportReport', { reportVersion: 1 });
    const page2 = await pageStorage(again.page!.pageId);
    expect(page2.version).toBe(2);
    expect(page2.storage).not.toContain('Erika Executive');
    // The approval block opens the page; the hash covers the approved content below its line.
    const below = page2.storage.indexOf(`\n${APPROVED_CONTENT_BELOW}\n`);
    expect(below).toBeGreaterThan(0);
    expect(sha256Hex(page2.storage.slice(below + APPROVED_CONTENT_BELOW.length + 2))).toBe(hash);
  });

  it('a version frozen before people were recorded by account id keeps its names and its hash; the panel says so', async () => {
    const { hash } = await approvedAndExported();
    const issueId = (
      JSON.parse((await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-3?fields=summary' }, asApp)).body) as {
        id: string;
      }
    ).id;
    // Such a version as the app froze it before: the same report with the names written into its text.
    const names = Object.fromEntries(Object.values(DEMO_USERS).map((u) => [u.accountId, u.displayName]));
    const legacyHash = await sandbox.runAs(asApp, async () => {
      const archive = kvsReportArchive(sha256Hex);
      const named = resolvePersonTokens((await archive.load(issueId, hash)).report, (id) => names[id] ?? id);
      const storage = renderStorage(named);
      const contentHash = sha256Hex(storage);
      await archive.save(issueId, { report: named, storage, contentHash });
      const log = await kvsEscalationEventStore.load(issueId);
      await kvsEscalationEventStore.append(issueId, [
        {
          seq: log.length + 1,
          type: 'report-submitted',
          at: sandbox.now().toISOString(),
          actor: { accountId: DEMO_USERS.sam.accountId, party: 'contractor' },
          reportVersion: 2,
          contentHash,
          locale: 'en',
        },
      ]);
      return contentHash;
    });

    sandbox.closeAccount(ERIKA);
    await sandbox.advanceClock(DAY);

    const legacy = await ok('sam', 'getReportVersion', { reportVersion: 2, format: 'html' });
    expect(legacy).toMatchObject({ namesAsFrozen: true, namesRemoved: false });
    expect(legacy.content).toContain('Erika Executive');
    expect(sha256Hex((await ok('sam', 'getReportVersion', { reportVersion: 2, format: 'storage' })).content)).toBe(legacyHash);
    // The version frozen with account ids names her as a former user.
    const current = await ok('sam', 'getReportVersion', { reportVersion: 1, format: 'html' });
    expect(current).toMatchObject({ namesAsFrozen: false, namesRemoved: true });
    expect(current.content).not.toContain('Erika Executive');
  });

  it('reports once per weekly cycle, refreshes an updated account and stops reporting a closed one', async () => {
    await approvedAndExported();
    await sandbox.advanceClock(8 * DAY);
    // Sam, Carla, Erika (log) and Klaus (report approval), on days 1 and 8; nothing needs action yet.
    expect(sandbox.privacyReports()).toEqual([
      { accounts: 4, status: 204 },
      { accounts: 4, status: 204 },
    ]);
    const first = 2;
    sandbox.closeAccount(ERIKA);
    sandbox.changeProfile(CARLA, 'Carla Contractor-Chief');
    await sandbox.advanceClock(DAY); // inside the cycle: nothing sent
    expect(sandbox.privacyReports()).toHaveLength(first);
    await sandbox.advanceClock(7 * DAY);
    const cycle2 = sandbox.privacyReports().slice(first);
    expect(cycle2).toEqual([{ accounts: 4, status: 200 }]);
    await sandbox.advanceClock(7 * DAY);
    // Erika no longer reported; Carla reported with her refresh time, so nothing needs action.
    expect(sandbox.privacyReports().slice(first + 1)).toEqual([{ accounts: 3, status: 204 }]);
  });

  it('sends at most 90 accounts per request however many the app stores', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `712020:contact-${String(i).padStart(3, '0')}`);
    await sandbox.runAs(asApp, () =>
      kvs.set('audit:project:DEMO:00000001', {
        seq: 1,
        at: '2026-11-20T08:00:00.000Z',
        accountId: CARLA,
        target: 'project:DEMO',
        action: 'save-configuration',
        changes: [],
        after: { contacts: { 1: { contractor: { accountIds: many.slice(0, 50) }, client: { accountIds: many.slice(50) } } } },
      }),
    );
    await sandbox.advanceClock(DAY);
    expect(sandbox.privacyReports()).toEqual([
      { accounts: 90, status: 204 },
      { accounts: 90, status: 204 },
      { accounts: 21, status: 204 },
    ]);
  });

  it('answers like Forge: more than 90 accounts or a malformed body is refused', () => {
    const accounts = (n: number) =>
      JSON.stringify({ accounts: Array.from({ length: n }, (_, i) => ({ accountId: `a-${i}`, updatedAt: '2026-01-01T00:00:00.000Z' })) });
    const now = () => Date.parse('2026-11-23T08:00:00.000Z');
    expect(handlePrivacyReport(sandbox.db, now, 'POST', accounts(91)).status).toBe(400);
    expect(handlePrivacyReport(sandbox.db, now, 'POST', '{"accounts":[{"accountId":"a"}]}').status).toBe(400);
    expect(handlePrivacyReport(sandbox.db, now, 'POST', accounts(90)).status).toBe(204);
    sandbox.closeAccount('a-3');
    expect(JSON.parse(handlePrivacyReport(sandbox.db, now, 'POST', accounts(5)).body)).toEqual({
      accounts: [{ accountId: 'a-3', status: 'closed' }],
    });
  });
});
