import { useState, type ReactNode } from 'react';
import type { EscalationEvent } from '../../../../src/shared/vocabulary';
import { isMessageKey, useI18n, type I18n } from '../i18n/i18n';
import { ExternalLink } from '../../../shared/src/external-link';
import { usePanelContext, type PanelContextValue } from './panel-context';
import { obligationTextOf, partyInline, partyLabel, personName } from './view-helpers';

/** Why a notification went out, in words (one the catalog does not know yet reads as "other"). */
function notificationPurpose(i18n: I18n, purpose: string): string {
  const key = `notificationPurpose.${purpose}`;
  return i18n.t(isMessageKey(key) ? key : 'notificationPurpose.other');
}

function actorText(i18n: I18n, ctx: PanelContextValue, event: EscalationEvent): string {
  const who = personName(ctx.view, i18n, event.actor);
  if (event.actor.party === 'system') return who;
  if (event.actor.onBehalf) return i18n.t('timeline.actorOnBehalf', { who, party: partyInline(i18n, event.actor.party) });
  return i18n.t('timeline.actor', { who, party: partyLabel(i18n, event.actor.party) });
}

/** The sentence and the details of one recorded event. */
function describe(i18n: I18n, ctx: PanelContextValue, event: EscalationEvent): { sentence: string; details: [string | null, ReactNode][] } {
  const actor = actorText(i18n, ctx, event);
  const details: [string | null, ReactNode][] = [];
  const obligationText = (id: string) => {
    const text = obligationTextOf(ctx.view, id);
    return text ? i18n.text(text) : null;
  };
  switch (event.type) {
    case 'escalation-started': {
      const trigger = ctx.view.triggers.find((t) => t.id === event.trigger);
      details.push([i18n.t('header.problem'), event.problem], [i18n.t('header.impact'), event.impact]);
      return {
        sentence: i18n.t('event.escalation-started', { actor, trigger: trigger ? i18n.text(trigger.label) : event.trigger }),
        details,
      };
    }
    case 'level-changed': {
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      if (event.reason === 'time-frame-expired')
        return { sentence: i18n.t('event.level-changed.expired', { from: event.from, to: event.to }), details };
      if (event.reason === 'agreed') details.push([null, i18n.t('timeline.agreed')]);
      if (event.reason === 'other-party-defaulted') details.push([null, i18n.t('timeline.otherPartyDefaulted')]);
      const key = event.to > event.from ? 'event.level-changed.up' : 'event.level-changed.down';
      return { sentence: i18n.t(key, { actor, from: event.from, to: event.to }), details };
    }
    case 'obligation-fulfilled': {
      const text = obligationText(event.obligationId);
      if (text) details.push([null, <q key="q">{text}</q>]);
      details.push([i18n.t('timeline.note'), event.note]);
      if (event.evidenceUrl && /^https?:\/\//i.test(event.evidenceUrl)) {
        details.push([
          i18n.t('checklist.evidence'),
          <ExternalLink key="a" href={event.evidenceUrl} failedText={i18n.t('app.linkNotOpened')}>
            {event.evidenceUrl}
          </ExternalLink>,
        ]);
      }
      return { sentence: i18n.t('event.obligation-fulfilled', { actor, id: event.obligationId }), details };
    }
    case 'obligation-fulfilment-withdrawn': {
      const text = obligationText(event.obligationId);
      if (text) details.push([null, <q key="q">{text}</q>]);
      details.push([i18n.t('timeline.reason'), event.reason]);
      return { sentence: i18n.t('event.obligation-fulfilment-withdrawn', { actor, id: event.obligationId }), details };
    }
    case 'client-notified':
      details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.client-notified', { actor, channel: i18n.t(`channel.${event.channel}.inline`) }), details };
    case 'status-update-posted':
      details.push([null, event.text]);
      return { sentence: i18n.t('event.status-update-posted', { actor }), details };
    case 'arbitration-consent-given':
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.arbitration-consent-given', { actor }), details };
    case 'change-proposed':
      details.push([null, event.text]);
      return { sentence: i18n.t('event.change-proposed', { actor, change: i18n.t(`proposal.change.${event.change}`) }), details };
    case 'change-declined':
      details.push([i18n.t('timeline.reason'), event.reason]);
      return { sentence: i18n.t('event.change-declined', { actor }), details };
    case 'change-withdrawn':
      return { sentence: i18n.t('event.change-withdrawn', { actor }), details };
    case 'obligation-not-applicable': {
      const text = obligationText(event.obligationId);
      if (text) details.push([null, <q key="q">{text}</q>]);
      details.push([i18n.t('timeline.reason'), event.reason]);
      return { sentence: i18n.t('event.obligation-not-applicable', { actor, id: event.obligationId }), details };
    }
    case 'management-informed':
      details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.management-informed', { actor }), details };
    case 'notice-acknowledged':
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.notice-acknowledged', { actor }), details };
    case 'escalation-resolved':
      details.push([i18n.t('actions.resolve.resolution'), event.resolution]);
      if (event.proposalSeq) details.push([null, i18n.t('timeline.agreed')]);
      return { sentence: i18n.t('event.escalation-resolved', { actor }), details };
    case 'escalation-reopened':
      details.push([i18n.t('timeline.reason'), event.reason]);
      return { sentence: i18n.t('event.escalation-reopened', { actor }), details };
    case 'report-approved':
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.report-approved', { actor, version: event.reportVersion }), details };
    case 'escalation-closed':
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.escalation-closed', { actor }), details };
    case 'action-plan-drafted':
      details.push([null, event.text]);
      return {
        sentence: i18n.t('event.action-plan-drafted', { actor, version: event.planVersion, stage: i18n.t(`plan.stage.${event.stage}`) }),
        details,
      };
    case 'action-plan-submitted':
      return { sentence: i18n.t('event.action-plan-submitted', { actor, version: event.planVersion }), details };
    case 'action-plan-approved':
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.action-plan-approved', { actor, version: event.planVersion }), details };
    case 'action-plan-changes-requested':
      details.push([i18n.t('records.comment'), event.comment]);
      return { sentence: i18n.t('event.action-plan-changes-requested', { actor, version: event.planVersion }), details };
    case 'root-cause-recorded':
      details.push([null, event.text]);
      return { sentence: i18n.t('event.root-cause-recorded', { actor }), details };
    case 'preventive-measure-recorded':
      details.push([null, event.text], [i18n.t('records.owner'), partyLabel(i18n, event.owner)]);
      return { sentence: i18n.t('event.preventive-measure-recorded', { actor, id: event.measureId }), details };
    case 'preventive-measure-done':
      details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.preventive-measure-done', { actor, id: event.measureId }), details };
    case 'arbitrator-proposed':
      if (event.organisation) details.push([i18n.t('records.organisation'), event.organisation]);
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.arbitrator-proposed', { actor, name: event.name, id: event.proposalId }), details };
    case 'arbitrator-decided':
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return {
        sentence: i18n.t('event.arbitrator-decided', {
          actor,
          id: event.proposalId,
          decision: i18n.t(`records.decision.${event.decision}`),
        }),
        details,
      };
    case 'arbitration-session-held':
      details.push([null, event.summary]);
      return { sentence: i18n.t('event.arbitration-session-held', { actor, date: i18n.date(event.heldOn) }), details };
    case 'arbitration-outcome-recorded':
      details.push([null, event.outcome]);
      return { sentence: i18n.t('event.arbitration-outcome-recorded', { actor }), details };
    case 'meeting-proposed':
      details.push([i18n.t('records.meetings.candidates'), event.candidates.map((at) => i18n.dateTime(at)).join(' · ')]);
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.meeting-proposed', { actor, id: event.meetingId, subject: event.subject }), details };
    case 'meeting-confirmed':
      if (event.note) details.push([i18n.t('timeline.note'), event.note]);
      return { sentence: i18n.t('event.meeting-confirmed', { actor, id: event.meetingId, date: i18n.dateTime(event.startsAt) }), details };
    case 'meeting-declined':
      details.push([i18n.t('timeline.reason'), event.reason]);
      return { sentence: i18n.t('event.meeting-declined', { actor, id: event.meetingId }), details };
    case 'deadline-notice': {
      const key = `timeFrame.${event.timeFrame}`;
      const label = isMessageKey(key) ? i18n.t(key) : event.timeFrame;
      const what = event.obligationId ? `${label} (${event.obligationId})` : label;
      details.push([i18n.t('deadlines.dueLabel'), i18n.dateTime(event.dueAt)]);
      return {
        sentence: i18n.t(event.notice === 'warning' ? 'event.deadline-notice.warning' : 'event.deadline-notice', {
          label: what,
          party: partyLabel(i18n, event.party),
        }),
        details,
      };
    }
    case 'notification-sent':
      return {
        sentence: i18n.t('event.notification-sent', { purpose: notificationPurpose(i18n, event.purpose), count: event.recipients.length }),
        details,
      };
    case 'report-submitted':
      return { sentence: i18n.t('event.report-submitted', { actor, version: event.reportVersion }), details };
    case 'report-changes-requested':
      details.push([i18n.t('records.comment'), event.comment]);
      return { sentence: i18n.t('event.report-changes-requested', { actor, version: event.reportVersion }), details };
    case 'report-exported':
      if (/^https?:\/\//i.test(event.url)) {
        details.push([
          null,
          <ExternalLink key="a" href={event.url} failedText={i18n.t('app.linkNotOpened')}>
            {event.url}
          </ExternalLink>,
        ]);
      }
      return { sentence: i18n.t('event.report-exported', { actor, version: event.reportVersion }), details };
    case 'debrief-held':
      details.push([i18n.t('records.lessons'), event.lessonsLearned]);
      if (event.improvements) details.push([i18n.t('records.improvements'), event.improvements]);
      return { sentence: i18n.t('event.debrief-held', { actor }), details };
  }
}

