import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { act, configureDemoProject, invokePanel, type DemoUser } from '../../sandbox/app-demo/demo-escalations';
import { agree, satisfyDuties } from '../../sandbox/app-demo/work-through';
import { sha256Hex } from '../../src/infrastructure/crypto/sha256';
import type { ResolverKey, ResolverPayload, ResolverResults } from '../../src/shared/resolver-contract';
import { storageWellFormedError } from '../support/xml-oracle';
import { APPROVED_CONTENT_BELOW } from '../../src/domain/report/render-storage';

/**
 * The final report end to end in the sandbox: a demo escalation that went to level 3, generated from the
 * emulated Jira's history, submitted, sent back, resubmitted, approved by hash, exported to the emulated
 * Confluence twice (page versions 1 and 2), with one remote link on the issue.
 */
const appDir = path.resolve(__dirname, '../..');
const DAY = 86_400_000;
let sandbox: PlatformSandbox;

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
});
afterEach(async () => sandbox.close());

async function call<K extends ResolverKey>(user: DemoUser, key: K, payload: ResolverPayload<K>, issueKey = 'DEMO-3') {
  return (await invokePanel(sandbox, user, issueKey, key, payload)) as unknown as
    { ok: true; data: ResolverResults[K] } | { ok: false; error: { code: string; reason?: string; message: string } };
}
async function ok<K extends ResolverKey>(user: DemoUser, key: K, payload: ResolverPayload<K>): Promise<ResolverResults[K]> {
  const response = await call(user, key, payload);
  if (!response.ok) throw new Error(`${key} as ${user}: ${response.error.code} ${response.error.reason ?? ''} ${response.error.message}`);
  return response.data;
}
const asApp = { kind: 'app' } as const;
/** A Jira GET as the app; `T` is the part of the answer the test reads. */
async function jiraGet<T>(p: string): Promise<T> {
  const r = await sandbox.jira({ method: 'GET', path: p }, asApp);
  return JSON.parse(r.body) as T;
}

/** The parts of a Confluence page the tests read. */
interface ConfluencePage {
  version: { number: number };
  body: { storage: { value: string } };
}
async function comment(user: DemoUser, text: string) {
  const body = { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } };
  const r = await sandbox.jira(
    {
      method: 'POST',
      path: '/rest/api/3/issue/DEMO-3/comment',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    { kind: 'user', accountId: DEMO_USERS[user].accountId },
  );
  expect(r.status).toBe(201);
}

/** Runs an action; while it is refused for open obligations, each party fulfils its own and it is tried again. */
const PEOPLE = { contractor: 'carla', client: 'erika' } as const;

/** DEMO-3 goes to level 3 (levels 1 and 2 worked through, half a day each), then is resolved. */
async function escalationAtLevel3Resolved(): Promise<void> {
  await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', {
    trigger: 'sla-breach',
    problem: 'Restore fails for tenant 4711 <script>alert("x")</script>',
    impact: 'Tenant 4711 without backup & restore ]]> since Monday',
  });
  await sandbox.advanceClock(3_600_000);
  await act(sandbox, 'sam', 'DEMO-3', 'recordClientNotified', { channel: 'phone', note: 'Klaus informed by phone' });
  await comment('klaus', 'Bitte <b>dringend</b> prüfen & melden');
  await sandbox.advanceClock(DAY / 2);
  await satisfyDuties(sandbox, 'DEMO-3', ['L1-K-01', 'L1-K-04', 'L1-K-06'], PEOPLE);
  await agree(sandbox, 'DEMO-3', { key: 'proposeEscalation', note: 'Level 1 did not solve it' }, 'carla', 'erika', PEOPLE);
  await sandbox.advanceClock(DAY / 2);
  await satisfyDuties(sandbox, 'DEMO-3', ['L2-K-01', 'L2-K-02', 'L2-K-04', 'L2-K-05'], PEOPLE);
  await agree(sandbox, 'DEMO-3', { key: 'proposeEscalation', note: 'Executives must decide' }, 'carla', 'erika', PEOPLE);
  await comment('sam', 'Vendor engineer on site');
  await act(sandbox, 'sam', 'DEMO-3', 'recordRootCause', { text: 'Firmware bug in the backup controller' });
  await sandbox.advanceClock(DAY);
  await agree(
    sandbox,
    'DEMO-3',
    { key: 'resolveEscalation', resolution: 'Controller replaced, restore verified' },
    'carla',
    'erika',
    PEOPLE,
  );
  const view = await act(sandbox, 'sam', 'DEMO-3', 'getEscalation', {});
  expect(view.escalation).toMatchObject({ level: 3, status: 'resolved' });
}

