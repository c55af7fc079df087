import { describeEvent } from './report-event-text';
import { endOf } from './report-figures';
import type { ReportContext } from './report-context';
import type { IssueComment } from './report-input';
import { outcomeLabel, sectionTitle } from './report-labels';
import type { ObligationRecord, ReportBlock, ReportFigures, ReportSection, ReportSectionId } from './report-model';

const section = (c: ReportContext, id: ReportSectionId, blocks: ReportBlock[]): ReportSection => ({
  id,
  title: sectionTitle(id, c.input.words),
  blocks,
});
const none = (c: ReportContext): ReportBlock => ({ kind: 'note', text: c.labels.none });
const toMs = (iso: string) => Date.parse(iso);
/** Comments the discussion shows at most (the latest), and characters of each. */
export const MAX_DISCUSSION = 500;
export const EXCERPT = 1000;

export function problemSection(c: ReportContext): ReportSection {
  const { input, labels: L, format } = c;
  const { state, issue, template, log } = input;
  const trigger = template.triggers.find((t) => t.id === state.trigger)?.label[input.locale] ?? state.trigger;
  const resolution = [...log].reverse().find((e) => e.type === 'escalation-resolved');
  const blocks: ReportBlock[] = [
    {
      kind: 'facts',
      items: [
        { label: L.issue, value: issue.key },
        { label: L.summary, value: issue.summary },
        { label: L.process, value: `${template.title[input.locale]} (v${template.version})` },
        { label: L.trigger, value: trigger },
        { label: L.status, value: c.word(state.status) },
        { label: L.highestLevel, value: String(Math.max(...state.levelHistory.map((s) => s.level))) },
        { label: L.detected, value: format.at(state.detectedAt) },
        { label: L.started, value: format.at(state.startedAt) },
        ...(state.resolvedAt ? [{ label: L.resolved, value: format.at(state.resolvedAt) }] : []),
        ...(state.closedAt ? [{ label: L.closed, value: format.at(state.closedAt) }] : []),
      ],
    },
    { kind: 'heading', text: L.problem },
    { kind: 'paragraph', text: state.problem },
    { kind: 'heading', text: L.impact },
    { kind: 'paragraph', text: state.impact },
  ];
  if (resolution?.type === 'escalation-resolved')
    blocks.push({ kind: 'heading', text: L.resolution }, { kind: 'paragraph', text: resolution.resolution });
  return section(c, 'problem', blocks);
}

/** The level each instant belongs to: the last stay entered at or before it (before the start: the first). */
export function stayIndexAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function timelineSection(c: ReportContext): ReportSection {
  const { input, labels: L, format } = c;
  const { state, template, log, changelog, comments } = input;
  const stays = state.levelHistory;
  const starts = stays.map((s) => toMs(s.enteredAt));
  const rows: { at: number; row: string[] }[][] = stays.map(() => []);
  const changes = stays.map(() => 0);
  const commentCounts = stays.map(() => 0);
  // Log events belong to the stay in force when they were recorded (a level change opens the new stay).
  let stay = 0;
  for (const event of log) {
    if (event.type === 'level-changed') stay = Math.min(stay + 1, stays.length - 1);
    rows[stay]!.push({
      at: toMs(event.at),
      row: [format.at(event.at), c.actor(event.actor), describeEvent(event, template, input.locale, input.words, format.at)],
    });
  }
  for (const entry of changelog) {
    const at = toMs(entry.at);
    const i = stayIndexAt(starts, at);
    changes[i]! += entry.items.length;
    for (const item of entry.items) {
      if (item.field === 'status')
        rows[i]!.push({ at, row: [format.at(entry.at), c.person(entry.authorId), L.statusChange(item.from ?? '—', item.to ?? '—')] });
    }
  }
  for (const comment of comments) commentCounts[stayIndexAt(starts, toMs(comment.at))]! += 1;
  const blocks: ReportBlock[] = [];
  stays.forEach((s, i) => {
    const name = template.levels.find((l) => l.level === s.level)?.name[input.locale] ?? '';
    blocks.push({
      kind: 'heading',
      text: `${L.level} ${s.level} – ${name}: ${format.at(s.enteredAt)} – ${s.leftAt ? format.at(s.leftAt) : '…'}`,
    });
    const sorted = rows[i]!.sort((a, b) => a.at - b.at).map((r) => r.row);
    blocks.push(sorted.length ? { kind: 'table', columns: [L.when, L.who, L.what], rows: sorted } : none(c));
    blocks.push({ kind: 'note', text: L.jiraActivity(changes[i]!, commentCounts[i]!) });
  });
  // Meetings proposed with their dates and how the other party answered ("Terminvorschläge", sessions).
  if (state.meetings.length > 0) {
    blocks.push(
      { kind: 'heading', text: L.meetings },
      {
        kind: 'table',
        columns: [L.what, L.level, L.candidates, L.who, L.decision],
        rows: state.meetings.map((m) => [
          `${m.meetingId}: ${m.subject}`,
          String(m.level),
          m.candidates.map((at) => format.at(at)).join('; '),
          c.byAt(m),
          !m.answer
            ? c.word('open')
            : m.answer.decision === 'confirmed'
              ? `${format.at(m.answer.startsAt)} – ${c.byAt(m.answer)}`
              : `${c.word('rejected')} – ${c.byAt(m.answer)}: ${m.answer.reason}`,
        ]),
      },
    );
  }
  return section(c, 'timeline', blocks);
}

