/**
 * Escalations recorded before records fulfilled obligations and before proposals existed keep working: their
 * logs, recorded by the app at commit 88bb90c (the demo escalations plus one where a party acted alone, made
 * with that version's own resolvers; see test/fixtures/README.md), replay under the new rules.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ESCALATION_POLICY } from '../../src/domain/configuration/escalation-policy';
import { escalationDeadlines } from '../../src/domain/escalation/escalation-deadlines';
import { escalationLogSchema, type EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { fulfilmentOfId } from '../../src/domain/escalation/obligation-fulfilment';
import { replayEscalation } from '../../src/domain/escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE as template } from '../../src/domain/process/default-template';
import { buildEscalationView } from '../../src/usecases/presenters/escalation-panel-presenter';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'escalation-logs-88bb90c.json'), 'utf8')) as Record<
  string,
  unknown
>;
const logs = Object.fromEntries(Object.entries(fixture).map(([key, log]) => [key, escalationLogSchema.parse(log)])) as Record<
  string,
  EscalationEvent[]
>;
const stateOf = (key: string) => replayEscalation(logs[key]!)!;

describe('logs recorded by the previous version', () => {
  it('parse and replay, and the panel view builds for each', () => {
    expect(Object.keys(logs).sort()).toEqual(['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-5']);
    for (const [key, log] of Object.entries(logs)) {
      const state = replayEscalation(log)!;
      const now = new Date(log.at(-1)!.at);
      const view = buildEscalationView({
        state,
        log,
        template,
        policy: DEFAULT_ESCALATION_POLICY,
        now,
        viewer: { accountId: 'k', party: 'client' },
      });
      expect({ key, events: view.timeline.length }).toEqual({ key, events: log.length });
      expect(() => escalationDeadlines({ state, template, policy: DEFAULT_ESCALATION_POLICY, now })).not.toThrow();
    }
  });

  it('keeps what happened: levels, a resolution made alone and the old unilateral de-escalation stay in the history', () => {
    const demo3 = stateOf('DEMO-3');
    expect(demo3.status).toBe('resolved');
    expect(demo3.levelHistory.map((s) => s.level)).toEqual([1, 2, 1]);
    expect(logs['DEMO-3']!.filter((e) => e.type === 'level-changed').map((e) => (e as { reason: string }).reason)).toEqual([
      'manual',
      'manual',
    ]);
    expect(stateOf('DEMO-1').level).toBe(2);
    expect(stateOf('DEMO-5').status).toBe('resolved');
  });

  it('reads an old tick as evidence only where a tick may prove the duty: an approval is the approval itself', () => {
    const demo3 = stateOf('DEMO-3');
    // The client ticked "approved the final report" (DOC-K-07) without any report: not an approval.
    expect(demo3.fulfilments['DOC-K-07']).toBeDefined();
    expect(fulfilmentOfId(template, demo3, 'DOC-K-07')).toBeUndefined();
    // A tick of the preliminary plan with no plan recorded is no plan either; ticks of duties done outside count.
    expect(fulfilmentOfId(template, demo3, 'L1-C-04')).toBeUndefined();
    expect(fulfilmentOfId(template, demo3, 'L1-K-01')).toMatchObject({ via: 'manual', note: 'old tick L1-K-01' });
    // Duties the app performs itself are done, whatever was ticked.
    expect(fulfilmentOfId(template, demo3, 'L1-C-07')).toMatchObject({ via: 'automatic' });
    // DEMO-1 recorded a real plan and its approval: those records now prove the duties.
    expect(fulfilmentOfId(template, stateOf('DEMO-1'), 'L1-K-04')).toMatchObject({ via: 'record', evidence: 'preliminary-plan-decided' });
  });

  it('reads an escalation started before "critical" was asked as critical only when started for a missed SLA', () => {
    expect(logs['DEMO-1']![0]).not.toHaveProperty('critical');
    expect(stateOf('DEMO-1').critical).toBe(true); // sla-breach
    expect(stateOf('DEMO-2').critical).toBe(false); // contract interpretation
  });
  it('replays report versions recorded before the contractor could write texts: no texts, nothing edited', () => {
    const log = logs['DEMO-3']!;
    const at = log.at(-1)!.at;
    // The shape report-submitted had before texts existed (a resolved escalation, two versions, the first sent back).
    const old = escalationLogSchema.parse([
      ...log,
      {
        seq: log.length + 1,
        at,
        actor: { accountId: 'c', party: 'contractor' },
        type: 'report-submitted',
        reportVersion: 1,
        contentHash: 'a'.repeat(64),
        locale: 'de',
      },
      {
        seq: log.length + 2,
        at,
        actor: { accountId: 'k', party: 'client' },
        type: 'report-changes-requested',
        reportVersion: 1,
        comment: 'Bitte ergänzen.',
      },
      {
        seq: log.length + 3,
        at,
        actor: { accountId: 'c', party: 'contractor' },
        type: 'report-submitted',
        reportVersion: 2,
        contentHash: 'b'.repeat(64),
        locale: 'de',
      },
    ]);
    const reports = replayEscalation(old)!.reports;
    expect(reports.map((r) => ({ version: r.version, status: r.status, texts: r.texts, edited: r.edited }))).toEqual([
      { version: 1, status: 'changes-requested', texts: {}, edited: [] },
      { version: 2, status: 'submitted', texts: {}, edited: [] },
    ]);
  });
});
