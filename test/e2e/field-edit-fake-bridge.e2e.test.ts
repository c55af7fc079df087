/**
 * The "Escalation level" field's edit view (static/field-edit) in Chromium over a fake bridge whose
 * resolver is the app's real one: it starts or escalates through the resolvers and then submits the value
 * the app derived — it never invents a value of its own.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PanelFakeBackend, PEOPLE, type Person } from './support/panel-fake-backend';
import { startPanelFakeServer, type PanelFakeServer } from './support/panel-fake-server';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './support/browser';

jest.setTimeout(60_000);

const BUILD_DIR = path.resolve(__dirname, '..', '..', 'static', 'field-edit', 'build');

describe('Escalation level field: edit view', () => {
  let browser: TestBrowser;
  const servers: PanelFakeServer[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(BUILD_DIR, 'index.html'))) throw new Error(`${BUILD_DIR} is missing: run \`npm run build\` first.`);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await browser?.close();
  });

  async function open(backend: PanelFakeBackend, person: Person, locale: string): Promise<Page> {
    const server = await startPanelFakeServer(BUILD_DIR, backend);
    servers.push(server);
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.pageUrl({ accountId: PEOPLE[person].accountId, locale }));
    return page;
  }

  it('starts an escalation through the resolver and submits the derived value, named in the site language', async () => {
    const backend = new PanelFakeBackend();
    backend.world.siteLocale = 'de'; // the site's default language, whatever the reader's
    const page = await open(backend, 'contractor', 'en-US');
    await page.getByLabel('Problem').fill('Payments fail for all cards.');
    await page.getByLabel('Impact').fill('No revenue since 09:00.');
    await page.getByRole('button', { name: 'Start escalation (level 1)' }).click();
    await page.getByText('Current level').waitFor();
    expect(backend.calls.map((c) => c.functionKey)).toEqual(['getEscalation', 'startEscalation', 'getLevelFieldValue']);
    expect(backend.submitted).toEqual([{ level: 1, name: 'Sofortige Problemlösung', status: 'open' }]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'field-edit-en-started.png') });
  });

  it('a bridge that rejects leaves the buttons usable and says nothing was changed', async () => {
    const backend = new PanelFakeBackend();
    const page = await open(backend, 'contractor', 'en-US');
    await page.getByLabel('Problem').fill('Payments fail for all cards.');
    await page.getByLabel('Impact').fill('No revenue since 09:00.');
    backend.bridgeFailures = 1;
    const start = page.getByRole('button', { name: 'Start escalation (level 1)' });
    await start.click();
    await page.getByRole('alert').getByText('The app could not be reached; nothing was changed. Please try again.').waitFor();
    await expect(start.isEnabled()).resolves.toBe(true);
    await start.click();
    await page.getByText('Current level').waitFor();
    expect(backend.submitted).toEqual([{ level: 1, name: 'Immediate problem solving', status: 'open' }]);
  });

  it('offers escalation only when the rules allow it, and says why in German', async () => {
    const backend = new PanelFakeBackend();
    await backend.act('contractor', 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
    const page = await open(backend, 'client', 'de-DE');
    const escalate = page.getByRole('button', { name: 'Eskalieren auf Stufe 2' });
    await escalate.waitFor();
    await expect(escalate.isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('escalate-unavailable').innerText()).resolves.toBe('Pflichtleistungen dieser Stufe sind noch offen.');
    expect(backend.submitted).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'field-edit-de-blocked.png') });
  });

  it('proposes de-escalation (both parties decide it) and keeps the level until the other party accepts', async () => {
    const backend = new PanelFakeBackend();
    await backend.act('contractor', 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
    const proposed = await backend.act('client', 'proposeEscalation', { note: 'Executives must decide on resources.' });
    await backend.act('contractor', 'answerProposal', { proposalSeq: proposed.escalation!.proposal!.seq, accept: true });
    const page = await open(backend, 'contractor', 'de-DE');
    await page.getByLabel('Begründung (für den Vorschlag erforderlich)').fill('Ressourcen zugesagt, der Betrieb übernimmt wieder.');
    await page.getByRole('button', { name: 'Deeskalation auf Stufe 1 vorschlagen' }).click();
    await page
      .getByTestId('proposal-waiting')
      .getByText('Im Eskalations-Panel wartet ein Vorschlag auf Antwort: um eine Stufe deeskalieren.')
      .waitFor();
    // Still level 2: the client accepts in the panel (or with the workflow transition). Named in the site's
    // language (English here), not the German reader's: one value for every reader.
    expect(backend.submitted).toEqual([{ level: 2, name: 'Middle management involvement', status: 'open' }]);
    await expect(page.getByRole('button', { name: 'Deeskalation auf Stufe 1 vorschlagen' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'field-edit-de-proposed.png') });
  });

  it('is read-only for people who may not change the escalation', async () => {
    const backend = new PanelFakeBackend();
    const page = await open(backend, 'viewer', 'en-US');
    await page.getByText('You cannot change the escalation of this issue.').waitFor();
  });
});
