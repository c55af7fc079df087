import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { act, configureDemoProject, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import { invokePortal, type PortalUser } from '../../sandbox/app-demo/portal-invoke';
import { agree, satisfyDuties } from '../../sandbox/app-demo/work-through';
import { DEMO_CUSTOMERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import type { PortalKey, PortalPayload } from '../../src/shared/portal-contract';
import type { PortalView } from '../../src/shared/portal-view';

/**
 * The client's people work from the Jira Service Management portal, without a Jira licence, through the
 * portal module's real resolvers on the sandbox: Clara (contract manager) and Edgar (executive) are customers
 * of "Kunde AG", the organization the project names as the client; Fiona is a customer of another one.
 */
const appDir = path.resolve(__dirname, '../..');
const ISSUE = 'DEMO-3';
const PEOPLE = { contractor: 'carla', client: 'erika' } as const;
let sandbox: PlatformSandbox;

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
});
afterEach(async () => sandbox.close());

async function portal<K extends PortalKey>(user: PortalUser, key: K, payload: PortalPayload<K>, issueKey = ISSUE): Promise<PortalView> {
  const response = await invokePortal(sandbox, user, issueKey, key, payload);
  if (!response.ok) throw new Error(`${key} as ${user} on ${issueKey} failed: ${response.error.code} ${response.error.message}`);
  return response.data as PortalView;
}
async function refused<K extends PortalKey>(user: PortalUser, key: K, payload: PortalPayload<K>, issueKey = ISSUE) {
  const response = await invokePortal(sandbox, user, issueKey, key, payload);
  if (response.ok) throw new Error(`${key} as ${user} on ${issueKey} was accepted`);
  return response.error;
}
/** The escalation log as stored (what "nothing written" is checked against). */
async function storedLog(issueKey = ISSUE): Promise<EscalationEvent[]> {
  const id = (sandbox.db.prepare('SELECT id FROM jira_issue WHERE key = ?').get(issueKey) as { id: number }).id;
  return sandbox.runAs({ kind: 'app' }, () => kvsEscalationEventStore.load(String(id)));
}
const start = () =>
  act(sandbox, 'sam', ISSUE, 'startEscalation', { trigger: 'sla-breach', problem: 'Restore fails', impact: 'No backup', critical: true });

