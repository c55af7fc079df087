/**
 * The issue panel (static/panel/build) in Chromium, without the sandbox: a fake Forge bridge answers
 * `getContext` and `invoke`, and invoke runs the app's real resolver over in-memory ports
 * (test/e2e/support/panel-fake-backend.ts), so every view the panel renders is a genuine one.
 * Screenshots go to test-output/screenshots/panel-*.png.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { REJECTION_MESSAGES } from '../../src/shared/rejection-messages';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './support/browser';
import { completeMandatory, type RunAs } from './support/complete-obligations';
import { PanelFakeBackend, PEOPLE, type Person } from './support/panel-fake-backend';
import { startPanelFakeServer, type PanelFakeServer } from './support/panel-fake-server';

jest.setTimeout(90_000);

const STATIC_DIR = path.resolve(__dirname, '..', '..', 'static');
const BUILD_DIR = path.join(STATIC_DIR, 'panel', 'build');

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }, 0);
}

/**
 * `npm test` builds first. Building here instead would race the other browser tests that serve the same
 * folder (and Jest's NODE_ENV=test would make a development bundle), so a missing or stale bundle is an error.
 */
function ensurePanelBuilt(): void {
  const index = path.join(BUILD_DIR, 'index.html');
  const sources = Math.max(
    newestSource(path.join(STATIC_DIR, 'panel', 'src')),
    statSync(path.join(STATIC_DIR, 'panel', 'index.html')).mtimeMs,
  );
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npm run build\` first.`);
  if (statSync(index).mtimeMs < sources) throw new Error('static/panel/build is older than its sources: run `npm run build` first.');
}

/**
 * Level 1 under way for a critical problem: the start and the notification are records, one manual tick with
 * evidence by each party (one by an admin acting for the client), and a tick the contractor withdrew.
 */
async function seedLevel1(backend: PanelFakeBackend): Promise<void> {
  await backend.act(
    'contractor',
    'startEscalation',
    {
      trigger: 'sla-breach',
      problem: 'Checkout rejects about 30 % of card payments since 07:50.',
      impact: 'Orders are lost; the 99.9 % availability SLA is breached.',
      critical: true,
    },
    '2026-11-23T08:30:00.000Z',
  );
  await backend.act(
    'contractor',
    'recordClientNotified',
    { channel: 'phone', note: 'Klara informed by phone.' },
    '2026-11-23T08:43:00.000Z',
  );
  await backend.act(
    'client',
    'fulfilObligation',
    {
      obligationId: 'L1-K-01',
      note: 'Logs and payment traces shared in the ticket.',
      evidenceUrl: 'https://mail.example.com/messages/4711',
    },
    '2026-11-23T09:05:00.000Z',
  );
  await backend.act(
    'contractor',
    'postStatusUpdate',
    { text: 'Payment gateway certificate suspected; rollback prepared.' },
    '2026-11-23T09:15:00.000Z',
  );
  await backend.act(
    'admin',
    'fulfilObligation',
    {
      obligationId: 'L1-K-06',
      note: 'Klara receives the status updates.',
      onBehalf: { party: 'client', reason: 'Klara is on the phone with the contractor' },
    },
    '2026-11-23T09:20:00.000Z',
  );
  await backend.act(
    'contractor',
    'fulfilObligation',
    { obligationId: 'L1-C-05', note: 'Payment team deployed.' },
    '2026-11-23T09:25:00.000Z',
  );
  await backend.act(
    'contractor',
    'withdrawFulfilment',
    { obligationId: 'L1-C-05', reason: 'The certificate specialist is not on the team yet.' },
    '2026-11-23T09:28:00.000Z',
  );
  backend.setNow('2026-11-23T10:05:00.000Z');
}

/** The fake backend's people by party, for the shared helper that completes a stage. */
const runAs =
  (backend: PanelFakeBackend): RunAs =>
  (party, key, payload) =>
    backend.act(party, key, payload);

/** The newest timeline entry a person recorded (the app's pushes to the other party follow most of them). */
const newestRecord = (page: Page) =>
  page
    .getByTestId('timeline')
    .locator('li')
    .filter({ hasNotText: /Benachrichtigung versandt|Notification sent/ })
    .first();

