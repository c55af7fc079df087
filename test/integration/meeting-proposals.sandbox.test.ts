/**
 * Meeting proposals (levels 2–4: "Terminvorschläge", "Schlichtungssitzungen") through the panel's real
 * resolvers in the sandbox: a party proposes candidate dates, the proposal reaches the other party once in its
 * language, the other party confirms one date, which reaches the proposer once; nobody confirms their own
 * proposal and nobody books it twice; the records fulfil the annex's duties; the log only grows; the report
 * lists the meeting.
 */
import path from 'node:path';
import { act, DEMO_CONFIGURATION, invokePanel, type DemoUser } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';
import type { EscalationPanelView } from '../../src/shared/escalation-panel-view';
import type { ResolverKey, ResolverPayload, ResolverResults } from '../../src/shared/resolver-contract';
import { said } from '../support/message-count';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const ISSUE = 'DEMO-3';
const HOUR = 3_600_000;
const people = (contractor: string, client: string) => ({
  contractor: { accountIds: [contractor], groups: [] },
  client: { accountIds: [client], groups: [] },
});
/** Sam (English) for the contractor and Klaus (German) for the client at every level. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEMO_CONFIGURATION,
  contacts: Object.fromEntries([1, 2, 3, 4].map((l) => [l, people(DEMO_USERS.sam.accountId, DEMO_USERS.klaus.accountId)])),
};

let sandbox: PlatformSandbox;
beforeAll(async () => {
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 });
  // Monday 23 Nov 2026, 09:00 Berlin.
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

async function refused<K extends ResolverKey>(user: DemoUser, key: K, payload: ResolverPayload<K>) {
  const response = await invokePanel(sandbox, user, ISSUE, key, payload);
  if (response.ok) throw new Error(`${key} as ${user} was accepted`);
  return response.error;
}
async function ok<K extends ResolverKey>(user: DemoUser, key: K, payload: ResolverPayload<K>): Promise<ResolverResults[K]> {
  const response = (await invokePanel(sandbox, user, ISSUE, key, payload)) as unknown as
    { ok: true; data: ResolverResults[K] } | { ok: false; error: { code: string; message: string } };
  if (!response.ok) throw new Error(`${key} as ${user}: ${response.error.code} ${response.error.message}`);
  return response.data;
}
const fulfilment = (view: EscalationPanelView, id: string) =>
  view.escalation!.sections.flatMap((s) => s.pairs.flatMap((p) => [p.contractor, p.client])).find((o) => o?.id === id)?.fulfilment;
const logOf = async () => {
  const r = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${ISSUE}?fields=summary` }, APP);
  const id = (JSON.parse(r.body) as { id: string }).id;
  return sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
};
const newMessages = async (since: number) => (await sandbox.outbox()).filter((n) => n.issueKey === ISSUE).slice(since);
const messageCount = async () => (await sandbox.outbox()).filter((n) => n.issueKey === ISSUE).length;
const at = (hoursAhead: number) => new Date(sandbox.now().getTime() + hoursAhead * HOUR).toISOString();

it('a meeting proposal at level 3 reaches the client once, in German; the confirmation reaches the contractor once, in English', async () => {
  await act(sandbox, 'sam', ISSUE, 'startEscalation', { trigger: 'other', problem: 'Restore fails', impact: 'No backup' });
  // Meetings belong to levels 2–4.
  expect(await refused('sam', 'proposeMeeting', { subject: 'Abstimmung', candidates: [at(24)] })).toMatchObject({
    reason: 'meetings-from-level-2',
  });
  for (let level = 1; level <= 2; level++) {
    const p = (await act(sandbox, 'sam', ISSUE, 'proposeEscalation', { note: `up from ${level}` })).escalation!.proposal!;
    await act(sandbox, 'klaus', ISSUE, 'answerProposal', { proposalSeq: p.seq, accept: true });
  }
  // Candidate dates are checked at the boundary: instants with an offset, at most five.
  expect(await refused('sam', 'proposeMeeting', { subject: 'x', candidates: ['tomorrow'] })).toMatchObject({ code: 'invalid-payload' });
  expect(await refused('sam', 'proposeMeeting', { subject: 'x', candidates: [1, 2, 3, 4, 5, 6].map((h) => at(24 * h)) })).toMatchObject({
    code: 'invalid-payload',
  });
  expect(await refused('sam', 'proposeMeeting', { subject: 'x', candidates: [at(-1)] })).toMatchObject({ reason: 'meeting-date-passed' });

  const before = await messageCount();
  const logBefore = await logOf();
  const first = at(26);
  const second = at(50);
  const proposed = await ok('sam', 'proposeMeeting', {
    subject: 'Eskalationstreffen der Geschäftsleitungen',
    candidates: [second, first],
    note: 'Raum Berlin',
  });
  expect(proposed.escalation!.records.meetings).toEqual([
    expect.objectContaining({ meetingId: 'T1', level: 3, candidates: [first, second] }),
  ]);
  expect(fulfilment(proposed, 'L3-C-03')).toMatchObject({ via: 'record', evidence: 'meeting-proposed' });
  let sent = await newMessages(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.recipients).toEqual([DEMO_USERS.klaus.accountId]);
  expect(sent[0]!.subject).toBe('[DEMO-3] Der Auftragnehmer schlägt Termine vor: Eskalationstreffen der Geschäftsleitungen');
  expect(sent[0]!.textBody).toContain('2026-11-24 11:00 (Europe/Berlin); 2026-11-25 11:00 (Europe/Berlin)');
  expect(said(sent[0]!)).not.toMatch(/proposes|Proposed dates/);

  // Nobody confirms their own proposal; only a proposed date can be confirmed.
  expect(await refused('sam', 'confirmMeeting', { meetingId: 'T1', startsAt: first })).toMatchObject({ reason: 'own-proposal' });
  expect(await refused('klaus', 'confirmMeeting', { meetingId: 'T1', startsAt: at(30) })).toMatchObject({ reason: 'not-a-candidate' });
  const confirmed = await ok('klaus', 'confirmMeeting', { meetingId: 'T1', startsAt: second });
  expect(fulfilment(confirmed, 'L3-K-03')).toMatchObject({ via: 'record', evidence: 'meeting-confirmed' });
  expect(confirmed.escalation!.records.meetings[0]!.answer).toMatchObject({ decision: 'confirmed', startsAt: second });
  // Nobody books it twice.
  expect(await refused('klaus', 'confirmMeeting', { meetingId: 'T1', startsAt: first })).toMatchObject({ reason: 'record-state' });
  expect(await refused('klaus', 'declineMeeting', { meetingId: 'T1', reason: 'Doch nicht' })).toMatchObject({ reason: 'record-state' });

  sent = await newMessages(before);
  expect(sent).toHaveLength(2);
  expect(sent[1]!.recipients).toEqual([DEMO_USERS.sam.accountId]);
  expect(sent[1]!.subject).toBe('[DEMO-3] The client confirmed the meeting: Eskalationstreffen der Geschäftsleitungen');
  expect(sent[1]!.textBody).toContain('The meeting takes place on 2026-11-25 11:00 (Europe/Berlin).');

  // The sweeps after it do not tell either again.
  await sandbox.advanceClock(2 * HOUR);
  const about = (await newMessages(before)).filter((n) => /Termine vor|confirmed the meeting/.test(n.subject));
  expect(about).toHaveLength(2);

  // The log only grew: what was recorded before stays as it was; each answer is a new event.
  const log = await logOf();
  expect(log.slice(0, logBefore.length)).toEqual(logBefore);
  expect(log.filter((e) => e.type.startsWith('meeting-')).map((e) => e.type)).toEqual(['meeting-proposed', 'meeting-confirmed']);
  expect(log.filter((e) => e.type === 'notification-sent' && e.purpose === 'party-news').length).toBeGreaterThanOrEqual(2);
});

it('a decline carries its reason back to the proposer; the report lists the meetings proposed and confirmed', async () => {
  const before = await messageCount();
  await ok('klaus', 'proposeMeeting', { subject: 'Zweites Treffen', candidates: [at(72)] });
  expect((await newMessages(before)).map((n) => [n.recipients, n.subject])).toEqual([
    [[DEMO_USERS.sam.accountId], '[DEMO-3] The client proposes meeting dates: Zweites Treffen'],
  ]);
  expect(await refused('klaus', 'declineMeeting', { meetingId: 'T2', reason: 'x' })).toMatchObject({ reason: 'own-proposal' });
  await ok('sam', 'declineMeeting', { meetingId: 'T2', reason: 'Board travels that week' });
  const back = (await newMessages(before)).slice(1);
  expect(back).toHaveLength(1);
  expect(back[0]!.recipients).toEqual([DEMO_USERS.klaus.accountId]);
  expect(back[0]!.subject).toBe('[DEMO-3] Der Auftragnehmer hat die Terminvorschläge abgelehnt: Zweites Treffen');
  expect(back[0]!.textBody).toContain('Begründung: Board travels that week');

  const preview = await ok('sam', 'previewReport', { locale: 'en' });
  if ('generating' in preview) throw new Error('A small report is generated at once');
  expect(preview.html).toContain('Meetings');
  expect(preview.html).toContain('T1: Eskalationstreffen der Geschäftsleitungen');
  expect(preview.html).toContain('T2: Zweites Treffen');
  expect(preview.html).toContain('Board travels that week');
  expect(preview.html).toMatch(/Meeting confirmed T1/);
});

it('each push reaches the other party once, in its language: the action plan submitted, sent back, approved', async () => {
  const pushes: [DemoUser, ResolverKey, Record<string, unknown>, string, string][] = [
    ['sam', 'draftActionPlan', { stage: 'detailed', text: 'Replace the controller' }, '', ''],
    ['sam', 'submitActionPlan', { planVersion: 1 }, DEMO_USERS.klaus.accountId, '[DEMO-3] Aktionsplan Version 1 vorgelegt'],
    [
      'klaus',
      'decideActionPlan',
      { planVersion: 1, decision: 'request-changes', comment: 'Bitte mit Zeitplan' },
      DEMO_USERS.sam.accountId,
      '[DEMO-3] Changes requested to action plan version 1',
    ],
    ['sam', 'draftActionPlan', { stage: 'detailed', text: 'Replace the controller by Friday' }, '', ''],
    ['sam', 'submitActionPlan', { planVersion: 2 }, DEMO_USERS.klaus.accountId, '[DEMO-3] Aktionsplan Version 2 vorgelegt'],
    [
      'klaus',
      'decideActionPlan',
      { planVersion: 2, decision: 'approve' },
      DEMO_USERS.sam.accountId,
      '[DEMO-3] Action plan version 2 approved',
    ],
  ];
  for (const [user, key, payload, recipient, subject] of pushes) {
    const before = await messageCount();
    await ok(user, key, payload as ResolverPayload<typeof key>);
    const sent = await newMessages(before);
    // A draft is the contractor's own: nobody is told.
    expect(sent.map((n) => [n.recipients, n.subject])).toEqual(recipient ? [[[recipient], subject]] : []);
  }
  // The sweeps after them repeat none of it.
  const before = await messageCount();
  await sandbox.advanceClock(30 * 60_000);
  expect((await newMessages(before)).filter((n) => /Aktionsplan|action plan/.test(n.subject))).toEqual([]);
});
