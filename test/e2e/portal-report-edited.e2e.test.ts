/**
 * The report's revision loop as the client's portal customer sees it, in Chromium over the real sandbox: the
 * contractor's version 2 answers the changes the client asked for; before deciding, Clara (a customer without
 * a Jira licence) reads on the portal which of the contractor's texts were edited since version 1 and that
 * the other sections are generated anew. German at 320 px and English wide, light and dark; screenshots go
 * to test-output/screenshots/portal-edited-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { act, configureDemoProject, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_CUSTOMERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { expectText, openAs, portalOf, PORTAL, renderedFrame, type ColorMode } from './support/app-frame';
import { SCREENSHOT_DIR } from './support/browser';
import { completeMandatory, type RunAs } from './support/complete-obligations';
import { layoutProblems } from './support/layout-checks';
import { MONDAY_9_BERLIN, openSandboxSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(240_000);

const ISSUE = 'DEMO-3';
const CLARA = DEMO_CUSTOMERS.clara.accountId;

describe('the portal tells the client which texts of a report version were edited', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  const run: RunAs = (party, key, payload) => act(sandbox, party === 'contractor' ? 'carla' : 'erika', ISSUE, key, payload);

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['portal'],
      startAt: MONDAY_9_BERLIN,
      prepare: async (prepared) => {
        sandbox = prepared;
        await configureDemoProject(sandbox);
        // Worked through at level 1 and resolved by both parties; version 1 of the report sent back, version 2 answers.
        await act(sandbox, 'sam', ISSUE, 'startEscalation', { trigger: 'other', problem: 'Restore fails', impact: 'No backup' });
        await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Klaus' });
        await completeMandatory(run);
        const proposed = await run('contractor', 'resolveEscalation', { resolution: 'Controller replaced, restore verified' });
        await run('client', 'answerProposal', { proposalSeq: proposed.escalation!.proposal!.seq, accept: true });
        const first = { summary: 'Der Restore fiel aus.', lessons: 'Firmware monatlich prüfen.', response: '' };
        expect((await invokePanel(sandbox, 'carla', ISSUE, 'submitReport', { locale: 'de', texts: first })).ok).toBe(true);
        const back = await invokePanel(sandbox, 'erika', ISSUE, 'requestReportChanges', {
          reportVersion: 1,
          comment: 'Bitte die Ausfalldauer nennen.',
        });
        expect(back.ok).toBe(true);
        const second = {
          ...first,
          summary: 'Der Restore fiel 26 Stunden aus.',
          response: 'Die Ausfalldauer steht in der Zusammenfassung.',
        };
        expect((await invokePanel(sandbox, 'carla', ISSUE, 'submitReport', { locale: 'de', texts: second })).ok).toBe(true);
      },
    });
    ({ server, page, pageErrors } = session);
  });
  afterAll(async () => session?.close());

  /** Opens the request on the portal as Clara, in her profile language, in a theme and at a width. */
  async function openAsClara(locale: 'de-DE' | 'en-US', mode: ColorMode, width: number): Promise<void> {
    sandbox.db.prepare('UPDATE jira_user SET locale = ? WHERE account_id = ?').run(locale, CLARA);
    await page.setViewportSize({ width, height: 900 });
    await openAs(page, server.url, { accountId: CLARA }, `#/portal/${ISSUE}`);
    await page.getByTestId('theme-switch').selectOption(mode);
    await page.reload();
    const frame = await renderedFrame(page, PORTAL, '[data-testid="portal-escalation"]');
    await frame.waitForFunction((m) => document.documentElement.getAttribute('data-color-mode') === m, mode);
  }

  it.each([
    [
      'de-DE',
      'light',
      320,
      /Bearbeitet: Zusammenfassung, Stellungnahme zu den Änderungswünschen.*Die übrigen Abschnitte werden aus dem Protokoll neu erzeugt\./s,
    ],
    ['de-DE', 'dark', 320, /Bearbeitet: Zusammenfassung, Stellungnahme zu den Änderungswünschen/],
    [
      'en-US',
      'light',
      1280,
      /Edited: Summary, Response to the requested changes.*The other sections are generated anew from the record\./s,
    ],
    ['en-US', 'dark', 1280, /Edited: Summary, Response to the requested changes/],
  ] as const)('%s, %s, %i px: the edited line above version 2', async (locale, mode, width, expected) => {
    await openAsClara(locale, mode, width);
    const version2 = portalOf(page).getByTestId('todo-report-2');
    await expectText(version2.getByTestId('report-edited'), expected);
    // The lessons learned, untouched since version 1, are not named as edited.
    await expect(version2.getByTestId('report-edited').innerText()).resolves.not.toMatch(/Lessons/i);
    await version2.scrollIntoViewIfNeeded();
    await version2.screenshot({ path: path.join(SCREENSHOT_DIR, `portal-edited-${locale.slice(0, 2)}-${mode}-${width}.png`) });
    const frame = await renderedFrame(page, PORTAL, '[data-testid="portal-escalation"]');
    const layout = await layoutProblems(frame);
    expect({ overflowX: layout.overflowX, brokenWords: layout.brokenWords }).toEqual({ overflowX: 0, brokenWords: [] });
    expect(pageErrors).toEqual([]);
  });
});
