/**
 * The client's contract manager, a Jira Service Management customer without a Jira licence, works every
 * client step of one escalation from the customer portal of the sandbox, in Chromium: acknowledges the
 * notice, fulfils the client's obligations with note and evidence link, sends the action plan back and
 * approves the next version, accepts the resolution, reads and approves the final report. The contractor's
 * steps run through the panel's resolvers. German at phone width, English at desktop width; screenshots go to
 * test-output/screenshots/client-portal-*.png.
 */
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { act, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import { satisfyDuties } from '../../sandbox/app-demo/work-through';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_CUSTOMERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { SCREENSHOT_DIR } from './support/browser';
import { expectText, openAs, PORTAL, portalOf, renderedFrame } from './support/app-frame';
import { openDemoProjectSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(240_000);

const ISSUE = 'DEMO-3';
const CLARA = DEMO_CUSTOMERS.clara.accountId;
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describe('the client contract manager works the escalation from the customer portal', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openDemoProjectSession(['portal']);
    ({ sandbox, server, page, pageErrors } = session);
  });
  afterAll(async () => session?.close());

  const portal = (): FrameLocator => portalOf(page);
  const todo = () => portal().getByTestId('client-todo');
  async function openAsClara(viewport: { width: number; height: number }, issueKey = ISSUE): Promise<void> {
    await page.setViewportSize(viewport);
    // The switch waits for the page re-rendered for Clara: the frame read below is hers, not the last user's.
    await openAs(page, server.url, { accountId: CLARA }, `#/portal/${issueKey}`);
    await renderedFrame(page, PORTAL, '[data-testid="portal-escalation"]');
  }
  /** What the person sees: the viewport, scrolled to `target` in the portal frame when given. */
  const shot = async (name: string, target?: Locator) => {
    if (target) await target.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `client-portal-${name}.png`) });
  };
  /** Fulfils every client obligation the to-do list offers a tick for, each with a note and an evidence link. */
  async function fulfilOpenObligations(): Promise<string[]> {
    const done: string[] = [];
    for (;;) {
      const next = todo()
        .locator('[data-testid^="obligation-"]', { has: portal().getByTestId('fulfil') })
        .first();
      if ((await next.count()) === 0) return done;
      const id = (await next.getAttribute('data-testid'))!.slice('obligation-'.length);
      const card = todo().getByTestId(`obligation-${id}`);
      await card.getByTestId('fulfil').click();
      await card.getByTestId('fulfil-note').fill(`Erledigt beim Auftraggeber: ${id}`);
      await card.getByTestId('fulfil-evidence').fill(`https://client.example/evidence/${id}`);
      await card.getByTestId('fulfil-submit').click();
      await todo().getByTestId(`obligation-${id}`).waitFor({ state: 'detached' });
      done.push(id);
    }
  }
  /** The contractor asks for something; open contractor duties are done first (only the contractor's). */
  async function contractorProposesResolution(): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await invokePanel(sandbox, 'carla', ISSUE, 'resolveEscalation', {
        resolution: 'Controller replaced, restore verified',
      });
      if (response.ok) return;
      const open = response.error.openObligations ?? [];
      const client = open.filter((o) => o.party === 'client');
      if (client.length > 0) throw new Error(`client duties left open on the portal: ${client.map((o) => o.id).join(', ')}`);
      if (open.length === 0) throw new Error(`resolve refused: ${response.error.code} ${response.error.message}`);
      await satisfyDuties(
        sandbox,
        ISSUE,
        open.map((o) => o.id),
        { contractor: 'carla', client: 'erika' },
      );
    }
    throw new Error('the contractor could not propose the resolution');
  }

  it('completes every client step there, in German on a phone and in English on a desktop', async () => {
    await act(sandbox, 'sam', ISSUE, 'startEscalation', {
      trigger: 'sla-breach',
      problem: 'Restore fails',
      impact: 'No backup',
      critical: true,
    });
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Clara angerufen' });
    await act(sandbox, 'sam', ISSUE, 'postStatusUpdate', { text: 'Techniker des Herstellers ist vor Ort' });

    // German, phone width: the to-do list first.
    await openAsClara(PHONE);
    await expectText(portal().getByTestId('portal-level'), /Stufe 1/i);
    await expectText(todo(), /Von Ihnen zu tun/);
    await shot('de-phone-todo');
    await todo().getByTestId('acknowledge').click();
    await todo().getByTestId('todo-notice').waitFor({ state: 'detached' });
    const fulfilled = await fulfilOpenObligations();
    expect(fulfilled.length).toBeGreaterThan(0);

    // The preliminary plan: sent back with a comment, then version 2 approved.
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'Failover auf das Zweitsystem' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 1 });
    await page.reload();
    const plan1 = todo().getByTestId('todo-plan-1');
    await plan1.getByTestId('decide-reject').click();
    await plan1.getByTestId('decide-comment').fill('Bitte den Zeitplan ergänzen');
    await shot('de-phone-plan', plan1);
    await plan1.getByTestId('decide-reject-submit').click();
    await plan1.waitFor({ state: 'detached' });
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'Failover, Zeitplan: heute 18 Uhr' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 2 });
    await page.reload();
    await todo().getByTestId('todo-plan-2').getByTestId('decide-approve').click();
    await todo().getByTestId('todo-plan-2').waitFor({ state: 'detached' });
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'detailed', text: 'Controller tauschen, Wiederherstellung prüfen' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 3 });
    await page.reload();
    await todo().getByTestId('todo-plan-3').getByTestId('decide-approve').click();
    await todo().getByTestId('todo-plan-3').waitFor({ state: 'detached' });
    await fulfilOpenObligations();

    // English, desktop width (Clara switched her profile language): the resolution and the report.
    sandbox.db.prepare("UPDATE jira_user SET locale = 'en-US' WHERE account_id = ?").run(CLARA);
    await contractorProposesResolution();
    await openAsClara(DESKTOP);
    await expectText(todo(), /Due from you/);
    await shot('en-desktop-proposal', todo().getByTestId('todo-proposal'));
    await todo().getByTestId('todo-proposal').getByTestId('decide-approve').click();
    await todo().getByTestId('todo-proposal').waitFor({ state: 'detached' });
    await expectText(portal().getByTestId('portal-level'), /RESOLVED|Resolved/i);

    const submitted = await invokePanel(sandbox, 'sam', ISSUE, 'submitReport', { locale: 'en' });
    expect(submitted.ok).toBe(true);
    await page.reload();
    const report = todo().getByTestId('todo-report-1');
    await report.getByTestId('read-report').click();
    await report.locator('iframe').waitFor();
    await shot('en-desktop-report', report);
    await report.getByTestId('decide-approve').click();
    await report.waitFor({ state: 'detached' });
    await expectText(portal().getByTestId('client-reports'), /Approved/i);
    await shot('en-desktop-done', portal().getByTestId('client-reports'));

    // The record in Jira: every client step was Clara's, from the portal; nothing left for the client.
    const panel = await act(sandbox, 'sam', ISSUE, 'getEscalation', {});
    const clientOpen = panel
      .escalation!.sections.filter((s) => s.current || s.scope === 'cross-cutting')
      .flatMap((s) => s.pairs.flatMap((p) => (p.client && !p.client.fulfilment && p.client.mandatory ? [p.client.id] : [])));
    expect(clientOpen).toEqual([]);
    const reports = await invokePanel(sandbox, 'sam', ISSUE, 'getReports', {});
    expect(reports).toMatchObject({ ok: true, data: { approvedVersion: 1, versions: [{ version: 1, decision: { by: CLARA } }] } });
    const byClara = panel.escalation!.timeline.filter((e) => e.actor.accountId === CLARA);
    expect(byClara.every((e) => e.origin?.source === 'portal' && e.actor.party === 'client')).toBe(true);
    expect(new Set(byClara.map((e) => e.type))).toEqual(
      new Set([
        'notice-acknowledged',
        'obligation-fulfilled',
        'action-plan-changes-requested',
        'action-plan-approved',
        'escalation-resolved',
        'report-approved',
      ]),
    );

    // Phone width in English too: the done state reads without horizontal scrolling.
    await page.setViewportSize(PHONE);
    await page.reload();
    await portal().getByTestId('portal-escalation').waitFor();
    const overflow = await page
      .frameLocator('[data-testid="portal-escalation-portal"] iframe')
      .locator('body')
      .evaluate((body) => body.scrollWidth - body.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('en-phone-done');
    expect(pageErrors).toEqual([]);
  });

  it("confirms one of the contractor's meeting dates and proposes a meeting of her own, in German on a phone", async () => {
    const issueKey = 'DEMO-2';
    const day = (hours: number) => new Date(sandbox.now().getTime() + hours * 3_600_000).toISOString();
    await act(sandbox, 'sam', issueKey, 'startEscalation', { trigger: 'other', problem: 'Langsame Antworten', impact: 'Wartezeit' });
    await act(sandbox, 'sam', issueKey, 'proposeEscalation', { note: 'Geschäftsleitungen einbinden' });
    const first = day(26);
    const second = day(50);
    sandbox.db.prepare("UPDATE jira_user SET locale = 'de-DE' WHERE account_id = ?").run(CLARA);
    await openAsClara(PHONE, issueKey);
    await todo().getByTestId('todo-proposal').getByTestId('decide-approve').click();
    await expectText(portal().getByTestId('portal-level'), /Stufe 2/i);
    await act(sandbox, 'sam', issueKey, 'proposeMeeting', { subject: 'Koordinationstreffen', candidates: [first, second] });
    await page.reload();
    const card = todo().getByTestId('todo-meeting-T1');
    await expectText(card, /Der Auftragnehmer schlägt einen Termin vor: Koordinationstreffen/);
    await shot('de-phone-meeting', card);
    await card.getByTestId('meeting-confirm').nth(1).click();
    await card.waitFor({ state: 'detached' });
    await expectText(portal().getByTestId('meeting-T1'), /Bestätigt für 25\.11\.2026, 11:00/i);

    const meetings = portal().getByTestId('client-meetings');
    await meetings.getByTestId('meeting-propose').click();
    await meetings.getByTestId('meeting-subject').fill('Abstimmung Kunde');
    await meetings.getByTestId('meeting-date-0').fill('2026-11-26T10:00');
    await meetings.getByTestId('meeting-propose-submit').click();
    await portal().getByTestId('meeting-T2').waitFor();
    await shot('de-phone-meetings', meetings);

    const log = (await act(sandbox, 'sam', issueKey, 'getEscalation', {})).escalation!;
    expect(log.records.meetings.map((m) => [m.meetingId, m.actor.party, m.answer?.decision])).toEqual([
      ['T1', 'contractor', 'confirmed'],
      ['T2', 'client', undefined],
    ]);
    expect(log.records.meetings[0]!.answer).toMatchObject({ startsAt: second, actor: { accountId: CLARA } });
    expect(pageErrors).toEqual([]);
  });
});
