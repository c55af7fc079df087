import type { EscalationEvent } from '../escalation/escalation-event';
import { replayEscalation } from '../escalation/replay-escalation';
import { processTemplateSchema, type ProcessTemplate } from '../process/process-template';
import { TEST_TEMPLATE } from '../testing/test-template';
import { summarizeEscalation, type EscalationSummary } from './escalation-summary';

/** The test template plus the two-hour notification deadline on L1-C-01, as in the annex. */
export const ANALYTICS_TEMPLATE: ProcessTemplate = processTemplateSchema.parse({
  ...TEST_TEMPLATE,
  timeFrames: [
    ...TEST_TEMPLATE.timeFrames,
    {
      key: 'criticalNotification',
      label: { de: 'Benachrichtigung', en: 'Notification' },
      default: { amount: 2, unit: 'hours' },
      calendar: 'continuous',
    },
  ],
  obligations: TEST_TEMPLATE.obligations.map((o) =>
    o.id === 'L1-C-01'
      ? {
          ...o,
          deadline: { timeFrame: 'criticalNotification', from: 'problemDetected', quote: 'innerhalb von zwei Stunden', recurring: false },
        }
      : o,
  ),
});

type Step = { type: string; at: string; by?: 'contractor' | 'client' | 'system'; [k: string]: unknown };

/** A log from short steps: sequence numbers, actors and the template reference are filled in. */
export function logOf(steps: Step[]): EscalationEvent[] {
  return steps.map(({ by = 'contractor', ...rest }, i) => ({
    seq: i + 1,
    actor: { accountId: by === 'system' ? 'app' : `${by}-1`, party: by },
    ...(rest.type === 'escalation-started' ? { template: { id: ANALYTICS_TEMPLATE.id, version: 1 }, problem: 'p', impact: 'i' } : {}),
    ...rest,
  })) as unknown as EscalationEvent[];
}

export function summaryOf(issue: { id: string; key: string; projectKey: string }, steps: Step[]): EscalationSummary {
  const log = logOf(steps);
  return summarizeEscalation({ state: replayEscalation(log)!, log, template: ANALYTICS_TEMPLATE, issue });
}

/**
 * The hand-counted demo set of revision-analytics.test.ts: three escalations in 2026, one in 2025.
 * E1 P1-1 sla-breach: notified after 1 h, level 1 24 h, level 2 24 h, resolved; plan approved; measure M1 open; cause "Disk full."
 * E2 P1-2 contract-interpretation: detected 1 h before start, never notified; notification and level 1 missed; open at level 1; plan submitted; cause "disk full"
 * E3 P2-1 sla-breach: notified after 3 h (missed), levels 1, 2, 3 of 24 h each, resolved; measure M1 done; cause "Wrong configuration"
 * E0 P1-0: started 2025-12-01, outside the period.
 */