describe('a customer of the client organization works the escalation from the portal', () => {
  it('acknowledges the notice, fulfils a client obligation with note and evidence, approves the action plan', async () => {
    await start();
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Clara' });

    const first = await portal('clara', 'getPortalEscalation', {});
    expect(first.escalation).toMatchObject({ level: 1, status: 'open', notice: { acknowledge: { ok: true } } });
    expect(first.escalation!.obligations.length).toBeGreaterThan(0);
    expect(first.escalation!.obligations.every((o) => o.party === 'client')).toBe(true);

    await portal('clara', 'acknowledgeNotice', { note: 'Erhalten' });
    const fulfilled = await portal('clara', 'fulfilObligation', {
      obligationId: 'L1-K-01',
      note: 'Ansprechpartner benannt',
      evidenceUrl: 'https://client.example/contacts',
    });
    expect(fulfilled.escalation!.obligations.find((o) => o.id === 'L1-K-01')?.fulfilment).toMatchObject({
      via: 'manual',
      note: 'Ansprechpartner benannt',
      evidenceUrl: 'https://client.example/contacts',
      actor: { accountId: DEMO_CUSTOMERS.clara.accountId, party: 'client' },
    });
    expect(fulfilled.escalation!.obligations.find((o) => o.id === 'DOC-K-01')?.fulfilment?.evidence).toBe('notice-acknowledged');

    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'Failover first' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 1 });
    const approved = await portal('clara', 'decideActionPlan', { planVersion: 1, decision: 'approve' });
    expect(approved.escalation!.actionPlans).toMatchObject([{ version: 1, status: 'approved' }]);

    // The same record in Jira: the contractor's panel shows the client's portal actions, recorded as the client.
    const log = await storedLog();
    const byClara = log.filter((e) => e.actor.accountId === DEMO_CUSTOMERS.clara.accountId);
    expect(byClara.map((e) => [e.type, e.actor.party, e.origin?.source])).toEqual([
      ['notice-acknowledged', 'client', 'portal'],
      ['obligation-fulfilled', 'client', 'portal'],
      ['action-plan-approved', 'client', 'portal'],
    ]);
    const panel = await act(sandbox, 'sam', ISSUE, 'getEscalation', {});
    expect(panel.escalation!.records.actionPlans[0]).toMatchObject({ status: 'approved' });
  });

  it('sends a report back and approves the next version with the hash it read, as in Jira', async () => {
    await start();
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Clara' });
    await satisfyDuties(sandbox, ISSUE, ['L1-K-01', 'L1-K-04', 'L1-K-06'], PEOPLE);
    await agree(sandbox, ISSUE, { key: 'resolveEscalation', resolution: 'Controller replaced' }, 'carla', 'erika', PEOPLE);
    const reports = await invokePanel(sandbox, 'sam', ISSUE, 'submitReport', { locale: 'de' });
    expect(reports.ok).toBe(true);

    const shown = await portal('clara', 'getPortalEscalation', {});
    expect(shown.escalation!.reports).toMatchObject({ decide: true, versions: [{ version: 1, status: 'submitted' }] });
    const v1 = shown.escalation!.reports.versions[0]!;
    const document = await invokePortal(sandbox, 'clara', ISSUE, 'getReportVersion', { reportVersion: 1, format: 'html' });
    expect(document).toMatchObject({ ok: true, data: { reportVersion: 1, contentHash: v1.contentHash } });

    const back = await portal('clara', 'requestReportChanges', { reportVersion: 1, comment: 'Bitte Zeitachse ergänzen' });
    expect(back.escalation!.reports.versions[0]).toMatchObject({ version: 1, status: 'changes-requested' });
    await invokePanel(sandbox, 'sam', ISSUE, 'submitReport', { locale: 'de' });
    const v2 = (await portal('clara', 'getPortalEscalation', {})).escalation!.reports.versions[0]!;

    const before = (await storedLog()).length;
    expect(await refused('clara', 'approveReport', { reportVersion: 2, contentHash: 'f'.repeat(64) })).toMatchObject({ code: 'rejected' });
    expect(await refused('clara', 'approveReport', { reportVersion: 2, contentHash: v1.contentHash })).toMatchObject({ code: 'rejected' });
    expect((await storedLog()).length).toBe(before);

    const done = await portal('clara', 'approveReport', { reportVersion: 2, contentHash: v2.contentHash });
    expect(done.escalation!.reports.versions[0]).toMatchObject({ version: 2, status: 'approved' });
    const panelReports = await invokePanel(sandbox, 'sam', ISSUE, 'getReports', {});
    expect(panelReports).toMatchObject({ ok: true, data: { approvedVersion: 2 } });
  });
});

