import { DEFAULT_ESCALATION_POLICY } from '../../configuration/escalation-policy';
import type { Actor, NewEscalationEvent } from '../../escalation/escalation-event';
import { replayEscalation } from '../../escalation/replay-escalation';
import type { Locale } from '../../process/process-template';
import { TEST_TEMPLATE } from '../../testing/test-template';
import type { ReportInput } from '../report-input';
import { REPORT_WORD_KEYS, type ReportWords } from '../report-labels';

/**
 * Stand-ins for the report's words: each is its key and language (`de:title`), with the placeholders of the
 * sentences that carry values. The real words are the catalog's (src/shared/report-words.test.ts).
 */
export const fixtureWords = (locale: Locale): ReportWords =>
  Object.fromEntries(REPORT_WORD_KEYS.map((key) => [key, `${locale}:${key}${PLACEHOLDERS[key] ?? ''}`])) as ReportWords;
const PLACEHOLDERS: Partial<Record<string, string>> = {
  moreComments: ' {count}',
  jiraActivity: ' {changes} {comments}',
  statusChange: ' {from} {to}',
  onBehalf: ' {who} {reason}',
  changeRequest: ' {version}',
};

/** Texts a fixture fills in; tests pass hostile strings for them. */
export interface FixtureTexts {
  summary: string;
  problem: string;
  impact: string;
  note: string;
  comment: string;
  plan: string;
  name: string;
  reason: string;
  lessons: string;
  /** A principle of the template (an administrator may edit the template's texts). */
  principle: string;
}

export const PLAIN_TEXTS: FixtureTexts = {
  summary: 'Storage cluster unreachable',
  problem: 'The storage cluster in Frankfurt is unreachable.',
  impact: 'All tenants lose access to their backups.',
  note: 'Done as agreed.',
  comment: 'Please add the timeline of the outage.',
  plan: '1. Fail over\n2. Replace the controller',
  name: 'Dr. Schlichter',
  reason: 'Carla is on leave',
  lessons: 'Monitor the controller firmware.',
  principle: 'Escalations are the last resort.',
};

const contractor: Actor = { accountId: 'sam', party: 'contractor' };
const client: Actor = { accountId: 'klaus', party: 'client' };
const H = (n: number) => new Date(Date.UTC(2026, 2, 2, 8) + n * 3_600_000).toISOString();

/**
 * An escalation that went to level 3 and through every kind of record: level 1 → 2 → 3, action plan with
 * changes requested, root cause, measures, arbitration, a missed deadline, resolution, debrief and a
 * report version with changes requested; plus Jira changelog and comments.
 */