export function obligationsSection(c: ReportContext, records: readonly ObligationRecord[]): ReportSection {
  const { input, labels: L, format } = c;
  const blocks: ReportBlock[] = [];
  const bySection = new Map<string, ObligationRecord[]>();
  for (const r of records) bySection.set(r.section, [...(bySection.get(r.section) ?? []), r]);
  for (const [sectionId, items] of bySection) {
    const title = input.template.sections.find((s) => s.id === sectionId)?.title[input.locale] ?? sectionId;
    blocks.push({ kind: 'heading', text: title });
    blocks.push({
      kind: 'table',
      columns: [L.party, L.obligation, L.outcome, L.due, L.fulfilledAt, L.who, L.note],
      rows: items.map((r) => [
        c.word(r.party),
        `${r.obligationId}: ${r.text}`,
        outcomeLabel(r.outcome, input.words),
        format.at(r.dueAt),
        format.at(r.fulfilledAt),
        r.fulfilledBy ? c.person(r.fulfilledBy) : '—',
        r.note ?? '',
      ]),
    });
  }
  return section(c, 'obligations', blocks.length ? blocks : [none(c)]);
}

export function actionPlansSection(c: ReportContext): ReportSection {
  const { input, labels: L } = c;
  const plans = input.state.actionPlans;
  if (plans.length === 0) return section(c, 'action-plans', [none(c)]);
  const blocks: ReportBlock[] = [
    {
      kind: 'table',
      columns: [L.version, L.stage, L.status, L.who, L.decision, L.comment],
      rows: plans.map((p) => [`v${p.version}`, c.word(p.stage), c.word(p.status), c.byAt(p), c.byAt(p.decision), p.decision?.note ?? '']),
    },
  ];
  for (const p of plans) blocks.push({ kind: 'heading', text: `v${p.version} (${c.word(p.stage)})` }, { kind: 'paragraph', text: p.text });
  return section(c, 'action-plans', blocks);
}

export function rootCauseSection(c: ReportContext): ReportSection {
  const { input, labels: L, format } = c;
  const { rootCauses, preventiveMeasures } = input.state;
  const blocks: ReportBlock[] = [];
  for (const r of rootCauses) blocks.push({ kind: 'paragraph', text: r.text }, { kind: 'note', text: c.byAt(r) });
  if (preventiveMeasures.length) {
    blocks.push({
      kind: 'table',
      columns: [L.measure, L.owner, L.what, L.who, L.done],
      rows: preventiveMeasures.map((m) => [
        m.measureId,
        c.word(m.owner),
        m.text,
        c.byAt(m),
        m.done ? `${format.at(m.done.at)}: ${m.done.note}` : c.word('open'),
      ]),
    });
  }
  return section(c, 'root-cause', blocks.length ? blocks : [none(c)]);
}

export function arbitrationSection(c: ReportContext): ReportSection {
  const { input, labels: L } = c;
  const { arbitrators, arbitrationSessions, arbitrationOutcome } = input.state;
  const consents = input.log.filter((e) => e.type === 'arbitration-consent-given');
  const blocks: ReportBlock[] = [];
  if (consents.length) {
    blocks.push(
      { kind: 'heading', text: L.consent },
      { kind: 'list', items: consents.map((e) => `${c.byAt(e)}${e.type === 'arbitration-consent-given' && e.note ? `: ${e.note}` : ''}`) },
    );
  }
  if (arbitrators.length) {
    blocks.push({ kind: 'heading', text: L.arbitrators });
    blocks.push({
      kind: 'table',
      columns: [L.name, L.organisation, L.note, L.who, L.decision],
      rows: arbitrators.map((a) => [
        a.name,
        a.organisation ?? '',
        a.note ?? '',
        c.byAt(a),
        a.decision
          ? `${c.word(a.decision.decision)} – ${c.byAt(a.decision)}${a.decision.note ? `: ${a.decision.note}` : ''}`
          : c.word('open'),
      ]),
    });
  }
  if (arbitrationSessions.length) {
    blocks.push({ kind: 'heading', text: L.sessions });
    blocks.push({
      kind: 'table',
      columns: [L.heldOn, L.what, L.who],
      rows: arbitrationSessions.map((s) => [s.heldOn, s.summary, c.byAt(s)]),
    });
  }
  if (arbitrationOutcome)
    blocks.push(
      { kind: 'heading', text: L.outcomeTitle },
      { kind: 'paragraph', text: arbitrationOutcome.outcome },
      { kind: 'note', text: c.byAt(arbitrationOutcome) },
    );
  return section(c, 'arbitration', blocks.length ? blocks : [none(c)]);
}