describe('issue panel over a fake bridge (real resolver, in-memory ports)', () => {
  let browser: TestBrowser;
  const pageErrors: string[] = [];
  const servers: PanelFakeServer[] = [];

  beforeAll(async () => {
    ensurePanelBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  afterEach(() => {
    const errors = pageErrors.splice(0);
    expect(errors).toEqual([]);
  });

  async function openPanel(backend: PanelFakeBackend, person: Person, locale: string, width = 900): Promise<Page> {
    const server = await startPanelFakeServer(BUILD_DIR, backend);
    servers.push(server);
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    await page.goto(server.pageUrl({ accountId: PEOPLE[person].accountId, locale }));
    await page
      .locator('[data-testid="obligation-checklist"], [data-testid="no-escalation"], [data-testid="load-failed"]')
      .first()
      .waitFor();
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-${name}.png`), fullPage: true });
  const cell = (page: Page, id: string): Locator => page.getByTestId(`obligation-${id}`);
  const principle = (id: string) => DEFAULT_PROCESS_TEMPLATE.principles.find((p) => p.id === id)!.text;

  /** The annex's principles in a decision's form: open, headed in the reader's language, each quoted in it. */
  async function expectPrinciples(form: Locator, decision: string, locale: 'de' | 'en', ids: readonly string[]): Promise<void> {
    const reminder = form.getByTestId(`principles-${decision}`);
    await expect(reminder.isVisible()).resolves.toBe(true);
    await expect(reminder.locator('summary').textContent()).resolves.toBe(
      locale === 'de' ? 'Grundsätze des Eskalationsprozesses' : 'Principles of the escalation process',
    );
    await expect(reminder.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-principle')))).resolves.toEqual(ids);
    for (const id of ids) await expect(reminder.locator(`[data-principle="${id}"]`).isVisible()).resolves.toBe(true);
    const text = (await reminder.textContent()) ?? '';
    expect(text).toContain(principle(ids[0]!)[locale]);
    expect(text).not.toContain(principle(ids[0]!)[locale === 'de' ? 'en' : 'de']);
  }

  /** Contractor item i and client item i sit in one row, contractor on the left. */
  /** A party member sees its own items first; both parties side by side on demand. */
  async function showBoth(page: Page): Promise<void> {
    const both = page.getByTestId('checklist-both');
    if ((await both.count()) > 0 && (await both.getAttribute('aria-pressed')) !== 'true') await both.click();
  }

  async function expectSideBySide(page: Page, section: string): Promise<void> {
    await showBoth(page);
    const rows = page.locator(`[data-testid="section-${section}"] tbody tr`);
    expect(await rows.count()).toBe(10);
    for (let i = 0; i < 10; i++) {
      const contractor = await rows.nth(i).locator('[data-party="contractor"]').boundingBox();
      const client = await rows.nth(i).locator('[data-party="client"]').boundingBox();
      expect(contractor && client).toBeTruthy();
      expect(Math.abs(contractor!.y - client!.y)).toBeLessThan(2);
      expect(contractor!.x + contractor!.width).toBeLessThanOrEqual(client!.x);
    }
  }

  it('renders both parties’ obligations side by side in English, with fulfilments, deadlines and the timeline', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const page = await openPanel(backend, 'contractor', 'en-US');

    await expect(page.getByTestId('escalation-header').textContent()).resolves.toContain('Immediate problem solving');
    await expectSideBySide(page, 'level-1');
    await expectSideBySide(page, 'documentation');
    const rows = page.locator('[data-testid="section-level-1"] tbody tr');
    await expect(rows.nth(0).getByTestId('obligation-L1-C-01').count()).resolves.toBe(1);
    await expect(rows.nth(0).getByTestId('obligation-L1-K-01').count()).resolves.toBe(1);

    // Texts in English; each fulfilment says how: by a record, by the app, by a tick (who/when/note/evidence).
    await expect(cell(page, 'L1-C-01').textContent()).resolves.toContain(
      'The contractor identifies problems that arise without undue delay',
    );
    await expect(cell(page, 'L1-C-01').textContent()).resolves.toContain('Fulfilled by the record: Escalation started');
    await expect(cell(page, 'L1-C-02').textContent()).resolves.toMatch(
      /Fulfilled by the record: Client notified.*Recorded by Sam Contractor/,
    );
    await expect(cell(page, 'L1-C-03').textContent()).resolves.toContain('Done by the app');
    await expect(cell(page, 'L1-K-06').textContent()).resolves.toContain(
      'acting for the client: Klara is on the phone with the contractor',
    );
    await expect(cell(page, 'L1-K-01').textContent()).resolves.toContain('Fulfilled by Klara Kundin');
    const evidence = cell(page, 'L1-K-01').getByRole('link', { name: /Evidence/ });
    await expect(evidence.getAttribute('href')).resolves.toBe('https://mail.example.com/messages/4711');
    await expect(evidence.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(evidence.getAttribute('target')).resolves.toBe('_blank');
    await expect(cell(page, 'L1-C-05').textContent()).resolves.toContain('Fulfilment withdrawn 1×');
    // An open duty a record proves says which record; nobody looks for a tick there.
    await expect(cell(page, 'L1-C-04').getByTestId('fulfilled-when-L1-C-04').textContent()).resolves.toBe(
      'Fulfilled when recorded: Preliminary action plan submitted / Detailed action plan submitted',
    );
    await expect(cell(page, 'L1-C-04').getByRole('button').count()).resolves.toBe(0);
    await expect(page.getByTestId('section-level-1').getByText('Current level').count()).resolves.toBe(1);

    // The contractor ticks only what happens outside the app, withdraws no record, and never touches the client's.
    await expect(cell(page, 'L1-C-05').getByRole('button', { name: 'Fulfil' }).count()).resolves.toBe(1);
    await expect(cell(page, 'L1-C-02').getByRole('button').count()).resolves.toBe(0);
    await expect(page.locator('[data-party="client"]').getByRole('button').count()).resolves.toBe(0);

    // Deadlines: the overdue "unverzüglich" items, in English, with who must act.
    const deadlines = page.getByTestId('deadlines');
    await expect(deadlines.textContent()).resolves.toContain('Without undue delay');
    await expect(deadlines.locator('.deadline--overdue').first().textContent()).resolves.toMatch(/overdue by 35 min.*To act: Contractor/);

    // Escalate is refused with the process's reason; the timeline shows every event, newest first.
    await expect(page.getByTestId('action-escalate').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('unavailable-escalate').textContent()).resolves.toContain(REJECTION_MESSAGES['open-obligations'].en);
    // People's actions by default; every event one click away.
    await expect(page.getByTestId('timeline-filter-people').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.getByTestId('timeline-filter-all').click();
    await expect(page.getByTestId('timeline-shown').textContent()).resolves.toBe(
      `Showing all ${backend.world.events.get('10001')!.length} entries.`,
    );
    const events = page.getByTestId('timeline').locator('li');
    await expect(events.count()).resolves.toBe(backend.world.events.get('10001')!.length);
    await expect(events.first().textContent()).resolves.toContain('Sam Contractor (Contractor) withdrew the fulfilment of L1-C-05');
    await expect(events.last().textContent()).resolves.toContain('started the escalation at level 1: SLA not met');
    await shot(page, 'en-contractor');
    await page.close();
  });

  it('follows a German Jira locale: texts, dates and party names in German, client view', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const page = await openPanel(backend, 'client', 'de-DE', 760);

    await expect(page.getByTestId('escalation-header').textContent()).resolves.toContain('Sofortige Problemlösung');
    await expectSideBySide(page, 'level-1');
    const head = page.locator('[data-testid="section-level-1"] thead');
    await expect(head.textContent()).resolves.toMatch(/Auftragnehmer.*Auftraggeber/);
    await expect(cell(page, 'L1-K-01').textContent()).resolves.toContain('Erfüllt von Klara Kundin');
    await expect(cell(page, 'L1-C-01').textContent()).resolves.toContain('Der Auftragnehmer identifiziert unverzüglich');
    // 09:05 UTC is 10:05 in Berlin.
    await expect(cell(page, 'L1-K-01').textContent()).resolves.toMatch(/23\.11\.2026, 10:05/);
    // The client ticks only client items done outside the app; a decision on the plan is its record.
    await expect(page.locator('[data-party="contractor"]').getByRole('button').count()).resolves.toBe(0);
    await expect(cell(page, 'L1-K-02').getByRole('button', { name: 'Erfüllen' }).count()).resolves.toBe(1);
    await expect(cell(page, 'L1-K-04').getByRole('button', { name: 'Erfüllen' }).count()).resolves.toBe(0);
    await expect(cell(page, 'L1-K-04').textContent()).resolves.toContain(
      'Erfüllt, sobald erfasst: Entscheidung über den vorläufigen Aktionsplan / Entscheidung über den detaillierten Aktionsplan',
    );
    await expect(cell(page, 'L1-C-02').textContent()).resolves.toContain('Erfüllt durch den Eintrag: Auftraggeber benachrichtigt');
    await expect(page.getByTestId('escalation-header').textContent()).resolves.toContain('Kritisches Problem');
    await expect(page.getByTestId('deadlines').textContent()).resolves.toContain('Unverzüglich');
    await expect(page.getByTestId('timeline').locator('li').first().textContent()).resolves.toContain(
      'hat die Erfüllung von L1-C-05 zurückgezogen',
    );
    await shot(page, 'de-client');
    await page.close();
  });

  it('lets a contractor tick a duty done outside the app through the inline form, once, and shows it fulfilled', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const page = await openPanel(backend, 'contractor', 'en-US');

    const target = cell(page, 'L1-C-05');
    await target.getByRole('button', { name: 'Fulfil' }).click();
    const form = page.getByTestId('fulfil-form-L1-C-05');
    await form.getByRole('button', { name: 'Record fulfilment' }).click();
    await expect(form.textContent()).resolves.toContain('Please fill in this field.');
    await form.getByLabel('Evidence link (optional)').fill('javascript:alert(1)');
    await form.getByLabel('Note').fill('Payment team and the certificate specialist on the incident bridge.');
    await form.getByRole('button', { name: 'Record fulfilment' }).click();
    await expect(form.textContent()).resolves.toContain('Enter a web link starting with https://');
    await shot(page, 'en-fulfil-form');

    await form.getByLabel('Evidence link (optional)').fill('https://wiki.example.com/pay/bridge-roster');
    backend.latencyMs = 400;
    await form.getByRole('button', { name: 'Record fulfilment' }).dblclick();
    await target.getByText('Fulfilled by Sam Contractor').waitFor();
    backend.latencyMs = 0;

    expect(backend.calls.filter((c) => c.functionKey === 'fulfilObligation')).toHaveLength(1);
    expect(backend.refreshes).toBeGreaterThanOrEqual(1);
    await expect(target.textContent()).resolves.toContain('certificate specialist on the incident bridge');
    await expect(target.getByRole('button', { name: 'Withdraw' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('timeline').locator('li').first().textContent()).resolves.toContain(
      'Sam Contractor (Contractor) fulfilled L1-C-05',
    );
    await shot(page, 'en-fulfilled');
    await page.close();
  });

  it('marks a "bei Bedarf" duty not applicable with a reason both parties see, and withdraws the mark', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const client = await openPanel(backend, 'client', 'en-US');
    // L1-K-05 may be marked not applicable; L1-K-06 applies in every escalation.
    await expect(cell(client, 'L1-K-01').getByRole('button', { name: 'Mark not applicable' }).count()).resolves.toBe(0);
    await cell(client, 'L1-K-05').getByRole('button', { name: 'Mark not applicable' }).click();
    const form = client.getByTestId('not-applicable-form-L1-K-05');
    await form.getByRole('button', { name: 'Mark not applicable' }).click();
    await expect(form.textContent()).resolves.toContain('Please fill in this field.');
    await form.getByLabel(/Why is it not needed/).fill('The contractor asks for information in this ticket; no extra interface needed.');
    await form.getByRole('button', { name: 'Mark not applicable' }).click();
    await cell(client, 'L1-K-05').getByText('Not applicable: The contractor asks for information in this ticket').waitFor();
    await expect(cell(client, 'L1-K-05').getAttribute('data-via')).resolves.toBe('not-applicable');
    await client.close();

    const contractor = await openPanel(backend, 'contractor', 'de-DE');
    await showBoth(contractor);
    await expect(cell(contractor, 'L1-K-05').textContent()).resolves.toMatch(
      /Nicht erforderlich: The contractor asks for information in this ticket.*Markiert von Klara Kundin/,
    );
    await expect(contractor.getByTestId('timeline').locator('li').first().textContent()).resolves.toContain(
      'Klara Kundin (Auftraggeber) hat L1-K-05 als nicht erforderlich markiert',
    );
    await cell(contractor, 'L1-K-05').scrollIntoViewIfNeeded();
    await cell(contractor, 'L1-K-05').screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-de-not-applicable.png') });
    await contractor.close();

    const again = await openPanel(backend, 'client', 'en-US');
    await cell(again, 'L1-K-05').getByRole('button', { name: 'Withdraw' }).click();
    await again.getByTestId('withdraw-form-L1-K-05').getByLabel('Reason for withdrawing').fill('We may need the interface after all.');
    await again.getByTestId('withdraw-form-L1-K-05').getByRole('button', { name: 'Withdraw fulfilment' }).click();
    await cell(again, 'L1-K-05').getByRole('button', { name: 'Mark not applicable' }).waitFor();
    await again.close();
  });

  it('shows a refused action with the localized reason, the open obligations and the party to act', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    await completeMandatory(runAs(backend), { party: 'client' });
    const page = await openPanel(backend, 'client', 'de-DE');
    await expect(page.getByTestId('action-resolveEscalation').isEnabled()).resolves.toBe(true);
    await page.getByTestId('action-resolveEscalation').click();
    await expectPrinciples(page.getByTestId('action-form-resolveEscalation'), 'resolve', 'de', [
      'definition-09',
      'definition-06',
      'intro-06',
    ]);
    await page.getByTestId('action-form-resolveEscalation').getByLabel('Lösung').fill('Zertifikat erneuert, Zahlungen laufen wieder.');

    // Meanwhile the admin withdraws the client's mandatory tick it made: the panel's view is now stale.
    await backend.act('admin', 'withdrawFulfilment', {
      obligationId: 'L1-K-06',
      reason: 'Klara hat die Status-Updates doch nicht übernommen.',
      onBehalf: { party: 'client', reason: 'Korrektur nach Rückruf' },
    });
    await page.getByTestId('action-form-resolveEscalation').getByRole('button', { name: 'Dem Auftragnehmer vorschlagen' }).click();

    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    await expect(banner.getAttribute('data-code')).resolves.toBe('rejected');
    await expect(banner.textContent()).resolves.toContain(REJECTION_MESSAGES['open-obligations'].de);
    await expect(banner.getByTestId('open-L1-K-06').textContent()).resolves.toContain(
      'Der Auftraggeber benennt eine verantwortliche Person oder ein Team',
    );
    await expect(banner.getByTestId('awaited-party').textContent()).resolves.toBe('Am Zug: Auftraggeber');
    // The panel fetched the current view: the withdrawal is there and the proposal is now refused with its reason.
    await page.getByTestId('unavailable-resolveEscalation').waitFor();
    await expect(cell(page, 'L1-K-06').textContent()).resolves.toContain('Erfüllung 1× zurückgezogen');
    await shot(page, 'de-rejected');
    await page.close();
  });

  it('runs a resolution as a proposal: the other party declines with a reason or accepts, the proposer may withdraw', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    await completeMandatory(runAs(backend));

    // The client proposes the resolution (English).
    const client = await openPanel(backend, 'client', 'en-US');
    await client.getByTestId('action-resolveEscalation').click();
    const propose = client.getByTestId('action-form-resolveEscalation');
    await propose.getByLabel('Resolution').fill('Certificate renewed; card payments flow again since 11:40.');
    await propose.getByRole('button', { name: 'Propose to the contractor' }).click();
    const banner = client.getByTestId('proposal');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toMatch(
      /Proposal: mark the problem as resolved.*Proposed by Klara Kundin \(Client\).*Certificate renewed.*Awaiting the answer of the contractor/,
    );
    await expect(banner.getByTestId('proposal-accept').count()).resolves.toBe(0);
    // One proposal at a time: the other proposals wait until this one is answered or withdrawn.
    await expect(client.getByTestId('action-resolveEscalation').count()).resolves.toBe(0);
    await shot(client, 'en-proposal-proposer');
    // … withdraws it, and proposes again.
    await banner.getByTestId('proposal-withdraw').click();
    await banner.waitFor({ state: 'detached' });
    await client.getByTestId('action-resolveEscalation').click();
    await propose.getByLabel('Resolution').fill('Certificate renewed; card payments flow again since 11:40.');
    await propose.getByRole('button', { name: 'Propose to the contractor' }).click();
    await banner.waitFor();
    await client.close();

    // The contractor (German) declines: a reason is required.
    const contractor = await openPanel(backend, 'contractor', 'de-DE');
    const answer = contractor.getByTestId('proposal');
    await expect(answer.textContent()).resolves.toMatch(/Vorschlag: das Problem als gelöst markieren.*Ihre Partei antwortet/);
    await shot(contractor, 'de-proposal-answer');
    await answer.getByTestId('proposal-decline').click();
    const decline = contractor.getByTestId('proposal-decline-form');
    await decline.getByRole('button', { name: 'Vorschlag ablehnen' }).click();
    await expect(decline.textContent()).resolves.toContain('Bitte füllen Sie dieses Feld aus.');
    await decline.getByLabel('Warum lehnen Sie ab?').fill('Erst 24 Stunden Zahlungen beobachten.');
    await decline.getByRole('button', { name: 'Vorschlag ablehnen' }).click();
    await answer.waitFor({ state: 'detached' });
    await expect(newestRecord(contractor).textContent()).resolves.toContain('Sam Contractor (Auftragnehmer) hat den Vorschlag abgelehnt');

    // The client proposes once more; the contractor accepts, and the escalation is resolved.
    await backend.act('client', 'resolveEscalation', { resolution: 'Zahlungen seit 24 Stunden stabil.' });
    await contractor.getByTestId('refresh').click();
    await answer.getByTestId('proposal-accept').click();
    await contractor.getByTestId('proposal-accept-form').getByRole('button', { name: 'Eskalation als gelöst markieren' }).click();
    await contractor.getByTestId('action-reopenEscalation').waitFor();
    await expect(contractor.getByTestId('escalation-header').textContent()).resolves.toContain('Gelöst');
    await expect(contractor.getByTestId('deadlines').count()).resolves.toBe(0);
    const types = backend.world.events.get('10001')!.map((e) => e.type);
    // (Each of them pushed to the other party: the notifications in between are left out here.)
    expect(types.filter((t) => t !== 'notification-sent').slice(-2)).toEqual(['change-proposed', 'escalation-resolved']);
    await shot(contractor, 'de-resolved');
    await contractor.close();
  });

  it('is read-only, with the reason, for a viewer outside both parties', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const page = await openPanel(backend, 'viewer', 'en-US', 700);
    await expect(page.getByTestId('read-only-note').textContent()).resolves.toContain('you need permission to edit this issue');
    await expect(page.getByTestId('obligation-checklist').getByRole('button').count()).resolves.toBe(0);
    await expect(page.getByTestId('actions').count()).resolves.toBe(0);
    await shot(page, 'en-read-only');
    await page.close();
  });

  it('lets a Jira admin outside both parties act for a party only with a reason, recorded with the change', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const page = await openPanel(backend, 'admin', 'en-US');
    await expect(page.getByTestId('read-only-note').textContent()).resolves.toContain('not a member of the contractor or the client party');
    await expect(page.getByRole('button', { name: 'Fulfil' }).count()).resolves.toBe(0);

    const actFor = page.getByTestId('act-for-party');
    await actFor.getByLabel('Act for a party (administrator)').check();
    await actFor.getByLabel('Party', { exact: true }).selectOption('client');
    await expect(actFor.textContent()).resolves.toContain('At least 3 characters.');
    await expect(page.getByTestId('action-resolveEscalation').isDisabled()).resolves.toBe(true);
    await actFor.getByLabel('Reason (recorded with every change)').fill('Klara is ill; her deputy asked by phone');

    await cell(page, 'L1-K-02').getByRole('button', { name: 'Fulfil' }).click();
    await page.getByTestId('fulfil-form-L1-K-02').getByLabel('Note').fill('Hotline and e-mail for critical problems confirmed by phone.');
    await page.getByTestId('fulfil-form-L1-K-02').getByRole('button', { name: 'Record fulfilment' }).click();
    await cell(page, 'L1-K-02').getByText('Fulfilled by Ada Admin').waitFor();

    const call = backend.calls.find((c) => c.functionKey === 'fulfilObligation');
    expect(call?.payload).toEqual({
      obligationId: 'L1-K-02',
      note: 'Hotline and e-mail for critical problems confirmed by phone.',
      onBehalf: { party: 'client', reason: 'Klara is ill; her deputy asked by phone' },
      // The template texts the panel holds since its first load: the answer leaves them out.
      templates: [expect.stringMatching(/^eskalationsprozess-default@1#[0-9a-f]{8}$/)],
    });
    await expect(cell(page, 'L1-K-02').textContent()).resolves.toContain('acting for the client: Klara is ill; her deputy asked by phone');
    await expect(page.getByTestId('timeline').locator('li').first().textContent()).resolves.toContain(
      'Ada Admin, acting for the client, fulfilled L1-K-02',
    );
    // Acting for the client, the admin may acknowledge the notice: the server judges, not the view for the admin.
    await expect(page.getByTestId('action-acknowledgeNotice').isEnabled()).resolves.toBe(true);
    await shot(page, 'en-admin-acting');
    await page.close();
  });

  it('keeps the working records: the contractor drafts and submits the action plan, the client approves it', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const contractor = await openPanel(backend, 'contractor', 'en-US');
    const plan = contractor.getByTestId('records-plan');
    await plan.getByRole('button', { name: 'Draft new version' }).click();
    await contractor
      .getByTestId('record-form-plan-draft')
      .getByLabel('Plan')
      .fill('1. Roll back the gateway certificate.\n2. Renew it with the CA.\n3. Monitor card payments for 24 h.');
    await contractor.getByTestId('record-form-plan-draft').getByRole('button', { name: 'Save draft' }).click();
    await plan.getByTestId('plan-1').getByText('Draft').waitFor();
    await plan.getByRole('button', { name: 'Submit to client' }).click();
    await plan.getByTestId('plan-1').getByText('Submitted').waitFor();
    await contractor.close();

    const client = await openPanel(backend, 'client', 'de-DE');
    const records = client.getByTestId('records-plan');
    // The one approval pattern (as for reports and template versions): Approve or Request changes, then its form.
    await records.getByRole('button', { name: 'Änderungen verlangen' }).click();
    const form = client.getByTestId('record-form-plan-decide-1');
    await form.getByRole('button', { name: 'An den Auftragnehmer zurückgeben' }).click();
    await expect(form.textContent()).resolves.toContain('Bitte füllen Sie dieses Feld aus.');
    await records.getByRole('button', { name: 'Genehmigen', exact: true }).click();
    await form.getByRole('button', { name: 'Version 1 genehmigen' }).click();
    await records.getByTestId('plan-1').getByText('Genehmigt von Klara Kundin', { exact: false }).waitFor();
    await client.getByTestId('working-records').scrollIntoViewIfNeeded();
    await client.getByTestId('working-records').screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-de-working-records.png') });
    await expect(newestRecord(client).textContent()).resolves.toContain('hat Version 1 des Aktionsplans genehmigt');
    await client.close();
  });

  it('escalates by agreement and then alone, prepares conciliation at level 3, and consents once it is prepared', async () => {
    const backend = new PanelFakeBackend();
    await seedLevel1(backend);
    const run = runAs(backend);
    await completeMandatory(run);
    // Before the time frame has run out, escalating needs both parties: the client proposes, the contractor accepts.
    const proposed = await backend.act('client', 'proposeEscalation', { note: 'Rollback did not help.' }, '2026-11-23T11:00:00.000Z');
    await backend.act('contractor', 'answerProposal', { proposalSeq: proposed.escalation!.proposal!.seq, accept: true });
    await completeMandatory(run);
    // Level 2's three working days have run out: either party may escalate alone.
    backend.setNow('2026-11-27T09:00:00.000Z');

    const page = await openPanel(backend, 'contractor', 'en-US');
    await page.getByTestId('action-escalate').click();
    await expectPrinciples(page.getByTestId('action-form-escalate'), 'escalate', 'en', [
      'intro-07',
      'definition-01',
      'intro-06',
      'definition-05',
    ]);
    await page
      .getByTestId('action-form-escalate')
      .getByLabel('Note (optional)')
      .fill('Middle management could not agree on the SLA credit.');
    await page.getByTestId('action-form-escalate').getByRole('button', { name: 'Escalate to level 3' }).click();
    await page.getByTestId('section-level-3').waitFor();
    await expect(page.getByTestId('escalation-header').textContent()).resolves.toContain('Executive management involvement');
    await expect(page.locator('.steps__item--past').count()).resolves.toBe(2);
    await page.getByTestId('action-deEscalate').click();
    await expectPrinciples(page.getByTestId('action-form-deEscalate'), 'deEscalate', 'en', ['definition-09', 'intro-08', 'definition-05']);
    await page.getByTestId('action-form-deEscalate').getByRole('button', { name: 'Cancel' }).click();

    // Level 4's preparation belongs to level 3; earlier levels' duties stay as follow-ups.
    await expect(page.getByTestId('section-level-3').getByText('Current level').count()).resolves.toBe(1);
    await expect(page.getByTestId('section-level-4').getByText('Preparation for external conciliation').count()).resolves.toBe(1);
    await expect(page.getByTestId('section-level-2').getByText('Follow-up of level 2').count()).resolves.toBe(1);
    await expect(page.getByTestId('section-level-1').getByText('Follow-up of level 1').count()).resolves.toBe(1);
    await expect(cell(page, 'L1-C-09').getByRole('button').count()).resolves.toBe(0);
    await expect(cell(page, 'L1-C-08').getByRole('button', { name: 'Fulfil' }).count()).resolves.toBe(1);

    // Consent waits for the preparation: the contractor proposes a conciliator (its record) and informs the client.
    await expect(page.getByTestId('unavailable-giveArbitrationConsent').textContent()).resolves.toContain(
      REJECTION_MESSAGES['preparation-open'].en,
    );
    await page.getByTestId('records-arbitration').getByRole('button', { name: 'Propose conciliator' }).click();
    const form = page.getByTestId('record-form-arbitrator-propose');
    await form.getByLabel('Name').fill('Dr. Eva Schlichter');
    await form.getByLabel('Organisation').fill('Schlichtungsstelle IT e.V.');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('arbitrator-A1').waitFor();
    await cell(page, 'L4-C-01').getByText('Fulfilled by the record: Conciliator proposed').waitFor();
    await cell(page, 'L4-C-02').getByRole('button', { name: 'Fulfil' }).click();
    await page.getByTestId('fulfil-form-L4-C-02').getByLabel('Note').fill('Conditions of conciliation sent to Klara.');
    await page.getByTestId('fulfil-form-L4-C-02').getByRole('button', { name: 'Record fulfilment' }).click();
    await cell(page, 'L4-C-02').getByText('Fulfilled by Sam Contractor').waitFor();
    await backend.act('client', 'decideArbitrator', { proposalId: 'A1', decision: 'approved' });
    await page.getByTestId('refresh').click();
    await showBoth(page);
    await cell(page, 'L4-K-01').getByText('Fulfilled by the record: Conciliator approved').waitFor();

    await page.getByTestId('action-giveArbitrationConsent').click();
    await expectPrinciples(page.getByTestId('action-form-giveArbitrationConsent'), 'conciliationConsent', 'en', [
      'intro-07',
      'intro-08',
      'definition-09',
      'definition-05',
    ]);
    await page
      .getByTestId('action-form-giveArbitrationConsent')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-en-consent-form.png') });
    await page.getByTestId('action-form-giveArbitrationConsent').getByRole('button', { name: 'Give consent' }).click();
    await page.getByTestId('unavailable-giveArbitrationConsent').waitFor();
    await expect(page.getByTestId('escalation-header').textContent()).resolves.toMatch(/Agreed to external conciliation\s*Contractor/);
    await expect(page.getByTestId('unavailable-escalate').textContent()).resolves.toContain(
      REJECTION_MESSAGES['arbitration-needs-both-parties'].en,
    );

    const timeline = page.getByTestId('timeline').locator('li');
    await expect(newestRecord(page).textContent()).resolves.toContain('agreed to external conciliation');
    // Long records show the newest entries first and the rest on request.
    const recorded = backend.world.events.get('10001')!.length;
    await page.getByTestId('timeline-filter-all').click();
    await expect(timeline.count()).resolves.toBe(15);
    await page.getByTestId('timeline-toggle').click();
    await expect(timeline.count()).resolves.toBe(recorded);
    await expect(timeline.last().textContent()).resolves.toContain('started the escalation');
    await shot(page, 'en-level-3');
    await page.close();
  });

  it('starts an escalation from the empty state (German) and never shows a blank screen on failure', async () => {
    const backend = new PanelFakeBackend();
    const page = await openPanel(backend, 'contractor', 'de-DE');
    const form = page.getByTestId('start-form');
    const startPrinciples = ['intro-07', 'definition-08', 'intro-06', 'intro-08'];
    await expectPrinciples(form, 'start', 'de', startPrinciples);
    // Folded away by the reader, the principles leave only their heading; opened again, they are back.
    await form.locator('summary').click();
    await expect(form.locator('[data-principle="intro-07"]').isVisible()).resolves.toBe(false);
    await form.locator('summary').click();
    await expect(form.locator('[data-principle="intro-07"]').isVisible()).resolves.toBe(true);
    await form.getByLabel('Auslöser').selectOption('contract-interpretation');
    await form.getByLabel('Problembeschreibung').fill('Uneinigkeit, ob Wochenendbereitschaft zum Leistungsumfang gehört.');
    await form.getByLabel('Auswirkungen').fill('Störungen am Wochenende bleiben bis Montag liegen.');
    await expect(form.textContent()).resolves.toContain('Nur bei einem kritischen Problem läuft die Zwei-Stunden-Frist');
    await form.getByLabel('Kritisches Problem').check();
    // 09:10 in Berlin (the frame's time zone) is 08:10 UTC; the resolver gets the instant with its offset.
    await form.getByLabel('Erkannt am (optional)').fill('2026-11-23T09:10');
    await shot(page, 'de-start');
    await form.getByRole('button', { name: 'Eskalation starten' }).click();
    await page.getByTestId('obligation-checklist').waitFor();
    expect(backend.calls.find((c) => c.functionKey === 'startEscalation')?.payload).toMatchObject({
      trigger: 'contract-interpretation',
      critical: true,
      detectedAt: '2026-11-23T09:10:00+01:00',
    });
    const header = page.getByTestId('escalation-header');
    await expect(header.textContent()).resolves.toContain('Meinungsverschiedenheit über die Vertragsauslegung');
    await expect(header.getByTestId('critical').textContent()).resolves.toBe('Kritisches Problem');
    // The two-hour clock counts from the detection: due at 10:10 UTC, 11:10 in Berlin.
    await expect(page.getByTestId('deadlines').textContent()).resolves.toContain('11:10');
    await page.close();

    // A user who may not see the issue gets the localized reason and a retry, not a blank frame.
    backend.world.users.delete(PEOPLE.admin.accountId);
    const failed = await openPanel(backend, 'admin', 'en-US', 700);
    await expect(failed.getByTestId('load-failed').textContent()).resolves.toContain(
      'The issue does not exist or you do not have permission to see it.',
    );
    await shot(failed, 'en-load-failed');
    backend.world.addUser({ ...PEOPLE.admin, groups: [], access: { browse: true, edit: true, admin: true } });
    await failed.getByRole('button', { name: 'Try again' }).click();
    await failed.getByTestId('obligation-checklist').waitFor();
    await expect(failed.getByTestId('act-for-party').count()).resolves.toBe(1);
    await failed.close();
  });

  it('recalls the principles in the start form in English, in a narrow panel and a wide one', async () => {
    const backend = new PanelFakeBackend();
    for (const [width, name] of [
      [320, 'en-start-narrow'],
      [1280, 'en-start-wide'],
    ] as const) {
      const page = await openPanel(backend, 'contractor', 'en-US', width);
      const form = page.getByTestId('start-form');
      await expectPrinciples(form, 'start', 'en', ['intro-07', 'definition-08', 'intro-06', 'intro-08']);
      await expect(form.getByTestId('principles-start').textContent()).resolves.toContain('(Definition of escalation)');
      // Nothing wider than the panel: the quoted sentences wrap.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
      await shot(page, name);
      await page.close();
    }
  });
});
