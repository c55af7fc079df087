import { resolveTimeFrame } from '../configuration/escalation-policy';
import { addBusinessDuration } from '../deadlines/add-business-duration';
import { businessTimeBetween } from '../deadlines/business-time-between';
import type { EscalationState } from '../escalation/escalation-state';
import { fairTime, levelClock, waitingTimeWithin } from '../escalation/fair-time';
import { fulfilmentOf } from '../escalation/obligation-fulfilment';
import type { Level, Obligation, ProcessTemplate, SectionId } from '../process/process-template';
import type { ReportInput } from './report-input';
import type { LevelFigure, ObligationOutcome, ObligationRecord, PartyDeadlineFigure, ReportFigures } from './report-model';

const toMs = (iso: string) => Date.parse(iso);

/** When the escalation stopped running for the report's purposes: resolved, closed, or now. */
export function endOf(state: EscalationState, generatedAt: Date): string {
  return state.resolvedAt ?? state.closedAt ?? generatedAt.toISOString();
}

/** Sections whose obligations the report lists: the levels reached (in order) and the cross-cutting ones. */
export function reportedSections(template: ProcessTemplate, state: EscalationState): { sectionId: SectionId; level?: Level }[] {
  const levels = [...new Set(state.levelHistory.map((s) => s.level))].sort((a, b) => a - b);
  const sections: { sectionId: SectionId; level?: Level }[] = levels.flatMap((level) => {
    const definition = template.levels.find((l) => l.level === level);
    return definition ? [{ sectionId: definition.section, level }] : [];
  });
  for (const s of template.sections) if (s.scope === 'cross-cutting') sections.push({ sectionId: s.id });
  return sections;
}

function dueOf(input: ReportInput, obligation: Obligation, level: Level | undefined, notices: Map<string, string>): string | undefined {
  const noticed = notices.get(obligation.id);
  if (noticed) return noticed;
  const rule = obligation.deadline;
  const { state, template, policy } = input;
  if (!rule || rule.recurring || (rule.onlyIfCritical && !state.critical)) return undefined;
  let anchor: string | undefined;
  switch (rule.from) {
    case 'problemDetected':
      anchor = state.detectedAt;
      break;
    case 'escalationStarted':
      anchor = state.startedAt;
      break;
    case 'levelEntered':
      anchor = level ? state.levelHistory.find((s) => s.level === level)?.enteredAt : state.startedAt;
      break;
    case 'requestReceived': {
      const counterpart = template.obligations.find(
        (o) => o.section === obligation.section && o.pairIndex === obligation.pairIndex && o.party !== obligation.party,
      );
      anchor = counterpart ? fulfilmentOf(template, state, counterpart)?.at : undefined;
      break;
    }
    default:
      anchor = undefined;
  }
  if (!anchor) return undefined;
  const frame = resolveTimeFrame(template, policy, rule.timeFrame, level);
  if (!frame) return undefined;
  return addBusinessDuration(policy.calendar, new Date(anchor), frame.duration, rule.calendar ?? frame.calendar).toISOString();
}

/**
 * What each party did against each obligation of the levels reached: fulfilled on time, late, or open
 * (and whether its deadline passed). The due time is the one the sweep recorded in a deadline notice,
 * else computed from the template's rule on the project calendar.
 */
