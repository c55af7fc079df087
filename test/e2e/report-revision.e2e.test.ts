/**
 * The work surface puts the viewer's work first, in Chromium over the real sandbox:
 * - the report's revision loop: the contractor writes the report's free texts (summary, lessons learned,
 *   the answer to the client's request), the client sends a version back, the contractor edits the texts
 *   (the version's language kept) and resubmits, the client sees which texts changed and approves the hash
 *   of exactly what was shown — a hash that binds the texts;
 * - the checklist shows the viewer's own items first and the timeline people's actions, its filter announced.
 * Screenshots in German and English, light and dark, 320 px and wide: test-output/screenshots/revision-*.png
 * and work-first-*.png.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { act, configureDemoProject, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { type DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import type { ReportDocument, ReportsView } from '../../src/shared/report-view';
import { SCREENSHOT_DIR } from './support/browser';
import { completeMandatory, type RunAs } from './support/complete-obligations';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { expectText, expectTextToBe, openAppFrame, PANEL, panelOf } from './support/app-frame';

jest.setTimeout(180_000);

const REPORT_ISSUE = 'DEMO-3';
const OPEN_ISSUE = 'DEMO-2';
const REQUEST = 'Please add how long the restore was down.';

type Mode = 'light' | 'dark';

describe('the work surface puts the viewer’s work first', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  const run: RunAs = (party, key, payload) => act(sandbox, party === 'contractor' ? 'carla' : 'erika', REPORT_ISSUE, key, payload);

  async function reports(): Promise<ReportsView> {
    const response = await invokePanel(sandbox, 'sam', REPORT_ISSUE, 'getReports', {});
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
        // DEMO-3: worked through at level 1 and resolved by both parties, ready for its report.
        await act(sandbox, 'sam', REPORT_ISSUE, 'startEscalation', { trigger: 'other', problem: 'Restore fails', impact: 'No backup' });
        await act(sandbox, 'sam', REPORT_ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Klaus' });
        await completeMandatory(run);
        const proposed = await run('contractor', 'resolveEscalation', { resolution: 'Controller replaced, restore verified' });
        await run('client', 'answerProposal', { proposalSeq: proposed.escalation!.proposal!.seq, accept: true });
        // DEMO-2: an open escalation at level 1.
        await act(sandbox, 'sam', OPEN_ISSUE, 'startEscalation', { trigger: 'other', problem: 'Login slow', impact: 'Agents wait' });
        await act(sandbox, 'sam', OPEN_ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Klaus' });
        // Half a working day on: the sweep records its deadline notices (system events) on DEMO-2.
        await sandbox.advanceClock(4 * 3_600_000);
      },
    });
    ({ sandbox, server, page, pageErrors } = session);
  });
  afterAll(async () => session?.close());

  const panel = (): FrameLocator => panelOf(page);
  const report = () => panel().getByTestId('report-section');
  const reportFrame = (): FrameLocator => panel().frameLocator('[data-testid="report-preview-frame"]');

  /** Opens an issue as a demo user, in a theme, with the panel's frame at a width (as Jira may give it). */
  async function open(user: keyof typeof DEMO_USERS, issue: string, mode: Mode, width: number): Promise<void> {
    await page.setViewportSize({ width: 1440, height: 2400 });
    const frame = await openAppFrame(page, server.url, { user, hash: `#/browse/${issue}`, container: PANEL, ready: '.panel' }, mode);
    if (width < 1440) {
      await page.locator(`${PANEL} iframe`).evaluate((el, w) => void ((el as HTMLIFrameElement).style.width = `${w}px`), width);
      await frame.waitForFunction((w) => window.innerWidth === w, width);
    }
  }
  async function openReport(user: keyof typeof DEMO_USERS, mode: Mode, width: number): Promise<void> {
    await open(user, REPORT_ISSUE, mode, width);
    await panel().getByTestId('tab-report').click();
    await report().getByTestId('report-summary').waitFor();
  }
  const shot = async (locator: ReturnType<FrameLocator['getByTestId']>, name: string) => {
    await locator.scrollIntoViewIfNeeded();
    await locator.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  };

  it('lets the contractor edit the free texts between versions, shows the client what changed, and binds them by the hash', async () => {
    // Version 1, German, by the contractor's lead: the free texts are the only hand-written parts.
    await openReport('carla', 'light', 1440);
    const texts = report().getByTestId('report-texts');
    await expectTextToBe(texts.locator('legend'), 'Ihre Texte für Version 1');
    await expect(texts.getByTestId('report-text-response').count()).resolves.toBe(0); // nothing to answer yet
    await texts.getByLabel('Zusammenfassung').fill('Der Restore fiel aus.');
    await texts.getByLabel('Lessons Learned').fill('Controller-Firmware monatlich prüfen.');
    await expect(report().getByTestId('report-locale-de').isChecked()).resolves.toBe(true);
    await report().getByTestId('report-submit').click();
    await report().getByTestId('report-version-1').locator('.lozenge').getByText('Vorgelegt', { exact: true }).waitFor();
    expect((await reports()).versions[0]).toMatchObject({
      version: 1,
      locale: 'de',
      edited: [],
      texts: { summary: 'Der Restore fiel aus.', lessons: 'Controller-Firmware monatlich prüfen.' },
    });

    // The client sends version 1 back.
    expect(await invokePanel(sandbox, 'erika', REPORT_ISSUE, 'requestReportChanges', { reportVersion: 1, comment: REQUEST })).toMatchObject(
      { ok: true },
    );

    // The contractor's agent (English) revises: the texts start from version 1's, the language stays German.
    await openReport('sam', 'light', 1440);
    await expect(report().getByTestId('report-locale-de').isChecked()).resolves.toBe(true);
    await expectTextToBe(texts.locator('legend'), 'Your texts for version 2');
    await expectText(texts.getByTestId('report-texts-request'), REQUEST);
    await expect(texts.getByLabel('Summary').inputValue()).resolves.toBe('Der Restore fiel aus.');
    await texts.getByLabel('Summary').fill('Der Restore fiel 26 Stunden aus.');
    await texts.getByLabel('Response to the requested changes').fill('Die Ausfalldauer steht jetzt in der Zusammenfassung.');
    await report().getByTestId('report-preview').click();
    await reportFrame().getByRole('heading', { name: 'Stellungnahme des Auftragnehmers' }).waitFor();
    await reportFrame().getByText('Die Ausfalldauer steht jetzt in der Zusammenfassung.').waitFor();
    await reportFrame().getByText(REQUEST).first().waitFor(); // the client's request, quoted from the record
    await shot(report().getByTestId('report-generate'), 'revision-en-contractor-light-wide');
    await expect(report().getByRole('button', { name: 'Submit version 2 to client (German)' }).count()).resolves.toBe(1);
    await report().getByTestId('report-submit').click();
    await report().getByTestId('report-version-2').waitFor();
    const v2 = (await reports()).versions[0]!;
    expect(v2).toMatchObject({ version: 2, locale: 'de', status: 'submitted', edited: ['summary', 'response'] });
    // The next version's texts start from version 2's; the contractor sees the same change list.
    await expectTextToBe(texts.locator('legend'), 'Your texts for version 3');
    await expectTextToBe(report().getByTestId('report-changes-list'), 'Edited: Summary, Response to the requested changes');

    // The client (German) sees which texts changed before deciding, each before and after.
    await openReport('klaus', 'light', 1440);
    const changes = report().getByTestId('report-changes');
    await expectTextToBe(changes.getByRole('heading').first(), 'Was sich seit Version 1 geändert hat');
    await expectTextToBe(changes.getByTestId('report-changes-list'), 'Bearbeitet: Zusammenfassung, Stellungnahme zu den Änderungswünschen');
    await expect(report().getByTestId('report-texts').count()).resolves.toBe(0); // the client writes none of it
    await expect(changes.getByTestId('report-change-response').getAttribute('open')).resolves.toBe(''); // open to read at once
    await expectText(
      changes.getByTestId('report-change-summary'),
      /Vorher \(Version 1\)\s*Der Restore fiel aus\.\s*Jetzt \(Version 2\)\s*Der Restore fiel 26 Stunden aus\./,
    );
    await shot(changes, 'revision-de-client-light-wide');

    // Approving binds the hash of the version shown, whose frozen text holds the contractor's texts.
    await report().getByTestId('report-show-2').getByText('Oben angezeigt').waitFor();
    await report().getByRole('button', { name: 'Genehmigen', exact: true }).click();
    await report()
      .getByTestId('report-approve-form')
      .getByText(`SHA-256 ${v2.contentHash.slice(0, 12)}…`)
      .waitFor();
    await report().getByRole('button', { name: 'Version 2 genehmigen' }).click();
    await report().getByTestId('report-version-2').locator('.lozenge').getByText('Genehmigt', { exact: true }).waitFor();
    const frozen = await invokePanel(sandbox, 'klaus', REPORT_ISSUE, 'getReportVersion', { reportVersion: 2, format: 'storage' });
    if (!frozen.ok) throw new Error(frozen.error.message);
    const storage = frozen.data as unknown as ReportDocument;
    expect(createHash('sha256').update(storage.content).digest('hex')).toBe(v2.contentHash);
    expect(storage.content).toContain('Die Ausfalldauer steht jetzt in der Zusammenfassung.');
    expect(storage.content).toContain('Der Restore fiel 26 Stunden aus.');

    // The same in the other theme and language, and at 320 px.
    await openReport('klaus', 'dark', 320);
    await shot(report().getByTestId('report-changes'), 'revision-de-client-dark-320');
    await openReport('erika', 'light', 320);
    await expectTextToBe(report().getByTestId('report-changes-list'), 'Edited: Summary, Response to the requested changes');
    await shot(report().getByTestId('report-changes'), 'revision-en-client-light-320');
    await openReport('sam', 'dark', 320);
    // Version 2 was approved: a version 3 would start from its texts, with no answer owed to anyone.
    await expect(report().getByTestId('report-text-summary').inputValue()).resolves.toBe('Der Restore fiel 26 Stunden aus.');
    await expect(report().getByTestId('report-text-response').count()).resolves.toBe(0);
    await shot(report().getByTestId('report-generate'), 'revision-en-contractor-dark-320');
    await openReport('carla', 'dark', 1440);
    await shot(report().getByTestId('report-generate'), 'revision-de-contractor-dark-wide');
    expect(pageErrors).toEqual([]);
  });

  it('shows the viewer’s own items and people’s actions first, the rest one click away', async () => {
    // The client (German): the client's own items, the contractor's open ones as a count.
    await open('klaus', OPEN_ISSUE, 'light', 1440);
    const checklist = panel().getByTestId('obligation-checklist');
    await expect(checklist.getByTestId('checklist-mine').getAttribute('aria-pressed')).resolves.toBe('true');
    const level1 = checklist.getByTestId('section-level-1');
    await expect(level1.locator('[data-party="contractor"]').count()).resolves.toBe(0);
    await expectText(level1.getByTestId('section-level-1-other-open'), /^Auftragnehmer: \d+ hier offen\.$/);
    // The section's progress counts what is shown: the client's ten items here, both parties' twenty side by side.
    await expectText(level1.locator('.checklist-section__progress'), /^\d+ von 10 erfüllt/);
    await shot(level1, 'work-first-checklist-de-light-wide');

    // The timeline: people's actions, the filter said in words (a status a screen reader announces).
    const shown = panel().getByTestId('timeline-shown');
    await expect(shown.getAttribute('role')).resolves.toBe('status');
    const people = /^Angezeigt: Handlungen von Personen, (\d+) von (\d+) Einträgen\.$/.exec(await shown.innerText());
    expect(people).not.toBeNull();
    const [, count, total] = people!.map(Number);
    const timeline = panel().getByTestId('timeline');
    await expect(timeline.locator('li').count()).resolves.toBe(count);
    await expect(timeline.locator('li[data-type="notification-sent"], li[data-type="deadline-notice"]').count()).resolves.toBe(0);
    await panel().getByTestId('timeline-filter-system').click();
    expect(total! - count!).toBeGreaterThan(0);
    await expectTextToBe(shown, `Angezeigt: Systemereignisse, ${total! - count!} von ${total} Einträgen.`);
    await expect(timeline.locator('li').count()).resolves.toBe(total! - count!);
    await shot(panel().getByTestId('timeline-filter').locator('xpath=..'), 'work-first-timeline-de-light-wide');

    // Both parties side by side on demand.
    await checklist.getByTestId('checklist-both').click();
    await expect(level1.locator('[data-party="contractor"]').count()).resolves.toBe(10);
    await expectText(level1.locator('.checklist-section__progress'), /^\d+ von 20 erfüllt/);

    await open('klaus', OPEN_ISSUE, 'dark', 320);
    await shot(panel().getByTestId('obligation-checklist').getByTestId('section-level-1'), 'work-first-checklist-de-dark-320');
    await open('sam', OPEN_ISSUE, 'light', 320);
    await expectText(panel().getByTestId('section-level-1-other-open'), /^Client: \d+ open here\.$/);
    await shot(panel().getByTestId('obligation-checklist').getByTestId('section-level-1'), 'work-first-checklist-en-light-320');
    await open('sam', OPEN_ISSUE, 'dark', 1440);
    await shot(panel().getByTestId('obligation-checklist').getByTestId('section-level-1'), 'work-first-checklist-en-dark-wide');
    expect(pageErrors).toEqual([]);
  });
});