export function demoSummaries(): EscalationSummary[] {
  const e1 = summaryOf({ id: '1', key: 'P1-1', projectKey: 'P1' }, [
    { type: 'escalation-started', at: '2026-03-02T09:00:00.000Z', trigger: 'sla-breach' },
    { type: 'client-notified', at: '2026-03-02T10:00:00.000Z', channel: 'phone', note: 'n' },
    { type: 'obligation-fulfilled', at: '2026-03-02T10:00:00.000Z', obligationId: 'L1-C-01', note: 'n' },
    { type: 'action-plan-drafted', at: '2026-03-02T11:00:00.000Z', planVersion: 1, stage: 'preliminary', text: 'plan' },
    { type: 'action-plan-approved', at: '2026-03-02T12:00:00.000Z', planVersion: 1, by: 'client' },
    { type: 'level-changed', at: '2026-03-03T09:00:00.000Z', from: 1, to: 2, reason: 'manual' },
    { type: 'root-cause-recorded', at: '2026-03-03T10:00:00.000Z', text: 'Disk full.' },
    { type: 'preventive-measure-recorded', at: '2026-03-03T11:00:00.000Z', measureId: 'M1', text: 'Monitor disks', owner: 'contractor' },
    { type: 'escalation-resolved', at: '2026-03-04T09:00:00.000Z', resolution: 'r' },
  ]);
  const e2 = summaryOf({ id: '2', key: 'P1-2', projectKey: 'P1' }, [
    {
      type: 'escalation-started',
      at: '2026-03-10T09:00:00.000Z',
      detectedAt: '2026-03-10T08:00:00.000Z',
      trigger: 'contract-interpretation',
      by: 'client',
    },
    {
      type: 'deadline-notice',
      at: '2026-03-10T10:00:00.000Z',
      by: 'system',
      notice: 'missed',
      deadlineKey: 'L1-C-01@2026-03-10T08:00:00.000Z',
      timeFrame: 'criticalNotification',
      dueAt: '2026-03-10T10:00:00.000Z',
      obligationId: 'L1-C-01',
      party: 'contractor',
    },
    { type: 'action-plan-drafted', at: '2026-03-10T11:00:00.000Z', planVersion: 1, stage: 'preliminary', text: 'plan' },
    { type: 'action-plan-submitted', at: '2026-03-10T11:30:00.000Z', planVersion: 1 },
    { type: 'root-cause-recorded', at: '2026-03-10T12:00:00.000Z', text: '  disk   FULL ' },
    {
      type: 'deadline-notice',
      at: '2026-03-13T09:00:00.000Z',
      notice: 'missed',
      deadlineKey: 'level-1@2026-03-10T09:00:00.000Z',
      timeFrame: 'levelTimeFrame',
      dueAt: '2026-03-13T09:00:00.000Z',
      party: 'both',
      by: 'system',
    },
  ]);
  const e3 = summaryOf({ id: '3', key: 'P2-1', projectKey: 'P2' }, [
    { type: 'escalation-started', at: '2026-04-01T09:00:00.000Z', trigger: 'sla-breach' },
    {
      type: 'deadline-notice',
      at: '2026-04-01T11:00:00.000Z',
      by: 'system',
      notice: 'missed',
      deadlineKey: 'L1-C-01@2026-04-01T09:00:00.000Z',
      timeFrame: 'criticalNotification',
      dueAt: '2026-04-01T11:00:00.000Z',
      obligationId: 'L1-C-01',
      party: 'contractor',
    },
    { type: 'client-notified', at: '2026-04-01T12:00:00.000Z', channel: 'email', note: 'n' },
    { type: 'obligation-fulfilled', at: '2026-04-01T12:00:00.000Z', obligationId: 'L1-C-01', note: 'n' },
    { type: 'level-changed', at: '2026-04-02T09:00:00.000Z', from: 1, to: 2, reason: 'manual' },
    { type: 'level-changed', at: '2026-04-03T09:00:00.000Z', from: 2, to: 3, reason: 'time-frame-expired' },
    { type: 'root-cause-recorded', at: '2026-04-03T10:00:00.000Z', text: 'Wrong configuration' },
    { type: 'preventive-measure-recorded', at: '2026-04-03T11:00:00.000Z', measureId: 'M1', text: 'Review changes', owner: 'both' },
    { type: 'preventive-measure-done', at: '2026-04-03T12:00:00.000Z', measureId: 'M1', note: 'done' },
    { type: 'escalation-resolved', at: '2026-04-04T09:00:00.000Z', resolution: 'r' },
  ]);
  const e0 = summaryOf({ id: '0', key: 'P1-0', projectKey: 'P1' }, [
    { type: 'escalation-started', at: '2025-12-01T09:00:00.000Z', trigger: 'other' },
  ]);
  return [e1, e2, e3, e0];
}

/**
 * A varied, made-up summary for benchmarks and fold tests (no log behind it): levels reached 1–4, open and
 * ended escalations, a level visited twice, running and ended waits, missed and met deadlines, root causes,
 * plans and measures. `i` decides everything, so the same `i` gives the same summary.
 */
