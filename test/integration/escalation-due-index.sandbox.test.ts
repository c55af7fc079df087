/**
 * The sweep trusts only its due index in app storage (the `escalation-due` custom entity), never the
 * issue property that anyone with Edit permission can rewrite or delete: a user who moves the next check
 * to 2099, or deletes the property, does not stop the escalation. Escalations tracked before the index
 * existed are found once by a backfill. The index pages at Forge's cap, oldest first, with a cursor.
 */
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { TWENTY_FOUR_SEVEN } from '../../src/domain/deadlines/business-calendar';
import { escalationDeadlines } from '../../src/domain/escalation/escalation-deadlines';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { replayEscalation } from '../../src/domain/escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { currentMinute, type DueIndexEntry } from '../../src/domain/sweep/due-index';
import { kvsEscalationDueIndex } from '../../src/infrastructure/storage/escalation-due-index-store';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';
import { seedEscalations, startedEvent } from '../support/escalation-seed';

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T08:00:00.000Z';
const MIN = 60_000;
const APP = { kind: 'app' as const };
const sam = { kind: 'user' as const, accountId: DEMO_USERS.sam.accountId };

/** Around the clock, level 1 lasts one hour. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, calendar: TWENTY_FOUR_SEVEN, levelTimeFrames: { 1: { amount: 1, unit: 'hours' } } },
};

let sandbox: PlatformSandbox;
beforeEach(async () => {
  process.env.ESCALATION_LOG = 'silent';
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 10 });
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterEach(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

const keyOf = (id: number) => (sandbox.db.prepare('SELECT key FROM jira_issue WHERE id = ?').get(id) as { key: string }).key;
async function asUser(method: string, p: string, body?: unknown): Promise<number> {
  const r = await sandbox.jira(
    { method, path: p, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) },
    sam,
  );
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.body}`);
  return r.status;
}
const property = (id: number) => {
  const row = sandbox.db.prepare("SELECT value FROM jira_issue_property WHERE issue_id = ? AND key = 'escalation'").get(id) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Record<string, unknown>) : undefined;
};
const logOf = (id: number): Promise<EscalationEvent[]> => sandbox.runAs(APP, () => kvsEscalationEventStore.load(String(id)));

it('escalates on time an issue whose escalation property a user moved to 2099, deleted, or marked closed', async () => {
  const now = sandbox.now();
  const { firstId } = seedEscalations(sandbox, { projectKey: 'DEMO', count: 4, startedAt: () => now, configuration: CONFIGURATION });
  const [moved, deleted, closed, untouched] = [firstId, firstId + 1, firstId + 2, firstId + 3];
  // Users with Edit permission rewrite what JQL sees: no next check before 2099, no property, closed.
  await asUser('PUT', `/rest/api/3/issue/${keyOf(moved)}/properties/escalation`, {
    ...property(moved),
    nextCheckAt: '2099-01-01T00:00:00.000Z',
  });
  await asUser('DELETE', `/rest/api/3/issue/${keyOf(deleted)}/properties/escalation`);
  await asUser('PUT', `/rest/api/3/issue/${keyOf(closed)}/properties/escalation`, { ...property(closed), status: 'closed' });
  expect(property(moved)).toMatchObject({ nextCheckAt: '2099-01-01T00:00:00.000Z' });
  expect(property(deleted)).toBeUndefined();

  // Two hours of five-minute sweeps: level 1's hour runs out.
  for (let i = 0; i < 24; i++) {
    await sandbox.advanceClock(5 * MIN);
    await sandbox.deliverDue();
  }

  for (const id of [moved, deleted, closed, untouched]) {
    const log = await logOf(id);
    const state = replayEscalation(log)!;
    expect(state.level).toBe(2);
    const changed = log.find((e) => e.type === 'level-changed')!;
    const due = escalationDeadlines({
      state: replayEscalation([startedEvent(now)])!,
      template: DEFAULT_PROCESS_TEMPLATE,
      policy: CONFIGURATION.policy,
      now,
    }).find((d) => d.timeFrame === 'levelTimeFrame' && !d.obligationId)!;
    const lateMin = (Date.parse(changed.at) - Date.parse(due.dueAt)) / MIN;
    expect(lateMin).toBeGreaterThanOrEqual(0);
    expect(lateMin).toBeLessThanOrEqual(6); // the five-minute rhythm, the minute rounding
    // The projection was derived again from the log and written back.
    expect(property(id)).toMatchObject({ level: 2, status: 'open', lastSeq: state.lastSeq });
    expect(property(id)?.nextCheckAt).not.toBe('2099-01-01T00:00:00.000Z');
  }
});

it('backfills escalations tracked before the index existed, once, and brings each up to date', async () => {
  const now = sandbox.now();
  const { firstId } = seedEscalations(sandbox, {
    projectKey: 'DEMO',
    count: 3,
    startedAt: (i) => new Date(now.getTime() - (i === 0 ? 70 : 0) * MIN),
    configuration: CONFIGURATION,
    dueIndex: false,
  });
  expect(sandbox.db.prepare("SELECT COUNT(*) AS n FROM kvs_entity WHERE entity = 'escalation-due'").get()).toEqual({ n: 0 });
  sandbox.requestLog.reset();
  await sandbox.runFunction('escalation-sweep', {}, APP);
  await sandbox.deliverDue();
  const backfillSearches = sandbox.requestLog.count('POST /rest/api/3/search/jql');
  const entries = (
    sandbox.db.prepare("SELECT value FROM kvs_entity WHERE entity = 'escalation-due' ORDER BY key").all() as { value: string }[]
  ).map((r) => JSON.parse(r.value) as DueIndexEntry);
  expect(entries.map((e) => e.issueId)).toEqual([String(firstId), String(firstId + 1), String(firstId + 2)]);
  // Each was brought up to date once: its entry now holds its real next check, in the future.
  for (const e of entries) expect(e.nextCheckMinute).toBeGreaterThan(currentMinute(sandbox.now()));
  expect(replayEscalation(await logOf(firstId))!.level).toBe(2); // its hour had run out before the backfill
  expect(await sandbox.runAs(APP, () => kvs.get('sweep:due-index:backfill'))).toMatchObject({ done: true, written: 3 });

  // The next sweep does not search the properties again.
  sandbox.requestLog.reset();
  await sandbox.runFunction('escalation-sweep', {}, APP);
  expect(sandbox.requestLog.count('POST /rest/api/3/search/jql')).toBeLessThan(backfillSearches);
  expect(sandbox.requestLog.count('POST /rest/api/3/search/jql')).toBe(1); // the critical-issue safety net only
});

it('writes many entries in transactions of 25, no batch operation: a backfill run stays clear of Forge’s 45 a minute', async () => {
  const nowMinute = currentMinute(sandbox.now());
  // 1,200 entries: 48 writes of 25, more than the 45 batch operations Forge allows a minute.
  const entries = Array.from({ length: 1_200 }, (_, i) => ({
    issueId: String(60_000 + i),
    projectKey: 'DEMO',
    nextCheckMinute: nowMinute + i,
  }));
  sandbox.meter.reset();
  sandbox.meter.setRealistic({});
  sandbox.kvsLog.reset();
  await sandbox.runAs(APP, () => kvsEscalationDueIndex.putMany([...entries, entries[0]!]));
  const snap = sandbox.meter.snapshot();
  sandbox.meter.setRealistic(undefined);
  expect(snap.batchOperations.total).toBe(0);
  expect(snap.throttled.storage).toBe(0);
  expect(sandbox.kvsLog.counts()['/api/v1/transaction']).toBe(49);
  const stored = sandbox.db
    .prepare("SELECT COUNT(*) AS n FROM kvs_entity WHERE entity = 'escalation-due' AND CAST(key AS INTEGER) BETWEEN 60000 AND 61199")
    .get() as { n: number };
  expect(stored.n).toBe(1_200);
});

it('pages the due index at the documented cap of 100 with a cursor, oldest first, and never past now', async () => {
  const nowMinute = currentMinute(sandbox.now());
  const minutes = Array.from({ length: 250 }, (_, i) => nowMinute - ((i * 7919) % 250)); // shuffled, all due
  await sandbox.runAs(APP, () =>
    kvsEscalationDueIndex.putMany([
      ...minutes.map((m, i) => ({ issueId: String(50_000 + i), projectKey: 'DEMO', nextCheckMinute: m })),
      { issueId: '99999', projectKey: 'DEMO', nextCheckMinute: nowMinute + 1 },
    ]),
  );
  sandbox.kvsLog.reset();
  const seen: DueIndexEntry[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await sandbox.runAs(APP, () =>
      kvsEscalationDueIndex.due({ atMinute: nowMinute, limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    seen.push(...page.entries);
    sizes.push(page.entries.length);
    cursor = page.cursor;
  } while (cursor);
  expect(sizes).toEqual([100, 100, 50]);
  expect(sandbox.kvsLog.counts()['/api/v1/entity/query']).toBe(3);
  expect(seen.map((e) => e.nextCheckMinute)).toEqual([...minutes].sort((a, b) => a - b));
  expect(seen.some((e) => e.issueId === '99999')).toBe(false);
  await expect(
    sandbox.runAs(APP, () => kvs.entity('escalation-due').query().index('by-next-check').limit(101).getMany()),
  ).rejects.toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });
});
