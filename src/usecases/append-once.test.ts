import type { EscalationEvent, NewEscalationEvent } from '../domain/escalation/escalation-event';
import { appendAll, loadLog } from './append-once';
import { ConcurrentAppendError } from './ports/port-errors';
import { inMemoryEventStore } from './testing/in-memory-deps';
import { inMemoryClaims } from './testing/in-memory-notifications';

const AT = '2026-03-02T08:00:00.000Z';
const started: EscalationEvent = {
  seq: 1,
  type: 'escalation-started',
  at: AT,
  actor: { accountId: 'sam', party: 'contractor' },
  trigger: 'sla-breach',
  problem: 'Outage',
  impact: 'Checkout down',
  template: { id: 'escalation-process', version: 1 },
};
const update = (text: string, ref?: string): NewEscalationEvent => ({
  type: 'status-update-posted',
  at: AT,
  actor: { accountId: 'sam', party: 'contractor' },
  text,
  ...(ref ? { origin: { source: 'sweep' as const, ref } } : {}),
});
const claim = { attempt: 1, holder: 'run', leaseUntil: 0, notified: true, reached: [], done: true };

function world() {
  const logs = new Map<string, EscalationEvent[]>([['1', [started]]]);
  const claims = inMemoryClaims();
  return { logs, claims, deps: { events: inMemoryEventStore(logs, { claims }) } };
}

describe('appendAll: one step, one append', () => {
  it('appends the drafts in order, leaves out refs the log holds, and writes what goes alongside with them', async () => {
    const w = world();
    const loaded = await loadLog(w.deps, '1');
    const result = await appendAll(w.deps, '1', loaded, () => ({
      drafts: [update('a', 'r1'), update('b', 'r1'), update('c')],
      alongside: (after) => ({ claims: [{ ref: `notified:after-${after.log.length}`, claim }] }),
    }));
    expect(result.appended.map((e) => [e.seq, e.type === 'status-update-posted' && e.text])).toEqual([
      [2, 'a'],
      [3, 'c'],
    ]);
    expect(w.deps.events.appends).toBe(1);
    expect(w.logs.get('1')!.map((e) => e.seq)).toEqual([1, 2, 3]);
    // Alongside is made from the log after the append.
    expect(await w.claims.latest('1', 'notified:after-3')).toMatchObject({ done: true });
  });

  it('on a concurrent append reloads and asks again on the new log; nothing of the stale attempt is written', async () => {
    const w = world();
    const stale = await loadLog(w.deps, '1');
    await w.deps.events.append('1', [{ ...update('someone else'), seq: 2 }]);
    const seen: number[] = [];
    const result = await appendAll(w.deps, '1', stale, (current) => {
      seen.push(current.log.length);
      return { drafts: [update('mine', 'r1')], alongside: () => ({ claims: [{ ref: `on-${current.log.length}`, claim }] }) };
    });
    expect(seen).toEqual([1, 2]);
    expect(result.appended.map((e) => e.seq)).toEqual([3]);
    expect(w.logs.get('1')!.map((e) => (e.type === 'status-update-posted' ? e.text : e.type))).toEqual([
      'escalation-started',
      'someone else',
      'mine',
    ]);
    expect(await w.claims.latest('1', 'on-1')).toBeUndefined();
    expect(await w.claims.latest('1', 'on-2')).toBeDefined();
  });

  it('gives up after repeated races with the conflict', async () => {
    const w = world();
    w.deps.events.append = (issueId, events) => Promise.reject(new ConcurrentAppendError(issueId, events[0]!.seq));
    const loaded = await loadLog(w.deps, '1');
    await expect(appendAll(w.deps, '1', loaded, () => ({ drafts: [update('x')] }))).rejects.toBeInstanceOf(ConcurrentAppendError);
  });

  it('writes nothing when there is nothing to record', async () => {
    const w = world();
    const loaded = await loadLog(w.deps, '1');
    const result = await appendAll(w.deps, '1', loaded, () => ({ drafts: [update('again', 'r1')] }));
    expect(result.appended).toHaveLength(1);
    const again = await appendAll(w.deps, '1', result.loaded, () => ({ drafts: [update('again', 'r1')] }));
    expect(again.appended).toEqual([]);
    expect(w.deps.events.appends).toBe(1);
  });
});