/** An exported page: its approval block, and the approved content below the line (what the hash covers). */
function splitApproval(page: string): [string, string] {
  const at = page.indexOf(`\n${APPROVED_CONTENT_BELOW}\n`);
  if (at < 0) throw new Error('The page has no approval block');
  return [page.slice(0, at), page.slice(at + APPROVED_CONTENT_BELOW.length + 2)];
}

describe('the final escalation report in the sandbox', () => {
  it('goes from generation through review and approval to Confluence, with an approval block that follows each new approval on the same page', async () => {
    await escalationAtLevel3Resolved();

    const preview = await ok('sam', 'previewReport', { locale: 'en' });
    if ('generating' in preview) throw new Error('A small report is generated at once');
    expect(preview.html).toContain('Timeline by level');
    expect(preview.html).toContain('Level 3');
    expect(preview.html).not.toMatch(/<script/i);
    expect(preview.html).toContain('&lt;script&gt;');

    // Only the contractor submits; the client cannot.
    expect(await call('klaus', 'submitReport', { locale: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'rejected', reason: 'wrong-party' },
    });
    const v1 = await ok('sam', 'submitReport', { locale: 'de' });
    expect(v1.versions).toHaveLength(1);
    expect(v1.versions[0]).toMatchObject({ version: 1, status: 'submitted', locale: 'de' });

    const sentBack = await ok('klaus', 'requestReportChanges', { reportVersion: 1, comment: 'Bitte Lessons Learned ergänzen.' });
    expect(sentBack.versions[0]).toMatchObject({
      version: 1,
      status: 'changes-requested',
      decision: { comment: 'Bitte Lessons Learned ergänzen.' },
    });

    await ok('erika', 'recordDebrief', {
      lessonsLearned: 'Firmware-Stände monatlich prüfen.',
      improvements: 'Monitoring für Restore-Jobs',
    });
    const v2 = await ok('sam', 'submitReport', { locale: 'de' });
    const submitted = v2.versions[0]!;
    expect(submitted).toMatchObject({ version: 2, status: 'submitted' });
    expect(v2.can.decide).toBe(false); // sam is the contractor

    expect(await call('klaus', 'approveReport', { reportVersion: 2, contentHash: 'f'.repeat(64) })).toMatchObject({
      ok: false,
      error: { reason: 'hash-mismatch' },
    });
    expect(await call('klaus', 'approveReport', { reportVersion: 1, contentHash: v2.versions[1]!.contentHash })).toMatchObject({
      ok: false,
      error: { reason: 'record-state' },
    });
    const approved = await ok('klaus', 'approveReport', { reportVersion: 2, contentHash: submitted.contentHash });
    expect(approved).toMatchObject({
      approvedVersion: 2,
      versions: [
        { version: 2, status: 'approved' },
        { version: 1, status: 'changes-requested' },
      ],
    });

    // Confluence refuses the app (not installed there on this site): a clear error, nothing recorded.
    sandbox.faults.set({ route: /^GET \/wiki\//, rate: 1, kind: '401', times: 1 });
    expect(await call('sam', 'exportReport', { reportVersion: 2 })).toMatchObject({
      ok: false,
      error: { code: 'confluence-unavailable' },
    });
    sandbox.faults.clear();
    expect((await ok('sam', 'getReports', {})).versions[0]!.exports).toEqual([]);

    const exported = await ok('sam', 'exportReport', { reportVersion: 2 });
    const pageId = exported.page!.pageId;
    const page1 = JSON.parse(
      (await sandbox.confluence({ method: 'GET', path: `/wiki/api/v2/pages/${pageId}?body-format=storage` }, asApp)).body,
    ) as ConfluencePage;
    expect(page1).toMatchObject({
      version: { number: 1 },
      parentId: '98306',
      spaceId: '98305',
      title: expect.stringContaining('Eskalationsbericht DEMO-3') as unknown,
    });
    // The page proves itself: an approval block (version, approver, time, SHA-256), then the approved content.
    const [block, stored] = splitApproval(page1.body.storage.value);
    expect(sha256Hex(stored)).toBe(submitted.contentHash);
    expect(block).toContain('<h2>Freigabe</h2>');
    expect(block).toContain('<tr><th>Version</th><td>2</td></tr>');
    expect(block).toContain(`<ri:user ri:account-id="${DEMO_USERS.klaus.accountId}" />`);
    expect(block).toContain(`<code>${submitted.contentHash}</code>`);
    expect(block).toMatch(/<tr><th>Freigegeben am<\/th><td>\d{2}\.\d{2}\.\d{4}/);
    expect(storageWellFormedError(page1.body.storage.value)).toBeUndefined();
    expect(storageWellFormedError(stored)).toBeUndefined();
    expect(stored).toContain('Firmware-Stände monatlich prüfen.');
    expect(stored).toContain('&lt;script&gt;');

    const again = await ok('carla', 'exportReport', { reportVersion: 2 });
    expect(again.page).toMatchObject({ pageId, pageVersion: 2 });
    const page2 = JSON.parse(
      (await sandbox.confluence({ method: 'GET', path: `/wiki/api/v2/pages/${pageId}` }, asApp)).body,
    ) as ConfluencePage;
    expect(page2.version.number).toBe(2);
    expect(again.versions[0]!.exports.map((x) => x.pageVersion)).toEqual([1, 2]);

    // A new version approved and exported: the same page, its approval block now names version 3 and its hash.
    await ok('erika', 'recordDebrief', { lessonsLearned: 'Restore-Tests vierteljährlich.', improvements: 'Runbook ergänzt' });
    const v3 = (await ok('sam', 'submitReport', { locale: 'de' })).versions[0]!;
    expect(v3).toMatchObject({ version: 3, status: 'submitted' });
    await ok('klaus', 'approveReport', { reportVersion: 3, contentHash: v3.contentHash });
    expect((await ok('sam', 'exportReport', { reportVersion: 3 })).page).toMatchObject({ pageId, pageVersion: 3 });
    const page3 = JSON.parse(
      (await sandbox.confluence({ method: 'GET', path: `/wiki/api/v2/pages/${pageId}?body-format=storage` }, asApp)).body,
    ) as ConfluencePage;
    const [block3, stored3] = splitApproval(page3.body.storage.value);
    expect(block3).toContain('<tr><th>Version</th><td>3</td></tr>');
    expect(block3).toContain(`<code>${v3.contentHash}</code>`);
    expect(block3).not.toContain(submitted.contentHash);
    expect(sha256Hex(stored3)).toBe(v3.contentHash);

    const links = await jiraGet<unknown[]>('/rest/api/3/issue/DEMO-3/remotelink');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ object: { url: exported.page!.url } });
    // One summary comment (ADF) for each version's first export (v2, v3), none for the re-export of v2.
    const comments = await jiraGet<{ comments: { body: unknown }[] }>('/rest/api/3/issue/DEMO-3/comment');
    const summaries = comments.comments.filter((c) => JSON.stringify(c.body).includes('SHA-256'));
    expect(summaries.map((c) => /v(\d) · SHA-256/.exec(JSON.stringify(c.body))?.[1])).toEqual(['2', '3']);
  });

  it('keeps approved versions frozen and retrievable while the escalation changes afterwards', async () => {
    await escalationAtLevel3Resolved();
    await ok('sam', 'submitReport', { locale: 'en' });
    const view = await ok('sam', 'getReports', {});
    const hash = view.versions[0]!.contentHash;
    await ok('klaus', 'approveReport', { reportVersion: 1, contentHash: hash });

    const markdownBefore = await ok('klaus', 'getReportVersion', { reportVersion: 1, format: 'markdown' });
    await ok('klaus', 'recordDebrief', { lessonsLearned: 'A lesson recorded after the approval' });
    await comment('klaus', 'A later comment');
    await sandbox.advanceClock(3 * DAY);

    const storage = await ok('klaus', 'getReportVersion', { reportVersion: 1, format: 'storage' });
    expect(sha256Hex(storage.content)).toBe(hash);
    expect(storage.content).not.toContain('A lesson recorded after the approval');
    const markdownAfter = await ok('klaus', 'getReportVersion', { reportVersion: 1, format: 'markdown' });
    expect(markdownAfter.content).toBe(markdownBefore.content);
    expect(markdownAfter).toMatchObject({
      filename: 'DEMO-3-escalation-report-v1.md',
      mimeType: expect.stringContaining('markdown') as unknown,
    });
    const html = await ok('klaus', 'getReportVersion', { reportVersion: 1, format: 'html' });
    expect(html.content).toMatch(/^<!DOCTYPE html>/);
    expect(html.content).toContain('@media print');

    // Reopening the report is a new version; the approved one stays as it was.
    const v2 = await ok('sam', 'submitReport', { locale: 'en' });
    expect(v2.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'submitted'],
      [1, 'approved'],
    ]);
    expect(v2.versions[0]!.contentHash).not.toBe(hash);
    expect(v2.approvedVersion).toBe(1);
  });

  it('refuses outsiders and a report before the escalation is resolved', async () => {
    await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', { trigger: 'sla-breach', problem: 'p', impact: 'i' });
    expect(await call('sam', 'submitReport', { locale: 'en' })).toMatchObject({ ok: false, error: { reason: 'not-resolved' } });
    expect(await call('otto', 'previewReport', { locale: 'en' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('sam', 'exportReport', { reportVersion: 1 })).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });
});