describe('who is refused on the portal, with nothing written', () => {
  beforeEach(async () => {
    await start();
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Clara' });
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'Failover first' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 1 });
  });

  const attempts = [
    ['acknowledgeNotice', { note: 'x' }],
    ['fulfilObligation', { obligationId: 'L1-K-01', note: 'x' }],
    ['decideActionPlan', { planVersion: 1, decision: 'approve' }],
  ] as const;

  it('a customer of another organization (not on this request) sees nothing and changes nothing', async () => {
    const before = await storedLog();
    expect(await refused('fiona', 'getPortalEscalation', {})).toMatchObject({ code: 'forbidden' });
    for (const [key, payload] of attempts) expect(await refused('fiona', key, payload)).toMatchObject({ code: 'forbidden' });
    expect(await storedLog()).toEqual(before);
  });

  it("a customer on her own organization's request is not the client there", async () => {
    await act(sandbox, 'sam', 'DEMO-6', 'startEscalation', {
      trigger: 'other',
      problem: 'Slow portal',
      impact: 'Waiting',
      critical: false,
    });
    const before = await storedLog('DEMO-6');
    expect(await refused('fiona', 'getPortalEscalation', {}, 'DEMO-6')).toMatchObject({ code: 'not-a-party' });
    expect(await refused('fiona', 'acknowledgeNotice', { note: 'x' }, 'DEMO-6')).toMatchObject({ code: 'not-a-party' });
    expect(await storedLog('DEMO-6')).toEqual(before);
  });

  it('a member of the client organization who is not a participant of the request is refused', async () => {
    await act(sandbox, 'sam', 'DEMO-1', 'startEscalation', { trigger: 'other', problem: 'Storage', impact: 'Down', critical: false });
    const before = await storedLog('DEMO-1');
    expect(await refused('edgar', 'getPortalEscalation', {}, 'DEMO-1')).toMatchObject({ code: 'forbidden' });
    expect(await refused('edgar', 'acknowledgeNotice', { note: 'x' }, 'DEMO-1')).toMatchObject({ code: 'forbidden' });
    expect(await storedLog('DEMO-1')).toEqual(before);
  });

  it('a customer claiming the contractor party, or acting for a party, is refused; so is the contractor on the portal', async () => {
    const before = await storedLog();
    const claims = [
      { note: 'x', onBehalf: { party: 'contractor', reason: 'I am the contractor' } },
      { note: 'x', party: 'contractor' },
      { note: 'x', actor: { accountId: 'qm:sandbox:clara-contract-manager', party: 'contractor' } },
    ];
    for (const claim of claims)
      expect(await refused('clara', 'acknowledgeNotice', claim as PortalPayload<'acknowledgeNotice'>)).toMatchObject({
        code: 'invalid-payload',
      });
    // Contractor duties are not the client's to fulfil, whoever asks on the portal.
    expect(await refused('clara', 'fulfilObligation', { obligationId: 'L1-C-05', note: 'done for them' })).toMatchObject({
      code: 'rejected',
    });
    // A contractor member gets no client powers from the portal: not on this request, and not the client on his own.
    expect(await refused('sam', 'decideActionPlan', { planVersion: 1, decision: 'approve' })).toMatchObject({ code: 'forbidden' });
    expect(await refused('sam', 'getPortalEscalation', {}, 'DEMO-4')).toMatchObject({ code: 'not-a-party' });
    expect(await storedLog()).toEqual(before);
  });

  it('the issue panel stays closed to customers: its module does not allow unlicensed access', async () => {
    await expect(
      sandbox.invoke({
        moduleKey: 'escalation-panel',
        functionKey: 'getEscalation',
        payload: {},
        context: {
          accountId: DEMO_CUSTOMERS.clara.accountId,
          cloudId: 'sandbox',
          localId: 'panel-DEMO-3',
          locale: 'de-DE',
          timezone: 'Europe/Berlin',
          moduleKey: 'escalation-panel',
          siteUrl: 'http://localhost',
          extension: { type: 'jira:issuePanel', issue: { key: ISSUE, type: 'Service Request' }, project: { key: 'DEMO' } },
        },
      }),
    ).rejects.toThrow(/does not allow customer accounts/);
  });
});

describe("the contractor's internal items never reach the portal", () => {
  it('leaves out contractor obligations and notes, plan drafts, root causes, measures and the timeline', async () => {
    await start();
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'INTERNAL-notified-note' });
    await act(sandbox, 'sam', ISSUE, 'fulfilObligation', { obligationId: 'L1-C-05', note: 'INTERNAL-fulfil-note' });
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'INTERNAL-draft-plan' });
    await act(sandbox, 'sam', ISSUE, 'recordRootCause', { text: 'INTERNAL-root-cause' });
    await act(sandbox, 'sam', ISSUE, 'recordPreventiveMeasure', { text: 'INTERNAL-measure', owner: 'contractor' });
    await act(sandbox, 'sam', ISSUE, 'postStatusUpdate', { text: 'Vendor engineer on site' });

    const response = await invokePortal(sandbox, 'clara', ISSUE, 'getPortalEscalation', {});
    expect(response.ok).toBe(true);
    const text = JSON.stringify(response);
    expect(text).not.toMatch(/INTERNAL-/);
    expect(text).not.toMatch(/"(L[1-4]|DOC|REV)-C-\d\d"/);
    expect(text).not.toContain('timeline');
    const view = (response as { data: PortalView }).data.escalation!;
    expect(view.actionPlans).toEqual([]);
    expect(view.statusUpdates).toMatchObject([{ text: 'Vendor engineer on site' }]);
    // The panel shows the contractor all of it: the portal leaves it out, it is not lost.
    const panel = JSON.stringify(await act(sandbox, 'sam', ISSUE, 'getEscalation', {}));
    for (const marker of ['INTERNAL-fulfil-note', 'INTERNAL-draft-plan', 'INTERNAL-root-cause', 'INTERNAL-measure'])
      expect(panel).toContain(marker);
  });
});