/** The contractor's summary, when one was written (free text, not derived). */
export function summarySection(c: ReportContext): ReportSection | null {
  const summary = c.input.texts?.summary;
  return summary ? section(c, 'summary', [{ kind: 'paragraph', text: summary }]) : null;
}

/**
 * The revision: the client's request for changes on the previous version (from the record) and the
 * contractor's answer (free text). Absent when the previous version was not sent back and no answer was written.
 */
export function revisionSection(c: ReportContext): ReportSection | null {
  const { input, labels: L } = c;
  const previous = input.state.reports[input.state.reports.length - 1];
  const request = previous?.status === 'changes-requested' ? previous : undefined;
  const response = input.texts?.response;
  if (!request && !response) return null;
  const blocks: ReportBlock[] = [];
  if (request?.decision)
    blocks.push(
      { kind: 'heading', text: L.changeRequest(request.version) },
      { kind: 'paragraph', text: request.decision.comment ?? '' },
      { kind: 'note', text: c.byAt(request.decision) },
    );
  blocks.push({ kind: 'heading', text: L.response }, response ? { kind: 'paragraph', text: response } : none(c));
  return section(c, 'revision', blocks);
}

export function lessonsSection(c: ReportContext): ReportSection {
  const { input, labels: L } = c;
  const blocks: ReportBlock[] = [];
  if (input.texts?.lessons) blocks.push({ kind: 'heading', text: L.contractorLessons }, { kind: 'paragraph', text: input.texts.lessons });
  for (const d of input.state.debriefs) {
    blocks.push({ kind: 'heading', text: c.byAt(d) }, { kind: 'paragraph', text: d.lessonsLearned });
    if (d.improvements) blocks.push({ kind: 'heading', text: L.improvements }, { kind: 'paragraph', text: d.improvements });
  }
  return section(c, 'lessons', blocks.length ? blocks : [none(c)]);
}

export function figuresSection(c: ReportContext, figures: ReportFigures): ReportSection {
  const { labels: L, format, input } = c;
  const notify = figures.timeToNotify;
  return section(c, 'figures', [
    {
      kind: 'facts',
      items: [
        {
          label: L.timeToNotify,
          value: notify ? `${format.duration(notify.calendarMs)} (${L.businessTime}: ${format.hours(notify.businessMs)})` : L.notNotified,
        },
        { label: L.highestLevel, value: String(figures.highestLevel) },
        { label: L.logEvents, value: String(figures.logEvents) },
        { label: L.jiraChanges, value: String(figures.jiraChanges) },
        { label: L.comments, value: String(figures.comments) },
      ],
    },
    {
      kind: 'table',
      columns: [L.level, L.calendarTime, L.businessTime, L.waitingForContractor, L.waitingForClient],
      rows: figures.levels.map((l) => [
        `${l.level} – ${l.name}`,
        format.duration(l.calendarMs),
        format.hours(l.businessMs),
        format.duration(l.waitingForContractorMs),
        format.duration(l.waitingForClientMs),
      ]),
    },
    {
      kind: 'table',
      columns: [L.party, L.deadlinesMet, L.deadlinesMissed],
      rows: figures.deadlines.map((d) => [c.word(d.party), String(d.met), String(d.missed)]),
    },
    {
      kind: 'note',
      text: `${L.generatedAt}: ${format.at(input.generatedAt.toISOString())} · ${format.at(endOf(input.state, input.generatedAt))}`,
    },
  ]);
}

export function approvalsSection(c: ReportContext): ReportSection {
  const { input, labels: L } = c;
  const reports = input.state.reports;
  if (reports.length === 0) return section(c, 'approvals', [none(c)]);
  return section(c, 'approvals', [
    {
      kind: 'table',
      columns: [L.version, L.who, L.status, L.decision, L.comment, L.hash],
      rows: reports.map((r) => [
        `v${r.version}`,
        c.byAt(r),
        c.word(r.status),
        c.byAt(r.decision),
        r.decision?.comment ?? '',
        r.contentHash,
      ]),
    },
  ]);
}

export function discussionSection(c: ReportContext): ReportSection {
  return discussionSectionOf(c, c.input.comments.slice(-MAX_DISCUSSION), c.input.comments.length);
}

/** The discussion from the last {@link MAX_DISCUSSION} comments (`shown`) of `total`: a long history need not be held whole. */
export function discussionSectionOf(c: ReportContext, shown: readonly IssueComment[], total: number): ReportSection {
  const { labels: L, format } = c;
  if (total === 0) return section(c, 'discussion', [none(c)]);
  const blocks: ReportBlock[] = [];
  if (total > shown.length) blocks.push({ kind: 'note', text: L.moreComments(total - shown.length) });
  blocks.push({
    kind: 'table',
    columns: [L.when, L.who, L.comment],
    rows: shown.map((cm) => [
      format.at(cm.at),
      c.person(cm.authorId),
      cm.text.length > EXCERPT ? `${cm.text.slice(0, EXCERPT)}…` : cm.text,
    ]),
  });
  return section(c, 'discussion', blocks);
}
