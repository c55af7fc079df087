import { DEFAULT_PROJECT_CONFIGURATION } from '../domain/configuration/project-configuration';
import type { EscalationEvent } from '../domain/escalation/escalation-event';
import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import { currentMinute } from '../domain/sweep/due-index';
import { fingerprint } from '../domain/sweep/escalation-index';
import { SWEEP_ACTOR } from '../domain/sweep/sweep-effect';
import type { ProjectionWrite, ProjectionWriteResult, SweepDeps, SweepIssue } from './escalation-sweep-deps';
import { silentLogger } from './ports/logger';
import { processIssues } from './sweep-due-escalations-use-case';
import { inMemoryDueIndex } from './testing/in-memory-due-index';

const NOW = new Date('2026-03-02T10:00:00Z');
const FOUND_AT = currentMinute(NOW) - 1;

function started(at: Date): EscalationEvent {
  return {
    seq: 1,
    type: 'escalation-started',
    at: at.toISOString(),
    actor: SWEEP_ACTOR,
    trigger: 'sla-breach',
    problem: 'Outage',
    impact: 'Service down',
    template: { id: DEFAULT_PROCESS_TEMPLATE.id, version: DEFAULT_PROCESS_TEMPLATE.version },
  };
}

const issueOf = (id: string, indexed?: SweepIssue['indexed']): SweepIssue => ({
  id,
  key: `DEMO-${id}`,
  projectKey: 'DEMO',
  summary: `Issue ${id}`,
  due: { nextCheckMinute: FOUND_AT },
  ...(indexed ? { indexed } : {}),
});

/**
 * Escalations just started (nothing due but their projections), found by the sweep at FOUND_AT. `write`
 * answers the bulk projection write.
 */
function world(ids: string[], write: (writes: readonly ProjectionWrite[]) => Promise<ProjectionWriteResult>) {
  const dueIndex = inMemoryDueIndex();
  for (const id of ids) dueIndex.entries.set(id, { issueId: id, projectKey: 'DEMO', nextCheckMinute: FOUND_AT });
  const logs = new Map(ids.map((id) => [id, [started(new Date(NOW.getTime() - 60_000))]]));
  const bulk: (readonly ProjectionWrite[])[] = [];
  const single: string[] = [];
  const deps = {
    jira: {
      saveProjections: (writes: readonly ProjectionWrite[]) => {
        bulk.push(writes);
        return write(writes);
      },
      saveProjection: (issue: SweepIssue) => {
        single.push(issue.id);
        return Promise.resolve();
      },
    },
    dueIndex,
    events: {
      load: (id: string) => Promise.resolve(structuredClone(logs.get(id) ?? [])),
      append: () => Promise.reject(new Error('nothing is due: nothing may be appended')),
    },
    configurations: { get: () => Promise.resolve(DEFAULT_PROJECT_CONFIGURATION) },
    templates: { get: () => Promise.resolve(DEFAULT_PROCESS_TEMPLATE) },
    claims: { latest: () => Promise.resolve(undefined) },
    now: () => NOW,
    remainingMs: () => 60_000,
    invocationId: 'test',
    logger: silentLogger,
  } as unknown as SweepDeps;
  return { deps, dueIndex, bulk, single };
}

const allWritten = (writes: readonly ProjectionWrite[]) => Promise.resolve({ written: writes.map((w) => w.issue.id), failed: [] });

describe('processIssues: the batch writes its projections together', () => {
  it('collects the batch into one bulk write and moves on in the due index only the issues Jira confirmed', async () => {
    const w = world(['10001', '10002', '10003'], () =>
      Promise.resolve({ written: ['10001', '10003'], failed: [{ issueIds: ['10002'], reason: 'property task 7 FAILED' }] }),
    );
    const result = await processIssues(
      w.deps,
      ['10001', '10002', '10003'].map((id) => issueOf(id)),
      20_000,
    );

    expect(w.bulk).toHaveLength(1);
    expect(w.bulk[0]!.map((x) => x.issue.id)).toEqual(['10001', '10002', '10003']);
    expect(w.single).toEqual([]);
    expect(result.failed).toBe(1);
    // The failed issue keeps the check time it was found by, so the next sweep finds it again.
    expect(w.dueIndex.entries.get('10002')!.nextCheckMinute).toBe(FOUND_AT);
    for (const id of ['10001', '10003']) expect(w.dueIndex.entries.get(id)!.nextCheckMinute).toBeGreaterThan(currentMinute(NOW));
    expect(result.outcomes.map((o) => o.issueKey)).toEqual(['DEMO-10001', 'DEMO-10003']);
  });

  it('a bulk write that fails outright leaves every issue of the batch due as it was', async () => {
    const w = world(['10001', '10002'], () => Promise.reject(new Error('POST issue properties multi failed with 503')));
    const result = await processIssues(w.deps, [issueOf('10001'), issueOf('10002')], 20_000);
    expect(result.failed).toBe(2);
    expect([...w.dueIndex.entries.values()].map((e) => e.nextCheckMinute)).toEqual([FOUND_AT, FOUND_AT]);
  });

  it('puts back a hand-edited property, and writes nothing for an issue that shows what the log derives', async () => {
    const first = world(['10001'], allWritten);
    await processIssues(first.deps, [issueOf('10001')], 20_000);
    const derived = first.bulk[0]![0]!;
    expect(derived.document).toMatchObject({ level: 1, status: 'open' });
    expect(derived.field).toMatchObject({ level: 1, status: 'open' });
    const shown = {
      level: 1,
      status: 'open',
      fingerprint: fingerprint(derived.document),
      field: fingerprint(derived.field),
    };

    // A user set the property to level 4 and closed: the log says level 1, open.
    const edited = world(['10002', '10003'], allWritten);
    const tampered = { ...derived.document, level: 4, status: 'closed' };
    await processIssues(
      edited.deps,
      [issueOf('10002', { level: 4, status: 'closed', fingerprint: fingerprint(tampered), field: shown.field }), issueOf('10003', shown)],
      20_000,
    );
    expect(edited.bulk).toHaveLength(1);
    expect(edited.bulk[0]!.map((x) => x.issue.id)).toEqual(['10002']);
    expect(edited.bulk[0]![0]!.document).toEqual(derived.document);
    // The issue that already showed the derived projection still moves on in the index.
    expect(edited.dueIndex.entries.get('10003')!.nextCheckMinute).toBeGreaterThan(currentMinute(NOW));
  });
});
