import type { EscalationView } from '../../../../src/shared/escalation-panel-view';
import { type Deadline, type DeadlineState, formatRemaining } from '../../../../src/shared/vocabulary';
import { useI18n, type I18n } from '../i18n/i18n';
import { DEADLINE_TONE, Lozenge } from './lozenge';
import { usePanelContext } from './panel-context';
import { partyLabel } from './view-helpers';

/** A deadline's state at `nowMs` (the view's state was true when it was built; the panel keeps it current). */
export function deadlineStateAt(deadline: Pick<Deadline, 'warnAt' | 'dueAt' | 'state'>, nowMs: number): DeadlineState {
  // A paused clock stands still until the awaited duty is done; the next view brings its new due time.
  if (deadline.state === 'paused') return 'paused';
  if (nowMs >= Date.parse(deadline.dueAt)) return 'overdue';
  return nowMs >= Date.parse(deadline.warnAt) ? 'warning' : 'ok';
}

/** "3 h 15 min left" or "overdue by 20 min". */
export function remainingText(i18n: I18n, dueAt: string, nowMs: number, paused?: Pick<Deadline, 'remainingMs'>): string {
  if (paused) return i18n.t('deadlines.leftPaused', { time: formatRemaining(Math.max(0, paused.remainingMs), i18n.locale) });
  const ms = Date.parse(dueAt) - nowMs;
  return ms > 0
    ? i18n.t('deadlines.left', { time: formatRemaining(ms, i18n.locale) })
    : i18n.t('deadlines.overdueBy', { time: formatRemaining(Math.abs(ms), i18n.locale) });
}

/** The running deadlines, soonest first: what, when, how long left, and who must act. */
export function DeadlineList({ deadlines }: { readonly deadlines: EscalationView['deadlines'] }) {
  const i18n = useI18n();
  const { nowMs, obligations, view } = usePanelContext();
  const calendar = view.escalation?.calendar;
  return (
    <section className="card" aria-labelledby="deadlines-title">
      <h3 id="deadlines-title" className="card__title">
        {i18n.t('deadlines.title')}
      </h3>
      {deadlines.length === 0 ? (
        <p className="muted">{i18n.t('deadlines.none')}</p>
      ) : (
        <ul className="deadlines" data-testid="deadlines">
          {deadlines.map((deadline) => {
            const state = deadlineStateAt(deadline, nowMs);
            const obligation = deadline.obligationId ? obligations.get(deadline.obligationId) : undefined;
            return (
              <li key={deadline.key} className={`deadline deadline--${state}`} data-testid={`deadline-${deadline.key}`}>
                <div className="deadline__what">
                  <span className="deadline__label">{i18n.t(`timeFrame.${deadline.timeFrame}`)}</span>
                  {deadline.obligationId && (
                    <span className="deadline__obligation" title={obligation ? i18n.text(obligation.text) : undefined}>
                      <span className="ob-id">{deadline.obligationId}</span>
                      {obligation && <span className="deadline__text">{i18n.text(obligation.text)}</span>}
                    </span>
                  )}
                </div>
                <div className="deadline__when">
                  <div>
                    <Lozenge tone={DEADLINE_TONE[state]}>{i18n.t(`deadlines.state.${state}`)}</Lozenge>{' '}
                    <span className="deadline__remaining">
                      {remainingText(i18n, deadline.dueAt, nowMs, state === 'paused' ? deadline : undefined)}
                    </span>
                  </div>
                  {state === 'paused' && deadline.waitingFor && deadline.pausedSince && (
                    <div className="deadline__paused" data-testid="deadline-paused">
                      {i18n.t(`deadlines.pausedWaiting.${deadline.waitingFor}`, { date: i18n.dateTime(deadline.pausedSince) })}
                    </div>
                  )}
                  <div className="deadline__due">
                    {i18n.t('deadlines.due', { date: i18n.dateTime(deadline.dueAt) })} ·{' '}
                    {i18n.t('deadlines.mustAct', { party: partyLabel(i18n, deadline.party) })}
                  </div>
                  <div className="deadline__explain" data-testid="deadline-explain">
                    <span data-testid="deadline-counting">
                      {deadline.counting === 'business' && calendar
                        ? i18n.t('clock.counting.business', {
                            start: calendar.workingHours.start,
                            end: calendar.workingHours.end,
                            zone: calendar.timeZone,
                          })
                        : i18n.t('clock.counting.continuous')}
                    </span>
                    {' · '}
                    {i18n.t('clock.started', { date: i18n.dateTime(deadline.startedAt), why: i18n.t(`clock.from.${deadline.from}`) })}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
