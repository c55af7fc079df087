import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { act, configureDemoProject, type DemoUser } from '../../sandbox/app-demo/demo-escalations';

/**
 * Fair time through the panel's real resolvers on the sandbox (default template, Berlin business hours): the
 * contractor submits its preliminary plan; the client's "zeitnah" decision (L1-K-04, two working days) runs
 * out; while the contractor waits for it the level's time frame stands still, and it runs on, later by the
 * working time waited, once the client decided.
 */
const appDir = path.resolve(__dirname, '../..');
const HOUR = 3_600_000;
const ISSUE = 'DEMO-3';
let sandbox: PlatformSandbox;

beforeEach(async () => {
  // Monday 23 Nov 2026, 09:00 Berlin.
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
});
afterEach(async () => sandbox.close());

const view = async (user: DemoUser = 'sam') => (await act(sandbox, user, ISSUE, 'getEscalation', {})).escalation!;
const levelClock = async (user: DemoUser = 'sam') => (await view(user)).deadlines.find((d) => d.key.startsWith('level-1@'))!;

describe('fair time: a clock pauses while its party waits on the other party', () => {
  it('pauses the level time frame while the client owes its overdue decision, and resumes it after', async () => {
    await act(sandbox, 'sam', ISSUE, 'startEscalation', {
      trigger: 'other',
      problem: 'Restore fails',
      impact: 'No backup',
      critical: false,
    });
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Klaus' });
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'Failover first' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 1 }); // Mon 09:00 Berlin
    const running = await levelClock();
    expect(running).toMatchObject({ state: 'ok' });
    const agreedDueAt = running.dueAt;

    // Wed 09:00: the two working days for the decision are over.
    await sandbox.advanceClock(48 * HOUR);
    const decision = (await view()).deadlines.find((d) => d.obligationId === 'L1-K-04')!;
    expect(decision).toMatchObject({ state: 'overdue', party: 'client', dueAt: '2026-11-25T08:00:00.000Z' });
    // Wed 11:00: two working hours of waiting.
    await sandbox.advanceClock(2 * HOUR);
    const paused = await levelClock('klaus');
    expect(paused).toMatchObject({
      state: 'paused',
      waitingFor: 'client',
      pausedSince: '2026-11-25T08:00:00.000Z',
      agreedDueAt,
      dueAt: new Date(Date.parse(agreedDueAt) + 2 * HOUR).toISOString(),
    });
    // Standing still: an hour later as much time is left.
    await sandbox.advanceClock(1 * HOUR);
    expect((await levelClock()).remainingMs).toBe(paused.remainingMs);

    // Wed 12:00: the client decides; the clock runs on, three working hours later than agreed.
    await act(sandbox, 'klaus', ISSUE, 'decideActionPlan', { planVersion: 1, decision: 'approve' });
    const resumed = await levelClock();
    expect(resumed).toMatchObject({ state: 'ok', agreedDueAt, dueAt: new Date(Date.parse(agreedDueAt) + 3 * HOUR).toISOString() });
    expect(resumed.pausedSince).toBeUndefined();
    await sandbox.advanceClock(1 * HOUR);
    expect((await levelClock()).remainingMs).toBe(resumed.remainingMs - 1 * HOUR);
  });
});