export function reportFixture(t: FixtureTexts = PLAIN_TEXTS, locale: Locale = 'en'): ReportInput {
  const admin: Actor = { accountId: 'ada', party: 'contractor', onBehalf: { reason: t.reason } };
  const events: NewEscalationEvent[] = [
    {
      type: 'escalation-started',
      at: H(0),
      actor: contractor,
      trigger: 'sla-breach',
      problem: t.problem,
      impact: t.impact,
      template: { id: TEST_TEMPLATE.id, version: 1 },
      detectedAt: H(-1),
    },
    { type: 'client-notified', at: H(0.5), actor: contractor, channel: 'phone', note: t.note },
    { type: 'obligation-fulfilled', at: H(1), actor: contractor, obligationId: 'L1-C-01', note: t.note },
    { type: 'obligation-fulfilled', at: H(2), actor: client, obligationId: 'L1-K-01', note: t.note },
    { type: 'action-plan-drafted', at: H(3), actor: contractor, planVersion: 1, stage: 'preliminary', text: t.plan },
    { type: 'action-plan-submitted', at: H(3), actor: contractor, planVersion: 1 },
    { type: 'action-plan-changes-requested', at: H(4), actor: client, planVersion: 1, comment: t.comment },
    { type: 'level-changed', at: H(30), actor: contractor, from: 1, to: 2, reason: 'manual', note: t.note },
    { type: 'status-update-posted', at: H(31), actor: admin, text: t.note },
    { type: 'level-changed', at: H(80), actor: { accountId: 'app', party: 'system' }, from: 2, to: 3, reason: 'time-frame-expired' },
    {
      type: 'deadline-notice',
      at: H(81),
      actor: { accountId: 'app', party: 'system' },
      notice: 'missed',
      deadlineKey: 'L3-K-01@x',
      timeFrame: 'levelTimeFrame',
      party: 'client',
      dueAt: H(81),
      obligationId: 'L3-K-01',
    },
    { type: 'root-cause-recorded', at: H(82), actor: contractor, text: t.problem },
    { type: 'preventive-measure-recorded', at: H(83), actor: contractor, measureId: 'M1', text: t.plan, owner: 'both' },
    { type: 'preventive-measure-done', at: H(84), actor: client, measureId: 'M1', note: t.note },
    { type: 'arbitration-consent-given', at: H(85), actor: contractor, note: t.note },
    { type: 'arbitrator-proposed', at: H(86), actor: contractor, proposalId: 'A1', name: t.name, organisation: t.name, note: t.note },
    { type: 'arbitrator-decided', at: H(87), actor: client, proposalId: 'A1', decision: 'approved', note: t.comment },
    { type: 'arbitration-session-held', at: H(88), actor: contractor, heldOn: '2026-03-06', summary: t.note },
    { type: 'arbitration-outcome-recorded', at: H(89), actor: client, outcome: t.comment },
    { type: 'obligation-fulfilled', at: H(90), actor: contractor, obligationId: 'L3-C-01', note: t.note },
    { type: 'obligation-fulfilled', at: H(91), actor: client, obligationId: 'L3-K-01', note: t.note },
    { type: 'obligation-fulfilled', at: H(91), actor: contractor, obligationId: 'L3-C-02', note: t.note },
    { type: 'escalation-resolved', at: H(92), actor: contractor, resolution: t.note },
    { type: 'debrief-held', at: H(93), actor: client, lessonsLearned: t.lessons, improvements: t.comment },
    { type: 'report-submitted', at: H(94), actor: contractor, reportVersion: 1, contentHash: 'a'.repeat(64), locale },
    { type: 'report-changes-requested', at: H(95), actor: client, reportVersion: 1, comment: t.comment },
  ];
  const log = events.map((e, i) => ({ ...e, seq: i + 1 }));
  return {
    issue: { key: 'DEMO-1', summary: t.summary },
    log,
    state: replayEscalation(log)!,
    template: {
      ...TEST_TEMPLATE,
      // Two the introduction quotes (in its order, not the template's) and one it leaves out.
      principles: [
        { id: 'intro-01', chapter: 'introduction', text: { de: 'Nicht zitiert.', en: 'Not quoted.' } },
        { id: 'definition-05', chapter: 'definition', text: { de: 'Sachlich bleiben.', en: 'Stay objective.' } },
        { id: 'intro-07', chapter: 'introduction', text: { de: t.principle, en: t.principle } },
      ],
    },
    policy: DEFAULT_ESCALATION_POLICY,
    changelog: [
      { id: '1', at: H(0.1), authorId: 'sam', items: [{ field: 'status', from: 'Open', to: t.name }] },
      { id: '2', at: H(50), authorId: 'klaus', items: [{ field: 'summary', from: t.summary, to: t.summary }] },
    ],
    comments: [
      { id: '10', at: H(1.5), authorId: 'klaus', text: t.comment },
      { id: '11', at: H(85.5), authorId: 'sam', text: t.note },
    ],
    people: { sam: 'Sam Service', klaus: t.name, ada: 'Ada Admin' },
    locale,
    words: fixtureWords(locale),
    generatedAt: new Date(H(96)),
    // The contractor's free texts of the next version (version 1 was sent back).
    texts: { summary: t.summary, lessons: t.lessons, response: t.note },
  };
}
