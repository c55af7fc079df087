/**
 * Issue 11's walk through one escalation in the sandbox, in Chromium, with the real panel, bridge, resolvers and
 * emulated Jira and Confluence, from start to closing, as a contractor's service team and a client's contract
 * managers run it: a critical problem started with its time of detection, the client notified and acknowledging,
 * the preliminary plan submitted and decided, a status update, the escalation to level 2 proposed by the client and
 * accepted by the contractor, the managements informed, the detailed plan, the root cause, the resolution proposed
 * by the contractor and accepted by the client, the report submitted, approved and exported, the debrief, and the
 * workflow's Close transition. Nobody ticks what a record proves: ticks are only for what happens outside the app
 * (a meeting, deploying people). German and English screenshots, wide and at 320 px.
 */
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { act, configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { type DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import type { EscalationPanelView, ObligationItem } from '../../src/shared/escalation-panel-view';
import { translate } from '../../src/shared/i18n/messages';
import { SCREENSHOT_DIR } from './support/browser';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { switchUser } from './support/app-frame';

jest.setTimeout(300_000);

const ISSUE = 'DEMO-3';
const MINUTE = 60_000;
const CLOSE = 51; // the demo workflow's "Close": Resolved → Closed

type User = keyof typeof DEMO_USERS;
const GERMAN: readonly User[] = ['klaus', 'carla'];

describe('one escalation walked through in the browser, from start to closing', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['panel', 'field-view'],
      startAt: '2026-11-23T08:00:00.000Z', // Monday, 09:00 in Berlin
      prepare: async (prepared) => {
        await configureDemoProject(prepared);
        // Only the Close transition carries the app's rule: it closes the escalation once the report is approved.
        prepared.attachWorkflowRule(CLOSE, 'escalation-transition-validator', JSON.stringify({ action: 'close' }));
        prepared.attachWorkflowRule(CLOSE, 'escalation-transition-post-function', JSON.stringify({ action: 'close' }));
        prepared.attachWorkflowRule(CLOSE, 'escalation-can-close');
      },
    });
    ({ sandbox, server, page, pageErrors } = session);
  });

  afterAll(async () => session?.close());

  const panel = (): FrameLocator => page.frameLocator('[data-testid="panel-escalation-panel"] iframe');
  const cell = (id: string): Locator => panel().getByTestId(`obligation-${id}`);
  const later = (minutes: number) => sandbox.advanceClock(minutes * MINUTE);

  /**
   * The panel as the issue view shows it (wide), or in a column 320 px wide (a narrow screen, or beside a wide
   * sidebar); `scrollTo` scrolls the panel's frame to one of its parts first. The page is made tall enough for the
   * whole frame (the sandbox caps frames at 5000 px, as Jira does), so the shot is one piece; `page` adds the
   * issue view around it as the user sees it.
   */
  async function shot(name: string, options: { width?: 'wide' | 320; scrollTo?: string; page?: boolean } = {}): Promise<void> {
    const file = path.join(SCREENSHOT_DIR, `walkthrough-${name}.png`);
    if (options.page) {
      await page.screenshot({ path: file });
      return;
    }
    const style =
      options.width === 320
        ? await page.addStyleTag({ content: '.issue-columns .issue-main { flex: 0 0 320px; width: 320px; min-width: 0; }' })
        : undefined;
    await page.setViewportSize({ width: 1440, height: 5300 });
    await page.waitForTimeout(500); // the frame reports its new height to the host
    // Clicks scrolled the issue view; at this height it fits, so everything scrolls back to the top.
    await page.evaluate(() => document.querySelectorAll('*').forEach((e) => e.scrollTop > 0 && e.scrollTo(0, 0)));
    const frame = page.frames().find((f) => f.url().includes('/frame/escalation-panel/'))!;
    // The frame's own scroll (the sandbox caps its height): its top, or the part asked for. Inside the frame only:
    // scrollIntoView would scroll the issue view around it too.
    await frame.evaluate((id) => {
      const part = id ? document.querySelector(`[data-testid="${id}"]`) : null;
      window.scrollTo(0, part ? part.getBoundingClientRect().top + window.scrollY : 0);
    }, options.scrollTo ?? null);
    const box = (await page.getByTestId('panel-escalation-panel').boundingBox())!;
    await page.screenshot({ path: file, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 5300 - box.y) } });
    await frame.evaluate(() => window.scrollTo(0, 0));
    await style?.evaluate((node) => node.parentNode?.removeChild(node));
    await page.setViewportSize({ width: 1440, height: 900 });
  }

  /** Opens the issue as a demo user, as the sandbox's user switcher would. */
  async function openAs(user: User): Promise<void> {
    await page.goto(`${server.url}/#/browse/${ISSUE}`);
    await switchUser(page, user);
    await panel()
      .getByText(GERMAN.includes(user) ? 'Sie handeln als' : 'You act as')
      .first()
      .waitFor();
    await panel().locator('[data-testid="escalation-header"], [data-testid="no-escalation"]').first().waitFor();
  }

  /** Runs one of the panel's actions through its inline form: fills the labelled fields and submits. */
  async function action(key: string, fields: Record<string, string>, submit: string): Promise<void> {
    await panel().getByTestId(`action-${key}`).click();
    const form = panel().getByTestId(`action-form-${key}`);
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
    await form.getByRole('button', { name: submit }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** Ticks a duty done outside the app, with a note. */
  async function tick(id: string, note: string, german: boolean): Promise<void> {
    await cell(id)
      .getByRole('button', { name: german ? 'Erfüllen' : 'Fulfil', exact: true })
      .click();
    const form = panel().getByTestId(`fulfil-form-${id}`);
    await form.getByLabel(german ? 'Notiz' : 'Note').fill(note);
    await form.getByRole('button', { name: german ? 'Erfüllung erfassen' : 'Record fulfilment' }).click();
    await panel().locator(`[data-testid="obligation-${id}"][data-via="manual"]`).waitFor();
  }

  /** Drafts an action plan of the stage and submits it to the client (the contractor, in English). */
  async function draftAndSubmitPlan(stage: 'preliminary' | 'detailed', text: string, version: number): Promise<void> {
    const plans = panel().getByTestId('records-plan');
    await plans.getByTestId('record-action-plan-draft').click();
    const form = panel().getByTestId('record-form-plan-draft');
    await form.getByLabel('Stage').selectOption(stage);
    await form.getByLabel('Plan').fill(text);
    await form.getByRole('button', { name: 'Save draft' }).click();
    await plans.getByTestId(`record-action-plan-submit-${version}`).click();
    await plans.getByTestId(`plan-${version}`).getByText('Submitted').waitFor();
  }

  /** The client approves a submitted plan version (in German). */
  async function approvePlan(version: number): Promise<void> {
    const plans = panel().getByTestId('records-plan');
    await plans.getByTestId(`plan-decide-${version}-approve`).click();
    const form = panel().getByTestId(`record-form-plan-decide-${version}`);
    await form.getByRole('button', { name: `Version ${version} genehmigen` }).click();
    await plans.getByTestId(`plan-${version}`).getByText('Genehmigt', { exact: true }).waitFor();
  }

  const items = (view: EscalationPanelView): ObligationItem[] =>
    (view.escalation?.sections ?? []).flatMap((s) => s.pairs.flatMap((p) => [p.contractor, p.client])).filter((i) => i !== undefined);

  it('runs one escalation from the start to closing; records fulfil the duties they prove', async () => {
    // 09:00 — the contractor's service agent starts the escalation (English): critical, detected at 08:40.
    await openAs('sam');
    const start = panel().getByTestId('start-form');
    await start.getByLabel('Problem description').fill('Restore for tenant 4711 fails since the storage migration.');
    await start.getByLabel('Impact').fill('Tenant 4711 has no restorable backup; a data loss would be final.');
    await start.getByLabel('Critical problem').check();
    await start.getByLabel('Detected at (optional)').fill('2026-11-23T08:40');
    await shot('en-start-form');
    await start.getByRole('button', { name: 'Start escalation' }).click();
    await panel().getByTestId('obligation-checklist').waitFor();
    await expect(panel().getByTestId('critical').textContent()).resolves.toBe('Critical problem');
    await expect(cell('L1-C-01').textContent()).resolves.toContain('Fulfilled by the record: Escalation started');
    await expect(cell('L1-C-03').textContent()).resolves.toContain('Done by the app');
    await expect(cell('L1-C-02').getByTestId('fulfilled-when-L1-C-02').textContent()).resolves.toBe(
      'Fulfilled when recorded: Client notified / Escalation started (by the client)',
    );
    // The two-hour clock counts from the detection: 08:40 + 2 h = 10:40 in Berlin.
    await expect(panel().getByTestId('deadlines').textContent()).resolves.toContain('10:40');

    // 09:10 — the client is notified (a record); qualified people are deployed (outside the app: a tick).
    await later(10);
    await action('recordClientNotified', { Note: 'Klaus Kunde called, ticket number given.' }, 'Record notification');
    await cell('L1-C-02').getByText('Fulfilled by the record: Client notified').waitFor();
    await tick('L1-C-05', 'Storage team and the vendor’s support engineer are on it.', false);

    // 09:30 — the preliminary action plan, submitted to the client.
    await later(20);
    await draftAndSubmitPlan('preliminary', 'Restore from the secondary copy; then analyse the migration scripts.', 1);
    await cell('L1-C-04').getByText('Fulfilled by the record: Preliminary action plan submitted').waitFor();
    await shot('en-contractor-level-1');

    // 09:45 — the client (German) acknowledges the notice, approves the plan, ticks what it did outside the app,
    // and marks a "bei Bedarf" duty not applicable, with the reason the contractor sees.
    await later(15);
    await openAs('klaus');
    await action('acknowledgeNotice', {}, 'Eingang bestätigen');
    await cell('DOC-K-01').getByText('Erfüllt durch den Eintrag: Eingang der Eskalationsmeldung bestätigt').waitFor();
    await approvePlan(1);
    await cell('L1-K-04').getByText('Erfüllt durch den Eintrag: Entscheidung über den vorläufigen Aktionsplan').waitFor();
    await tick('L1-K-01', 'Logauszüge der Restore-Jobs und Zugang zum Monitoring bereitgestellt.', true);
    await tick('L1-K-06', 'Ansprechpartner für Status-Updates: Klaus Kunde.', true);
    await cell('L1-K-05').getByRole('button', { name: 'Als nicht erforderlich markieren' }).click();
    const notNeeded = panel().getByTestId('not-applicable-form-L1-K-05');
    await notNeeded
      .getByLabel(/Warum ist sie in dieser Eskalation nicht erforderlich/)
      .fill('Der Restore braucht kein zusätzliches Personal.');
    await notNeeded.getByRole('button', { name: 'Als nicht erforderlich markieren' }).click();
    await cell('L1-K-05').getByText('Nicht erforderlich: Der Restore braucht kein zusätzliches Personal.').waitFor();
    // What a record proves has no tick, and a forced tick is refused: no approval without the report.
    await expect(cell('DOC-K-07').getByRole('button').count()).resolves.toBe(0);
    const forced = await invokeFromPanel('fulfilObligation', { obligationId: 'DOC-K-07', note: 'Bericht genehmigt' });
    expect(forced).toMatchObject({ ok: false, error: { code: 'rejected', reason: 'fulfilled-by-record' } });
    await shot('de-client-level-1');
    await shot('de-client-level-1-narrow', { width: 320 });

    // 10:15 — the status update.
    await later(30);
    await openAs('sam');
    await action('postStatusUpdate', { 'Status update': 'Secondary copy restore running, 40 % done.' }, 'Post');
    await cell('L1-C-06').getByText('Fulfilled by the record: Status update').waitFor();

    // 10:45 — the client's executive (English) cannot escalate alone before the time frame ends: she proposes it.
    await later(30);
    await openAs('erika');
    await expect(panel().getByTestId('action-escalate').isDisabled()).resolves.toBe(true);
    await expect(panel().getByTestId('unavailable-escalate').innerText()).resolves.toContain('propose escalating now instead');
    await action(
      'proposeEscalation',
      { 'Why should the matter go to the next level now?': 'The secondary copy is corrupt too; we need more storage experts.' },
      'Propose to the contractor',
    );
    await panel().getByTestId('proposal').getByText('Awaiting the answer of the contractor.').waitFor();
    await shot('en-client-proposed-escalation');

    // 11:00 — the contractor's lead (German) accepts: level 2.
    await later(15);
    await openAs('carla');
    const proposal = panel().getByTestId('proposal');
    await proposal.getByText('Vorschlag: jetzt auf die nächste Stufe eskalieren').waitFor();
    await shot('de-contractor-proposal');
    await shot('de-contractor-proposal-page', { page: true });
    await shot('de-contractor-proposal-narrow', { width: 320 });
    await proposal.getByTestId('proposal-accept').click();
    await panel().getByTestId('proposal-accept-form').getByRole('button', { name: 'Auf Stufe 2 eskalieren' }).click();
    await panel().getByText('Einbeziehung des mittleren Managements').first().waitFor();
    // The field's own view in the issue view names the level in the reader's language (Carla reads German).
    await page
      .frameLocator('[data-testid="app-field"] iframe')
      .locator('.field-view__level', { hasText: 'Stufe 2: Einbeziehung des mittleren Managements' })
      .waitFor();

    // 11:15 — level 2 (English): the managements informed, the detailed plan, the root cause; the meeting is a tick.
    await later(15);
    await openAs('sam');
    await action(
      'informManagement',
      { 'Who was informed, when and how?': 'Both middle managements by e-mail at 11:10.' },
      'Record information',
    );
    await cell('L2-C-01').getByText('Fulfilled by the record: Managements informed').waitFor();
    await later(15);
    await draftAndSubmitPlan('detailed', 'Restore from tape; fix the migration scripts; verify restores weekly.', 2);
    await panel().getByTestId('record-action-root-cause').click();
    await panel().getByTestId('record-form-root-cause').getByLabel('Root cause').fill('The migration dropped the restore index.');
    await panel().getByTestId('record-form-root-cause').locator('button[type="submit"]').click();
    // Level 1's follow-up is fulfilled at level 2 by the root cause record.
    await expect(panel().getByTestId('section-level-1').getByText('Follow-up of level 1').count()).resolves.toBe(1);
    await cell('L1-C-09').getByText('Fulfilled by the record: Root cause analysis').waitFor();
    await later(90);
    await tick('L2-C-02', 'Coordination meeting of both middle managements held at 12:30.', false);
    await tick('L2-C-07', 'Minutes of the meeting sent to both sides.', false);
    await shot('en-contractor-level-2');

    // 13:30 — the client approves the detailed plan and names its middle management's representatives.
    await later(30);
    await openAs('klaus');
    await approvePlan(2);
    await cell('L2-K-05').getByText('Erfüllt durch den Eintrag: Detaillierter Aktionsplan genehmigt').waitFor();
    await tick('L2-K-02', 'Vertreter: Erika Executive und Klaus Kunde.', true);

    // 14:00 — the contractor's lead proposes the resolution (German); 14:15 the client's executive accepts (English).
    await later(30);
    await openAs('carla');
    await action(
      'resolveEscalation',
      { Lösung: 'Restore vom Band erfolgreich, Migrationsskripte korrigiert, wöchentlicher Restore-Test eingerichtet.' },
      'Dem Auftraggeber vorschlagen',
    );
    await panel().getByTestId('proposal').getByText('Die Antwort liegt beim Auftraggeber.').waitFor();
    await later(15);
    await openAs('erika');
    await panel().getByTestId('proposal').getByText('Proposal: mark the problem as resolved').waitFor();
    await shot('en-client-resolution-proposal');
    await shot('en-client-resolution-proposal-narrow', { width: 320 });
    await panel().getByTestId('proposal-accept').click();
    await panel().getByTestId('proposal-accept-form').getByRole('button', { name: 'Resolve escalation' }).click();
    await panel().getByTestId('tab-report').waitFor();

    // 14:30 — the report: submitted by the contractor, approved and exported by the client, the debrief.
    await later(15);
    await openAs('sam');
    const report = () => panel().getByTestId('report-section');
    await panel().getByTestId('tab-report').click();
    await report().getByTestId('report-locale-en').check();
    await report().getByRole('button', { name: 'Submit to client (English)' }).click();
    await report().getByTestId('report-version-1').getByText('Submitted', { exact: true }).waitFor();
    await later(30);
    await openAs('klaus');
    await panel().getByTestId('tab-report').click();
    await report().getByTestId('report-show-1').getByText('Oben angezeigt').waitFor();
    await report().getByRole('button', { name: 'Genehmigen', exact: true }).click();
    await report().getByTestId('report-approve-form').getByRole('button', { name: 'Version 1 genehmigen' }).click();
    await report().getByTestId('report-version-1').getByText('Genehmigt', { exact: true }).waitFor();
    await report().getByRole('button', { name: 'Version 1 nach Confluence exportieren' }).click();
    await report().getByTestId('report-page').getByText('Seitenversion 1').waitFor();
    await later(30);
    await report().getByRole('button', { name: 'Nachbesprechung erfassen' }).click();
    const debrief = report().getByTestId('report-debrief-form');
    await debrief.getByLabel('Lessons Learned').fill('Restores nach jeder Migration testen, nicht nur Backups.');
    await debrief.getByRole('button', { name: 'Speichern' }).click();
    await report().getByTestId('report-debrief-count').waitFor();

    // 15:30 — the workflow: Start progress, Resolve, and Close, which closes the escalation through the app's rule.
    await later(30);
    await openAs('carla');
    for (const [transition, status] of [
      ['Start progress', 'In Progress'],
      ['Resolve', 'Resolved'],
      ['Close', 'Closed'],
    ] as const) {
      await page.locator(`[data-transition="${transition}"]`).click();
      await page.locator('.status-row .lozenge', { hasText: status }).waitFor();
    }
    await expect(page.getByTestId('transition-error').count()).resolves.toBe(0);

    // The record: closed, and every duty a record proves shows its record, in German and in English.
    const view = await act(sandbox, 'sam', ISSUE, 'getEscalation', {});
    expect(view.escalation?.status).toBe('closed');
    const all = items(view);
    const byRecord = all.filter((i) => i.fulfilment?.via === 'record');
    expect(byRecord.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        ...['L1-C-01', 'L1-C-02', 'L1-C-04', 'L1-C-06', 'L1-C-09', 'L1-K-04', 'L2-C-01', 'L2-C-04', 'L2-K-04', 'L2-K-05'],
        ...['DOC-C-01', 'DOC-C-02', 'DOC-C-04', 'DOC-C-07', 'DOC-C-08', 'DOC-C-09', 'DOC-C-10'],
        ...['DOC-K-01', 'DOC-K-04', 'DOC-K-07', 'DOC-K-08', 'DOC-K-09'],
      ]),
    );
    for (const [user, locale] of [
      ['carla', 'de'],
      ['sam', 'en'],
    ] as const) {
      await openAs(user);
      // Both parties' items side by side (a party member sees its own first).
      await panel().getByTestId('checklist-both').click();
      for (const item of byRecord) {
        const label = translate(locale, 'checklist.byRecord', { record: translate(locale, `evidence.${item.fulfilment!.evidence!}`) });
        await expect(cell(item.id).getByTestId('fulfilment-record').textContent()).resolves.toContain(label);
      }
    }
    // Nobody ticked what a record proves: every tick is a duty a tick may prove, and no record proves it.
    const ticked = view.escalation!.timeline.flatMap((e) => (e.type === 'obligation-fulfilled' ? [e.obligationId] : []));
    expect(ticked.sort()).toEqual(['L1-C-05', 'L1-K-01', 'L1-K-06', 'L2-C-02', 'L2-C-07', 'L2-K-02']);
    for (const id of ticked) {
      const item = all.find((i) => i.id === id)!;
      expect({ id, manual: item.rule.manual, via: item.fulfilment?.via }).toEqual({ id, manual: true, via: 'manual' });
    }

    // The closed escalation as both parties see it; the whole timeline in English, then in German.
    await panel().getByTestId('timeline-toggle').click();
    await shot('en-closed');
    await shot('en-closed-timeline', { scrollTo: 'timeline' });
    await shot('en-closed-narrow', { width: 320 });
    await openAs('klaus');
    await panel().getByTestId('timeline-toggle').click();
    await shot('de-closed');
    await shot('de-closed-timeline', { scrollTo: 'timeline' });
    await shot('de-closed-timeline-narrow', { width: 320, scrollTo: 'timeline' });
    await expect(panel().getByTestId('timeline').locator('li').first().textContent()).resolves.toContain(
      'hat die Eskalation abgeschlossen',
    );
    expect(pageErrors).toEqual([]);
  });

  /** Calls a resolver through the panel frame's real bridge, as a tampered client would. */
  async function invokeFromPanel(functionKey: string, payload: unknown): Promise<unknown> {
    const frame = page.frames().find((f) => f.url().includes('/frame/escalation-panel/'));
    if (!frame) throw new Error('panel frame not found');
    return frame.evaluate(
      async ([key, body]) => {
        const bridge = (window as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }).__bridge;
        return bridge.callBridge('invoke', { functionKey: key, payload: body });
      },
      [functionKey, payload] as const,
    );
  }
});