export function syntheticSummary(i: number, issueId = String(10_000 + i), projectCount = 8): EscalationSummary {
  const H = 3_600_000;
  const start = Date.parse('2026-01-01T08:00:00Z') + (i % 330) * 86_400_000 + (i % 7) * H;
  const iso = (ms: number) => new Date(ms).toISOString();
  const maxLevel = ((i % 10 === 0 ? 3 : i % 4 === 0 ? 2 : 1) + (i % 97 === 0 ? 1 : 0)) as 1 | 2 | 3 | 4;
  const ended = i % 5 !== 0;
  const stays: { level: 1 | 2 | 3 | 4; enteredAt: string; leftAt?: string }[] = Array.from({ length: maxLevel }, (_, l) => ({
    level: (l + 1) as 1 | 2 | 3 | 4,
    enteredAt: iso(start + l * 24 * H),
    ...(l + 1 < maxLevel || ended ? { leftAt: iso(start + (l + 1) * 24 * H) } : {}),
  }));
  // Every eleventh escalation went back down to level 1 for a while (a level visited twice).
  if (i % 11 === 0 && maxLevel > 1) {
    const last = stays[stays.length - 1]!;
    const back = start + maxLevel * 24 * H;
    stays[stays.length - 1] = { ...last, leftAt: iso(back) };
    stays.push({ level: 1, enteredAt: iso(back), ...(ended ? { leftAt: iso(back + 5 * H) } : {}) });
  }
  const endMs = Date.parse(stays[stays.length - 1]!.leftAt ?? stays[stays.length - 1]!.enteredAt);
  const waits =
    i % 3 === 0
      ? [
          { waitingFor: 'contractor' as const, from: iso(start + 2 * H), to: iso(start + 5 * H) },
          { waitingFor: 'client' as const, from: iso(start + 20 * H), ...(ended || i % 2 ? { to: iso(endMs) } : {}) },
        ]
      : i % 3 === 1
        ? [{ waitingFor: 'client' as const, from: iso(start + 30 * H), ...(ended ? { to: iso(endMs) } : {}) }]
        : undefined;
  return {
    v: 1,
    issueId,
    issueKey: `P${i % projectCount}-${i}`,
    projectKey: `P${i % projectCount}`,
    template: { id: 'eskalationsprozess-default', version: 1 + (i % 2) },
    trigger: (['sla-breach', 'contract-interpretation', 'other'] as const)[i % 3]!,
    status: ended ? (i % 2 ? 'closed' : 'resolved') : 'open',
    startedAt: iso(start),
    detectedAt: iso(start - (i % 3) * H),
    ...(i % 6 ? { clientNotifiedAt: iso(start + (i % 4) * H) } : {}),
    ...(ended ? { endedAt: iso(endMs) } : {}),
    maxLevel,
    levels: stays,
    missed: i % 3 ? [] : [{ party: 'contractor', timeFrame: 'criticalNotification', obligationId: 'L1-C-02', dueAt: iso(start + 2 * H) }],
    met: [
      { party: 'contractor', timeFrame: 'immediate', obligationId: 'L1-C-01' },
      { party: 'client', timeFrame: 'clientResponse', obligationId: 'L1-K-04' },
      { party: 'both', timeFrame: 'levelTimeFrame' },
    ],
    leftOpen: ended
      ? Array.from({ length: 12 }, (_, k) => ({
          id: `L1-${k % 2 ? 'K' : 'C'}-${String((k % 10) + 1).padStart(2, '0')}`,
          party: k % 2 ? ('client' as const) : ('contractor' as const),
          mandatory: k < 4,
        }))
      : [],
    rootCauses: [`Root cause ${i % 40}`],
    ...(i % 4 ? { actionPlan: { version: 1, status: i % 8 === 1 ? ('submitted' as const) : ('approved' as const) } } : {}),
    openMeasures: i % 9 ? [] : [{ measureId: 'M1', text: `Measure for ${i}`, owner: 'both' as const }],
    measures: 1,
    ...(waits ? { waits } : {}),
    lastSeq: 30,
  };
}
