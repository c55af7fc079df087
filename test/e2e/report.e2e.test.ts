/**
 * Issue 6's final report in the browser, through the real sandbox (platform, resolvers, emulated Jira and
 * Confluence) and the real panel: a demo escalation that went to level 3 and was resolved; the contractor
 * previews and submits, the client asks for changes with a comment, the contractor resubmits, the client
 * approves (by the hash of the version shown), the report is exported to Confluence, exported again as
 * version 2 of the same page, and the issue has one remote link to it. German and English screenshots of
 * the report preview and of the Confluence page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { act, configureDemoProject, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import type { ReportsView } from '../../src/shared/report-view';
import { SCREENSHOT_DIR, type TestBrowser } from './support/browser';
import { completeMandatory, type RunAs } from './support/complete-obligations';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { expectText, openPanelAs, panelOf } from './support/app-frame';

jest.setTimeout(180_000); // the setup (an escalation to level 3 and resolved) alone takes over a minute on a busy machine

const ISSUE = 'DEMO-3';
const DAY = 86_400_000;
const HOSTILE = 'Restore fails for tenant 4711 <script>alert("x")</script>';

describe('the final report in the browser', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let browser: TestBrowser;
  let page: Page;
  let pageErrors: string[];

  /** The contractor's lead and the client's executive, as the shared helper that completes a stage needs them. */
  const run: RunAs = (party, key, payload) => act(sandbox, party === 'contractor' ? 'carla' : 'erika', ISSUE, key, payload);

  /** A change both parties make: the level's duties done (by records, ticks only where a tick is the proof), proposed and accepted. */
  async function agreed(key: 'proposeEscalation' | 'resolveEscalation', payload: Record<string, string>): Promise<void> {
    await completeMandatory(run);
    const proposed = await run('contractor', key, payload);
    await run('client', 'answerProposal', { proposalSeq: proposed.escalation!.proposal!.seq, accept: true });
  }

  async function comment(user: keyof typeof DEMO_USERS, text: string): Promise<void> {
    const body = { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } };
    const r = await sandbox.jira(
      {
        method: 'POST',
        path: `/rest/api/3/issue/${ISSUE}/comment`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      { kind: 'user', accountId: DEMO_USERS[user].accountId },
    );
    expect(r.status).toBe(201);
  }

  /** DEMO-3 goes to level 3 (levels 1 and 2 worked through, half a day each), then is resolved. */
  async function escalationAtLevel3Resolved(): Promise<void> {
    await act(sandbox, 'sam', ISSUE, 'startEscalation', {
      trigger: 'sla-breach',
      problem: HOSTILE,
      impact: 'Tenant 4711 without backup & restore since Monday',
    });
    await sandbox.advanceClock(3_600_000);
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Klaus informed by phone' });
    await comment('klaus', 'Bitte <b>dringend</b> prüfen & melden');
    await sandbox.advanceClock(DAY / 2);
    await agreed('proposeEscalation', { note: 'Level 1 did not solve it' });
    await sandbox.advanceClock(DAY / 2);
    await agreed('proposeEscalation', { note: 'Executives must decide' });
    await comment('sam', 'Vendor engineer on site');
    await act(sandbox, 'sam', ISSUE, 'recordRootCause', { text: 'Firmware bug in the backup controller' });
    await act(sandbox, 'sam', ISSUE, 'recordPreventiveMeasure', { text: 'Check controller firmware monthly', owner: 'contractor' });
    await sandbox.advanceClock(DAY);
    await agreed('resolveEscalation', { resolution: 'Controller replaced, restore verified' });
    const view = await act(sandbox, 'sam', ISSUE, 'getEscalation', {});
    expect(view.escalation).toMatchObject({ level: 3, status: 'resolved' });
  }

  async function reports(): Promise<ReportsView> {
    const response = await invokePanel(sandbox, 'sam', ISSUE, 'getReports', {});
    if (!response.ok) throw new Error(response.error.message);
    return response.data as unknown as ReportsView;
  }

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['panel'],
      startAt: '2026-11-23T08:00:00.000Z',
      prepare: async (prepared) => {
        sandbox = prepared;
        await configureDemoProject(sandbox);
        await escalationAtLevel3Resolved();
      },
    });
    ({ sandbox, server, browser, page, pageErrors } = session);
    // Tall enough that the whole panel frame is painted: screenshots of the report section are not cut off.
    await page.setViewportSize({ width: 1440, height: 2400 });
  });

  afterAll(async () => session?.close());

  const panel = (): FrameLocator => panelOf(page);
  const report = () => panel().getByTestId('report-section');
  const reportFrame = (): FrameLocator => panel().frameLocator('[data-testid="report-preview-frame"]');
  const shot = (name: string) => report().screenshot({ path: path.join(SCREENSHOT_DIR, `report-${name}.png`) });

  /** Opens the issue as a demo user and the panel's report tab. */
  async function openReportAs(user: keyof typeof DEMO_USERS): Promise<void> {
    await openPanelAs(page, server.url, user, ISSUE);
    await panel().getByTestId('tab-report').click();
    await report().getByTestId('report-summary').waitFor();
  }

  async function versionStatus(version: number, status: string): Promise<void> {
    await report().getByTestId(`report-version-${version}`).locator('.lozenge').getByText(status, { exact: true }).waitFor();
  }

  it('previews, submits, sends back, resubmits, approves, exports twice and links the issue', async () => {
    // The contractor's agent (English) previews the report generated from the issue's history.
    await openReportAs('sam');
    await expectText(report().getByTestId('report-summary'), 'No version has been submitted yet');
    await report().getByTestId('report-locale-en').check();
    await report().getByTestId('report-preview').click();
    await reportFrame().getByRole('heading', { name: 'Timeline by level' }).waitFor();
    // The introduction quotes the annex's principles in the report's language.
    await reportFrame().getByRole('heading', { name: 'Introduction' }).waitFor();
    await reportFrame().getByText('Escalations should always be regarded as a last resort', { exact: false }).waitFor();
    await reportFrame().getByText(HOSTILE).first().waitFor(); // user text comes out as text, not markup
    await expect(report().getByTestId('report-preview-frame').getAttribute('sandbox')).resolves.toBe('');
    await shot('en-preview');

    // … and submits it in German.
    await report().getByTestId('report-locale-de').check();
    await report().getByRole('button', { name: 'Submit to client (German)' }).click();
    await versionStatus(1, 'Submitted');
    await reportFrame().getByRole('heading', { name: 'Verlauf nach Stufen' }).waitFor();
    await reportFrame().getByText('Eskalationen sollten immer als letzter Ausweg betrachtet werden', { exact: false }).waitFor();

    // The client (German) reads version 1 and asks for changes; a comment is required.
    await openReportAs('klaus');
    await report().getByTestId('report-show-1').getByText('Oben angezeigt').waitFor();
    await reportFrame().locator('h1').getByText('Eskalationsbericht DEMO-3').waitFor();
    await shot('de-client-review');
    await report().getByRole('button', { name: 'Änderungen verlangen' }).click();
    const changes = report().getByTestId('report-changes-form');
    await changes.getByRole('button', { name: 'An den Auftragnehmer zurückgeben' }).click();
    await changes.getByText('Bitte füllen Sie dieses Feld aus.').waitFor();
    await changes.getByLabel('Was soll sich ändern?').fill('Bitte Lessons Learned aus der Nachbesprechung ergänzen.');
    await changes.getByRole('button', { name: 'An den Auftragnehmer zurückgeben' }).click();
    await versionStatus(1, 'Änderungen verlangt');
    await expectText(report().getByTestId('report-decision-1'), 'Bitte Lessons Learned aus der Nachbesprechung ergänzen.');

    // The debrief, recorded by the client in the panel.
    await report().getByRole('button', { name: 'Nachbesprechung erfassen' }).click();
    const debrief = report().getByTestId('report-debrief-form');
    await debrief.getByLabel('Lessons Learned').fill('Firmware-Stände der Backup-Controller monatlich prüfen.');
    await debrief.getByLabel('Verbesserungen (optional)').fill('Monitoring für Restore-Jobs');
    await debrief.getByRole('button', { name: 'Speichern' }).click();
    await report().getByTestId('report-debrief-count').getByText('Erfasste Nachbesprechungen: 1.').waitFor();

    // The contractor resubmits (German): version 2 carries the lessons learned.
    await openReportAs('sam');
    await expectText(report().getByTestId('report-summary'), 'asked for changes to version 1');
    await report().getByTestId('report-locale-de').check();
    await report().getByRole('button', { name: 'Submit version 2 to client (German)' }).click();
    await versionStatus(2, 'Submitted');
    await reportFrame().getByText('Firmware-Stände der Backup-Controller monatlich prüfen.').first().waitFor();

    // The client approves version 2 exactly as shown; the panel sends the shown version's hash.
    await openReportAs('klaus');
    await report().getByTestId('report-show-2').getByText('Oben angezeigt').waitFor();
    await reportFrame().getByText('Firmware-Stände der Backup-Controller monatlich prüfen.').first().waitFor();
    await shot('de-preview');
    await report().getByRole('button', { name: 'Genehmigen', exact: true }).click();
    const approve = report().getByTestId('report-approve-form');
    const v2hash = (await reports()).versions[0]!.contentHash;
    await approve.getByText(`SHA-256 ${v2hash.slice(0, 12)}…`).waitFor();
    await approve.getByRole('button', { name: 'Version 2 genehmigen' }).click();
    await versionStatus(2, 'Genehmigt');
    await expect(report().getByTestId('report-decide').count()).resolves.toBe(0);

    // Export to Confluence: the page and its version show in the panel.
    await report().getByRole('button', { name: 'Version 2 nach Confluence exportieren' }).click();
    await report().getByTestId('report-page').getByText('Seitenversion 1').waitFor();
    const first = (await reports()).page!;
    await expect(report().getByTestId('report-page-link').getAttribute('href')).resolves.toBe(first.url);
    // The page's address is the sandbox's own (`_links.base`): the panel's link opens the sandbox's Confluence viewer.
    expect(first.url).toMatch(new RegExp(`^${server.url}/wiki/spaces/ESC/pages/\\d+$`));
    // The frame may not open windows (Forge's iframe has no allow-popups): the link asks the host (router.open),
    // which opens the site's own page in a new page without asking.
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), report().getByTestId('report-page-link').click()]);
    await opened.getByTestId('confluence-page').getByText('Version 1 ·').waitFor();
    expect(opened.url()).toBe(`${server.url}/#/confluence/${first.pageId}`);
    await opened.close();
    await expect(page.getByTestId('external-link-prompt').count()).resolves.toBe(0);
    // The export's own link in the version's record too.
    const [fromRecord] = await Promise.all([
      browser.context.waitForEvent('page'),
      report().getByTestId('report-version-2').locator('.report__exports').getByRole('link', { name: 'Confluence-Seite öffnen' }).click(),
    ]);
    await fromRecord.getByTestId('confluence-page').getByText('Version 1 ·').waitFor();
    await fromRecord.close();

    // Markdown and HTML downloads of the approved version (a blob: URL of the frame's, which no host could open in a tab).
    const [download] = await Promise.all([page.waitForEvent('download'), report().getByTestId('report-download-markdown').click()]);
    expect(download.suggestedFilename()).toBe('DEMO-3-escalation-report-v2.md');
    const markdown = readFileSync(await download.path(), 'utf8').replace(/\\(.)/g, '$1'); // without Markdown's escapes
    expect(markdown).toContain('Eskalationsbericht DEMO-3');
    expect(markdown).toContain('Firmware-Stände der Backup-Controller monatlich prüfen.');
    const htmlButton = report().getByTestId('report-download-html');
    await expectText(htmlButton, 'HTML herunterladen');
    const [printable] = await Promise.all([page.waitForEvent('download'), htmlButton.click()]);
    expect(printable.suggestedFilename()).toBe('DEMO-3-escalation-report-v2.html');
    const html = readFileSync(await printable.path(), 'utf8');
    expect(html).toMatch(/<h1>Eskalationsbericht DEMO-3: /);
    expect(html).toContain('Firmware-Stände der Backup-Controller monatlich prüfen.');

    // Exported again (by the contractor, in English): version 2 of the same page.
    await openReportAs('sam');
    await report().getByRole('button', { name: 'Export version 2 again' }).click();
    await report().getByTestId('report-page').getByText('Page version 2').waitFor();
    await expect(report().getByTestId('report-version-2').locator('.report__exports li').count()).resolves.toBe(2);
    const second = (await reports()).page!;
    expect(second).toEqual({ ...first, pageVersion: 2 });
    await shot('en-exported');
    await page.getByTestId('panel-escalation-panel').screenshot({ path: path.join(SCREENSHOT_DIR, 'report-en-panel.png') });

    // The issue has one remote link, to that page.
    const links = JSON.parse(
      (await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${ISSUE}/remotelink` }, { kind: 'app' })).body,
    ) as { object: { url: string; title: string } }[];
    expect(links).toHaveLength(1);
    expect(links[0]!.object.url).toBe(first.url);
    // The sandbox's issue view lists it under Web links (after the panel asked Jira to refresh the view).
    const webLink = page.getByTestId('remote-links').getByRole('link', { name: links[0]!.object.title });
    await webLink.waitFor();
    await page.getByTestId('remote-links').screenshot({ path: path.join(SCREENSHOT_DIR, 'report-en-issue-link.png') });

    // The sandbox's Confluence viewer shows the page at version 2 (German report).
    await webLink.click(); // opens the page in the sandbox's Confluence viewer
    const confluencePage = page.getByTestId('confluence-page');
    await confluencePage.getByText('Version 2 ·').waitFor();
    await confluencePage.getByText('Firmware-Stände der Backup-Controller monatlich prüfen.').first().waitFor();
    await confluencePage.getByText(HOSTILE).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-de-confluence.png'), fullPage: true });

    // Reopened as an English version 3 (through the resolvers), approved, and exported from the panel: page version 3.
    const v3 = await invokePanel(sandbox, 'sam', ISSUE, 'submitReport', { locale: 'en' });
    expect(v3.ok).toBe(true);
    const v3hash = (await reports()).versions[0]!.contentHash;
    expect(await invokePanel(sandbox, 'erika', ISSUE, 'approveReport', { reportVersion: 3, contentHash: v3hash })).toMatchObject({
      ok: true,
    });
    await openReportAs('sam');
    await report().getByRole('button', { name: 'Export version 3 again' }).click();
    await report().getByTestId('report-page').getByText('Page version 3').waitFor();
    await page.getByTestId('nav-confluence').click();
    await page.locator('[data-testid="confluence"] .issue-row', { hasText: 'Escalation report DEMO-3' }).click();
    await page.getByTestId('confluence-page').getByText('Version 3 ·').waitFor();
    await page.getByTestId('confluence-page').getByRole('heading', { name: 'Timeline by level' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-en-confluence.png'), fullPage: true });
    expect(
      JSON.parse((await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${ISSUE}/remotelink` }, { kind: 'app' })).body),
    ).toHaveLength(1);

    expect(pageErrors).toEqual([]);
  });
});