/** People's actions apart from what the app did by itself (the sweep's notices, pushes, automatic moves). */
const TIMELINE_FILTERS = ['people', 'system', 'all'] as const;
type TimelineFilter = (typeof TIMELINE_FILTERS)[number];

/** How many entries show before "Show all": long escalations record hundreds of events. */
const COLLAPSED_ENTRIES = 15;

/** Every recorded event, newest first; withdrawals are entries of their own. */
export function EscalationTimeline({ timeline }: { readonly timeline: readonly EscalationEvent[] }) {
  const i18n = useI18n();
  const ctx = usePanelContext();
  const [showAll, setShowAll] = useState(false);
  // People's actions first: what the app did by itself (notices, pushes, automatic moves) is one click away.
  const [filter, setFilter] = useState<TimelineFilter>('people');
  const sorted = [...timeline]
    .filter((e) => filter === 'all' || (filter === 'system') === (e.actor.party === 'system'))
    .sort((a, b) => b.seq - a.seq);
  const events = showAll ? sorted : sorted.slice(0, COLLAPSED_ENTRIES);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h3 id="timeline-title" className="card__title">
        {i18n.t('timeline.title')}
      </h3>
      <div className="timeline__filter" role="group" aria-label={i18n.t('timeline.filter')} data-testid="timeline-filter">
        {TIMELINE_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`button button--small${filter === f ? ' button--selected' : ' button--subtle'}`}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            data-testid={`timeline-filter-${f}`}
          >
            {i18n.t(`timeline.filter.${f}`)}
          </button>
        ))}
      </div>
      {/* Says what the filter shows, and a screen reader announces it when the filter changes. */}
      <p className="timeline__shown" role="status" data-testid="timeline-shown">
        {i18n.t(`timeline.filter.shown.${filter}`, { count: sorted.length, total: timeline.length })}
      </p>
      {events.length === 0 ? (
        <p className="muted">{i18n.t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {events.map((event) => {
            const { sentence, details } = describe(i18n, ctx, event);
            const behalf = event.actor.onBehalf;
            return (
              <li
                key={event.seq}
                className={`timeline__item timeline__item--${event.type}`}
                data-testid={`event-${event.seq}`}
                data-type={event.type}
              >
                <div className="timeline__head">
                  <span className="timeline__sentence">{sentence}</span>
                  <time className="timeline__time" dateTime={event.at}>
                    {i18n.dateTime(event.at)}
                  </time>
                </div>
                {(details.length > 0 || behalf) && (
                  <dl className="timeline__details">
                    {behalf && (
                      <div>
                        <dt>{i18n.t('timeline.onBehalfReason')}</dt>
                        <dd>{behalf.reason}</dd>
                      </div>
                    )}
                    {details.map(([term, value], i) => (
                      <div key={i}>
                        {term && <dt>{term}</dt>}
                        <dd>{value}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {sorted.length > COLLAPSED_ENTRIES && (
        <button
          type="button"
          className="button button--subtle button--small timeline__more"
          onClick={() => setShowAll(!showAll)}
          data-testid="timeline-toggle"
        >
          {showAll ? i18n.t('timeline.showFewer') : i18n.t('timeline.showAll', { count: sorted.length })}
        </button>
      )}
    </section>
  );
}
