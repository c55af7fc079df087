/**
 * Issue 4's walk through one escalation in the sandbox, in Chromium, with the real panel, bridge,
 * resolvers and emulated Jira: started at level 1, obligations of both parties fulfilled by users of each
 * party, escalated to level 2, de-escalated, resolved; a denied attempt by the wrong party; German and
 * English screenshots.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { act, configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { SCREENSHOT_DIR } from './support/browser';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(120_000);

const ISSUE = 'DEMO-3';

describe('an escalation walked through in the browser', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSandboxSession({ needs: ['panel'], startAt: '2026-11-23T08:00:00.000Z', prepare: configureDemoProject });
    ({ sandbox, server, page, pageErrors } = session);
  });

  afterAll(async () => session?.close());

  const panel = (): FrameLocator => page.frameLocator('[data-testid="panel-escalation-panel"] iframe');
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `walkthrough-${name}.png`), fullPage: true });

  /** Opens the issue as a demo user, as the sandbox's user switcher would. */
  async function openAs(user: keyof typeof DEMO_USERS): Promise<void> {
    await page.goto(`${server.url}/#/browse/${ISSUE}`);
    await page.getByTestId('user-switcher').selectOption(DEMO_USERS[user].accountId);
    await panel()
      .getByText(user === 'klaus' || user === 'carla' ? 'Sie handeln als' : 'You act as')
      .first()
      .waitFor();
    await panel().locator('[data-testid="escalation-header"], [data-testid="no-escalation"]').first().waitFor();
  }

  async function fulfil(id: string, note: string, button: string, submit: string, noteLabel: string): Promise<void> {
    const cell = panel().getByTestId(`obligation-${id}`);
    await cell.getByRole('button', { name: button, exact: true }).click();
    const form = panel().getByTestId(`fulfil-form-${id}`);
    await form.getByLabel(noteLabel).fill(note);
    await form.getByRole('button', { name: submit }).click();
    await cell.locator('.fulfilment').waitFor();
  }

  it('starts, fulfils as both parties, escalates, de-escalates and resolves', async () => {
    // The contractor's service agent starts the escalation (English).
    await openAs('sam');
    const start = panel().getByTestId('start-form');
    await start.getByLabel('Problem description').fill('Restore for tenant 4711 fails since the storage migration.');
    await start.getByLabel('Impact').fill('Tenant 4711 has no restorable backup.');
    await start.getByRole('button', { name: 'Start escalation' }).click();
    await panel().getByTestId('obligation-checklist').waitFor();
    await fulfil('L1-C-01', 'Impact assessed: no restore possible, priority 1.', 'Fulfil', 'Record fulfilment', 'Note');
    await shot('en-contractor-level-1');

    // The client may not fulfil the contractor's items: no button, and a forced call is refused.
    await openAs('klaus');
    await panel().getByTestId('obligation-L1-K-01').getByRole('button', { name: 'Erfüllen' }).waitFor();
    await expect(panel().getByTestId('obligation-L1-C-02').getByRole('button', { name: 'Erfüllen' }).count()).resolves.toBe(0);
    const forced = await sandboxInvokeFromFrame('fulfilObligation', { obligationId: 'L1-C-02', note: 'Ich bin nicht der Auftragnehmer' });
    expect(forced).toMatchObject({ ok: false, error: { code: 'rejected', reason: 'wrong-party', awaitedParty: 'contractor' } });
    await fulfil('L1-K-01', 'Logauszüge und Zugang zum Monitoring bereitgestellt.', 'Erfüllen', 'Erfüllung erfassen', 'Notiz');
    // Escalating is not possible yet, and the panel says why, in German.
    await expect(panel().getByTestId('action-escalate').isDisabled()).resolves.toBe(true);
    await expect(panel().getByTestId('unavailable-escalate').innerText()).resolves.toContain('Am Zug: Auftragnehmer');
    await shot('de-client-denied');

    // The remaining mandatory items, quicker through the same resolvers.
    for (const id of ['L1-C-02', 'L1-C-03', 'L1-C-04', 'L1-C-07'])
      await act(sandbox, 'sam', ISSUE, 'fulfilObligation', { obligationId: id, note: `Done: ${id}` });
    for (const id of ['L1-K-04', 'L1-K-06'])
      await act(sandbox, 'klaus', ISSUE, 'fulfilObligation', { obligationId: id, note: `Erledigt: ${id}` });

    // The client's executive escalates to level 2 (English).
    await openAs('erika');
    await panel().getByTestId('action-escalate').click();
    await panel().getByTestId('action-form-escalate').getByRole('button', { name: 'Escalate to level 2' }).click();
    await panel().getByText('Middle management involvement').first().waitFor();
    // The panel asks Jira to refresh the issue view: the field shows the new level without a reload.
    await page.getByTestId('app-field').getByText('2 · Einbeziehung des mittleren Managements / Middle management involvement').waitFor();
    await shot('en-client-level-2');

    // The contractor's lead de-escalates (German), the agent resolves.
    await openAs('carla');
    await panel().getByTestId('action-deEscalate').click();
    const down = panel().getByTestId('action-form-deEscalate');
    await down
      .getByLabel('Warum kann die Sache auf einer niedrigeren Stufe behandelt werden?')
      .fill('Ressourcen zugesagt, Betrieb übernimmt wieder.');
    await down.getByRole('button', { name: 'Auf Stufe 1 deeskalieren' }).click();
    await panel().getByText('Sofortige Problemlösung').first().waitFor();
    await panel().getByTestId('action-resolveEscalation').click();
    const resolve = panel().getByTestId('action-form-resolveEscalation');
    await resolve.getByLabel('Lösung').fill('Restore-Pfad repariert, Test-Restore erfolgreich.');
    await resolve.getByRole('button', { name: 'Eskalation als gelöst markieren' }).click();
    await panel().getByTestId('action-reopenEscalation').waitFor();
    await shot('de-contractor-resolved');

    // The record agrees: the field and the timeline.
    const issue = JSON.parse(
      (await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${ISSUE}?expand=renderedFields` }, { kind: 'app' })).body,
    ) as { renderedFields: Record<string, string> };
    expect(Object.values(issue.renderedFields)).toContain('1 · Sofortige Problemlösung / Immediate problem solving');
    const view = await act(sandbox, 'sam', ISSUE, 'getEscalation', {});
    expect(view.escalation?.timeline.map((e) => e.type)).toEqual([
      'escalation-started',
      'obligation-fulfilled',
      'obligation-fulfilled',
      ...Array<string>(6).fill('obligation-fulfilled'),
      'level-changed',
      'notification-sent', // level 2's contacts told of the escalation; the move down tells nobody
      'level-changed',
      'escalation-resolved',
    ]);
    expect(view.escalation?.status).toBe('resolved');
    expect(pageErrors).toEqual([]);
  });

  /** Calls a resolver through the panel frame's real bridge, as a tampered client would. */
  async function sandboxInvokeFromFrame(functionKey: string, payload: unknown): Promise<unknown> {
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