export function obligationRecords(input: ReportInput): ObligationRecord[] {
  const { state, template, log, locale, generatedAt } = input;
  const notices = new Map<string, string>();
  for (const event of log) {
    if (event.type === 'deadline-notice' && event.obligationId && !notices.has(event.obligationId))
      notices.set(event.obligationId, event.dueAt);
  }
  const end = endOf(state, generatedAt);
  const records: ObligationRecord[] = [];
  for (const { sectionId, level } of reportedSections(template, state)) {
    for (const obligation of template.obligations) {
      if (obligation.section !== sectionId) continue;
      const fulfilment = fulfilmentOf(template, state, obligation) ?? state.fulfilments[obligation.id];
      if (obligation.retired && !fulfilment) continue;
      const fulfilledAt = fulfilment?.at;
      const dueAt = dueOf(input, obligation, level, notices);
      let outcome: ObligationOutcome;
      if (fulfilledAt) outcome = dueAt ? (toMs(fulfilledAt) <= toMs(dueAt) ? 'on-time' : 'late') : 'fulfilled';
      else outcome = dueAt && toMs(dueAt) < toMs(end) ? 'open-overdue' : 'open';
      records.push({
        obligationId: obligation.id,
        section: sectionId,
        party: obligation.party,
        text: obligation.text[locale],
        outcome,
        ...(dueAt ? { dueAt } : {}),
        ...(fulfilledAt ? { fulfilledAt } : {}),
        ...(fulfilment ? { fulfilledBy: fulfilment.actor.accountId, ...(fulfilment.note ? { note: fulfilment.note } : {}) } : {}),
        ...(fulfilment && 'via' in fulfilment ? { via: (fulfilment as { via: NonNullable<ObligationRecord['via']> }).via } : {}),
      });
    }
  }
  return records;
}

/** Time at each level (calendar and business), time to notify, deadlines met and missed per party. */
export function reportFigures(input: ReportInput, obligations: readonly ObligationRecord[]): ReportFigures {
  const { state, template, policy, generatedAt } = input;
  const end = endOf(state, generatedAt);
  const byLevel = new Map<number, LevelFigure>();
  const both = { met: 0, missed: 0 };
  // Who waited for whom (fair time): the spans in which one party was in default and the other was not.
  const { waits, answerWaits } = fairTime({ state, template, policy, until: end });
  for (const stay of state.levelHistory) {
    const left = stay.leftAt ?? end;
    const waiting = waitingTimeWithin(waits, stay.enteredAt, left);
    const calendarMs = Math.max(0, toMs(left) - toMs(stay.enteredAt));
    const businessMs = Math.max(0, businessTimeBetween(policy.calendar, new Date(stay.enteredAt), new Date(left)));
    const name = template.levels.find((l) => l.level === stay.level)?.name[input.locale] ?? String(stay.level);
    const previous = byLevel.get(stay.level);
    byLevel.set(stay.level, {
      level: stay.level,
      name,
      calendarMs: (previous?.calendarMs ?? 0) + calendarMs,
      businessMs: (previous?.businessMs ?? 0) + businessMs,
      waitingForContractorMs: (previous?.waitingForContractorMs ?? 0) + waiting.contractor,
      waitingForClientMs: (previous?.waitingForClientMs ?? 0) + waiting.client,
    });
    // The level's agreed time frame is both parties' deadline; it paused while one party waited for the other.
    const clock = levelClock({ state, template, policy, stay, waits: answerWaits, until: end });
    if (clock) {
      if (toMs(left) <= toMs(clock.dueAt)) both.met++;
      else both.missed++;
    }
  }
  const parties: PartyDeadlineFigure[] = (['contractor', 'client'] as const).map((party) => {
    const mine = obligations.filter((o) => o.party === party && o.dueAt);
    return {
      party,
      met: mine.filter((o) => o.outcome === 'on-time').length,
      missed: mine.filter((o) => o.outcome === 'late' || o.outcome === 'open-overdue').length,
    };
  });
  const notifiedAt = state.clientNotifiedAt;
  return {
    ...(notifiedAt
      ? {
          timeToNotify: {
            calendarMs: Math.max(0, toMs(notifiedAt) - toMs(state.detectedAt)),
            businessMs: Math.max(0, businessTimeBetween(policy.calendar, new Date(state.detectedAt), new Date(notifiedAt))),
          },
        }
      : {}),
    levels: [...byLevel.values()].sort((a, b) => a.level - b.level),
    deadlines: [...parties, { party: 'both', ...both }],
    highestLevel: Math.max(...state.levelHistory.map((s) => s.level)),
    jiraChanges: input.changelog.reduce((n, entry) => n + entry.items.length, 0),
    comments: input.comments.length,
    logEvents: input.log.length,
  };
}
