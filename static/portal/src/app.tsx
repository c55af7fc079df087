import { useCallback, useEffect, useRef, useState } from 'react';
import type { ObligationItem } from '../../../src/shared/escalation-panel-view';
import type { PortalKey, PortalPayload } from '../../../src/shared/portal-contract';
import type { PortalEscalationView, PortalView } from '../../../src/shared/portal-view';
import type { ReportTextId } from '../../../src/shared/report-view';

type Meeting = PortalEscalationView['meetings'][number];
import type { ResolverError } from '../../../src/shared/resolver-contract';
import { call, userContext } from './api';
import { createI18n, errorText, I18nContext, useI18n, type I18n } from './i18n';

type ActionKey = Exclude<PortalKey, 'getPortalEscalation' | 'getReportVersion'>;
type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: ResolverError | 'unreachable' }
  | { readonly kind: 'ready'; readonly view: PortalView };
type Act = <K extends ActionKey>(key: K, payload: PortalPayload<K>) => Promise<boolean>;

/** The client's view of the escalation on the portal request: never blank (loading, a failure with retry, or the view). */
export function App() {
  const [i18n, setI18n] = useState<I18n>(() => createI18n(navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [error, setError] = useState<ResolverError | 'unreachable' | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const load = useCallback(async () => {
    try {
      const response = await call('getPortalEscalation', {});
      setPhase(response.ok ? { kind: 'ready', view: response.data } : { kind: 'failed', error: response.error });
    } catch {
      setPhase({ kind: 'failed', error: 'unreachable' });
    }
  }, []);

  useEffect(() => {
    let live = true;
    void userContext()
      .then((context) => live && setI18n(createI18n(context.locale, context.timeZone)))
      .catch(() => undefined) // keep the browser's language; the view's own load reports failures
      .finally(() => live && void load());
    return () => {
      live = false;
    };
  }, [load]);

  // One action at a time; each answers with the whole new view. After a refusal the view is fetched again.
  const act: Act = async (key, payload) => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(true);
    try {
      const response = await call(key, payload);
      if (response.ok) {
        setError(null);
        setPhase({ kind: 'ready', view: response.data });
        return true;
      }
      setError(response.error);
      await load();
      return false;
    } catch {
      setError('unreachable');
      return false;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <I18nContext.Provider value={i18n}>
      <div className="portal" lang={i18n.tag} aria-busy={busy}>
        {phase.kind === 'loading' ? (
          <p className="state" data-testid="loading">
            {i18n.t('app.loading')}
          </p>
        ) : phase.kind === 'failed' ? (
          <div className="state state--error" role="alert" data-testid="load-failed">
            <p>{errorText(i18n, phase.error)}</p>
            <button type="button" className="button" onClick={() => void load()}>
              {i18n.t('app.retry')}
            </button>
          </div>
        ) : (
          <>
            {error && (
              <div className="banner banner--error" role="alert" data-testid="action-error">
                <span>{errorText(i18n, error)}</span>
                <button type="button" className="button button--subtle" onClick={() => setError(null)}>
                  {i18n.t('app.dismiss')}
                </button>
              </div>
            )}
            {phase.view.escalation ? (
              <Escalation view={phase.view.escalation} people={phase.view.people} act={act} busy={busy} />
            ) : (
              <p className="state" data-testid="no-escalation">
                {i18n.t('portal.none')}
              </p>
            )}
          </>
        )}
      </div>
    </I18nContext.Provider>
  );
}

function Escalation(props: { view: PortalEscalationView; people: Readonly<Record<string, string>>; act: Act; busy: boolean }) {
  const { view, act, busy } = props;
  const i18n = useI18n();
  // Due: open duties the stage needs or that run against a deadline; the others stay listed below, to fulfil if wanted.
  const open = view.obligations.filter((o) => !o.fulfilment && (o.mandatory || o.deadline?.dueAt !== undefined));
  const done = view.obligations.filter((o) => !open.includes(o));
  const plans = view.actionPlans.filter((p) => p.status === 'submitted');
  const conciliators = view.conciliators.filter((c) => !c.decision);
  const report = view.reports.decide ? view.reports.versions[0] : undefined;
  const levelClock = view.deadlines.find((d) => d.party === 'both');
  const meetings = view.meetings.filter((m) => m.answer);
  const todo =
    open.length +
    plans.length +
    conciliators.length +
    meetings.length +
    (report ? 1 : 0) +
    (view.proposal ? 1 : 0) +
    (view.notice.acknowledge.ok ? 1 : 0);
  return (
    <div className="stack" data-testid="portal-escalation">
      <header className="header">
        <h2>{i18n.t('portal.heading')}</h2>
        <p className="level" data-testid="portal-level">
          <span className={`lozenge lozenge--level${view.level}`}>
            {i18n.t('portal.level', { level: view.level, name: i18n.text(view.levelName) })}
          </span>{' '}
          <span className="lozenge">{i18n.t(`status.${view.status}`)}</span>
        </p>
        <p className="subtle">
          {i18n.t('portal.since', { date: i18n.dateTime(view.levelEnteredAt) })}
          {levelClock &&
            ` · ${i18n.t(`timeFrame.${levelClock.timeFrame}`)}: ${i18n.t('portal.dueBy', { date: i18n.dateTime(levelClock.dueAt) })}`}
        </p>
        <dl className="facts">
          <dt>{i18n.t('header.problem')}</dt>
          <dd>{view.problem}</dd>
          <dt>{i18n.t('header.impact')}</dt>
          <dd>{view.impact}</dd>
        </dl>
      </header>

      <section aria-labelledby="todo-title" data-testid="client-todo">
        <h3 id="todo-title">
          {i18n.t('portal.todo')} <span className="count">{todo}</span>
        </h3>
        {todo === 0 && <p className="subtle">{i18n.t('portal.todoEmpty')}</p>}
        <ul className="cards">
          {view.notice.acknowledge.ok && (
            <li className="card" data-testid="todo-notice">
              <p className="card__title">{i18n.t('portal.notice.title')}</p>
              {view.notice.notifiedAt && (
                <p className="subtle">{i18n.t('portal.notice.notifiedAt', { date: i18n.dateTime(view.notice.notifiedAt) })}</p>
              )}
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => void act('acknowledgeNotice', {})}
                data-testid="acknowledge"
              >
                {i18n.t('portal.notice.acknowledge')}
              </button>
            </li>
          )}
          {view.proposal && (
            <li className="card" data-testid="todo-proposal">
              <p className="card__title">
                {i18n.t('portal.proposal.title', { change: i18n.t(`proposal.change.${view.proposal.change}`) })}
              </p>
              <p className="text">{view.proposal.text}</p>
              <Decide
                busy={busy}
                approveLabel={i18n.t('proposal.accept')}
                rejectLabel={i18n.t('proposal.decline')}
                commentLabel={i18n.t('proposal.decline.reason')}
                onApprove={() => act('answerProposal', { proposalSeq: view.proposal!.seq, accept: true })}
                onReject={(reason) => act('answerProposal', { proposalSeq: view.proposal!.seq, accept: false, reason })}
              />
            </li>
          )}
          {plans.map((p) => (
            <li key={p.version} className="card" data-testid={`todo-plan-${p.version}`}>
              <p className="card__title">{i18n.t('portal.plan.title', { version: p.version, stage: i18n.t(`plan.stage.${p.stage}`) })}</p>
              <p className="text">{p.text}</p>
              <Decide
                busy={busy}
                approveLabel={i18n.t('records.decision.approve')}
                rejectLabel={i18n.t('portal.plan.sendBack')}
                commentLabel={i18n.t('portal.plan.comment')}
                onApprove={() => act('decideActionPlan', { planVersion: p.version, decision: 'approve' })}
                onReject={(comment) => act('decideActionPlan', { planVersion: p.version, decision: 'request-changes', comment })}
              />
            </li>
          ))}
          {conciliators.map((c) => (
            <li key={c.proposalId} className="card" data-testid={`todo-conciliator-${c.proposalId}`}>
              <p className="card__title">
                {i18n.t('portal.conciliators')}: {c.name}
                {c.organisation ? ` (${c.organisation})` : ''}
              </p>
              {c.note && <p className="text">{c.note}</p>}
              <Decide
                busy={busy}
                approveLabel={i18n.t('records.decision.approve')}
                rejectLabel={i18n.t('records.decision.reject')}
                commentLabel={i18n.t('arbitration.comment')}
                onApprove={() => act('decideArbitrator', { proposalId: c.proposalId, decision: 'approved' })}
                onReject={(note) => act('decideArbitrator', { proposalId: c.proposalId, decision: 'rejected', note })}
              />
            </li>
          ))}
          {meetings.map((m) => (
            <MeetingAnswer key={m.meetingId} meeting={m} act={act} busy={busy} />
          ))}
          {report && (
            <ReportDecision
              version={report.version}
              contentHash={report.contentHash}
              edited={view.reports.versions.length > 1 ? report.edited : null}
              act={act}
              busy={busy}
            />
          )}
          {open.map((o) => (
            <Obligation key={o.id} item={o} act={act} busy={busy} />
          ))}
        </ul>
      </section>

      {done.length > 0 && (
        <section aria-labelledby="done-title" data-testid="client-done">
          <h3 id="done-title">{i18n.t('portal.obligations')}</h3>
          <ul className="cards">
            {done.map((o) => (
              <Obligation key={o.id} item={o} act={act} busy={busy} />
            ))}
          </ul>
        </section>
      )}

      {view.actionPlans.some((p) => p.status !== 'submitted') && (
        <section aria-labelledby="plans-title">
          <h3 id="plans-title">{i18n.t('portal.plans')}</h3>
          <ul className="list">
            {view.actionPlans
              .filter((p) => p.status !== 'submitted')
              .map((p) => (
                <li key={p.version}>
                  {i18n.t('portal.plan.title', { version: p.version, stage: i18n.t(`plan.stage.${p.stage}`) })} ·{' '}
                  <span className="lozenge">{i18n.t(`plan.status.${p.status}`)}</span>
                </li>
              ))}
          </ul>
        </section>
      )}

      {view.reports.versions.length > 0 && (
        <section aria-labelledby="report-title" data-testid="client-reports">
          <h3 id="report-title">{i18n.t('portal.report.title')}</h3>
          <ul className="list">
            {view.reports.versions.map((r) => (
              <li key={r.version}>
                {i18n.t('portal.report.version', { version: r.version })} ·{' '}
                <span className="lozenge">{i18n.t(`report.status.${r.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {(view.meetings.length > 0 || view.proposeMeeting.ok) && <Meetings view={view} act={act} busy={busy} />}

      <section aria-labelledby="updates-title" data-testid="client-status-updates">
        <h3 id="updates-title">{i18n.t('portal.statusUpdates')}</h3>
        {view.statusUpdates.length === 0 ? (
          <p className="subtle">{i18n.t('portal.statusUpdatesEmpty')}</p>
        ) : (
          <ul className="list">
            {view.statusUpdates.map((u) => (
              <li key={u.at}>
                <span className="subtle">{i18n.dateTime(u.at)}</span> <span className="text">{u.text}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Obligation(props: { item: ObligationItem; act: Act; busy: boolean }) {
  const { item, act, busy } = props;
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState('');
  const state = item.deadline?.state;
  return (
    <li
      className={`card${state === 'overdue' ? ' card--overdue' : state === 'warning' ? ' card--warning' : ''}`}
      data-testid={`obligation-${item.id}`}
    >
      <p className="card__title">
        <span className="id">{item.id}</span> {i18n.text(item.text)}
      </p>
      <p className="subtle">
        <span className="lozenge">{i18n.t(`kind.${item.kind}`)}</span>
        {item.deadline?.dueAt && !item.fulfilment && (
          <>
            {' '}
            <span className={`lozenge lozenge--${state ?? 'ok'}`}>
              {i18n.t('portal.dueBy', { date: i18n.dateTime(item.deadline.dueAt) })}
            </span>
          </>
        )}
        {item.fulfilment && ` ${i18n.t('portal.fulfilledOn', { date: i18n.dateTime(item.fulfilment.at) })}`}
      </p>
      {item.fulfilment?.note && <p className="text">{item.fulfilment.note}</p>}
      {!item.fulfilment && item.rule.manual && !open && (
        <button type="button" className="button" disabled={busy} onClick={() => setOpen(true)} data-testid="fulfil">
          {i18n.t('fulfil.button')}
        </button>
      )}
      {open && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void act('fulfilObligation', {
              obligationId: item.id,
              note,
              ...(evidence.trim() ? { evidenceUrl: evidence.trim() } : {}),
            }).then((ok) => ok && setOpen(false));
          }}
        >
          <label>
            {i18n.t('fulfil.note')}
            <textarea value={note} onChange={(e) => setNote(e.target.value)} required rows={3} data-testid="fulfil-note" />
          </label>
          <label>
            {i18n.t('fulfil.evidence')}
            <input
              type="url"
              value={evidence}
              onChange={(e) => setEvidence(e.target.value)}
              placeholder="https://"
              data-testid="fulfil-evidence"
            />
          </label>
          <div className="buttons">
            <button type="submit" className="button button--primary" disabled={busy || note.trim() === ''} data-testid="fulfil-submit">
              {i18n.t('fulfil.submit')}
            </button>
            <button type="button" className="button button--subtle" onClick={() => setOpen(false)}>
              {i18n.t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** Approve at once, or send back with a comment (a comment is needed to send back). */
function Decide(props: {
  busy: boolean;
  approveLabel: string;
  rejectLabel: string;
  commentLabel: string;
  onApprove: () => Promise<boolean>;
  onReject: (comment: string) => Promise<boolean>;
}) {
  const i18n = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  if (rejecting)
    return (
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void props.onReject(comment).then((ok) => ok && setRejecting(false));
        }}
      >
        <label>
          {props.commentLabel}
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} required rows={3} data-testid="decide-comment" />
        </label>
        <div className="buttons">
          <button
            type="submit"
            className="button button--danger"
            disabled={props.busy || comment.trim() === ''}
            data-testid="decide-reject-submit"
          >
            {props.rejectLabel}
          </button>
          <button type="button" className="button button--subtle" onClick={() => setRejecting(false)}>
            {i18n.t('form.cancel')}
          </button>
        </div>
      </form>
    );
  return (
    <div className="buttons">
      <button
        type="button"
        className="button button--primary"
        disabled={props.busy}
        onClick={() => void props.onApprove()}
        data-testid="decide-approve"
      >
        {props.approveLabel}
      </button>
      <button type="button" className="button" disabled={props.busy} onClick={() => setRejecting(true)} data-testid="decide-reject">
        {props.rejectLabel}
      </button>
    </div>
  );
}

/** The client reads the submitted version, then approves it with the hash of what was read, or sends it back. */
function ReportDecision(props: {
  version: number;
  contentHash: string;
  /** The contractor's texts edited since the previous version (`null` for the first version). */
  edited: readonly ReportTextId[] | null;
  act: Act;
  busy: boolean;
}) {
  const i18n = useI18n();
  const [html, setHtml] = useState<string | null>(null);
  const [readHash, setReadHash] = useState<string | null>(null);
  const read = async () => {
    try {
      const response = await call('getReportVersion', { reportVersion: props.version, format: 'html' });
      if (response.ok) {
        setHtml(response.data.content);
        setReadHash(response.data.contentHash);
      }
    } catch {
      setHtml(null);
    }
  };
  return (
    <li className="card" data-testid={`todo-report-${props.version}`}>
      <p className="card__title">
        {i18n.t('portal.report.title')} · {i18n.t('portal.report.version', { version: props.version })}
      </p>
      <p className="subtle hash">{i18n.t('portal.report.hash', { hash: props.contentHash })}</p>
      {props.edited && (
        <p data-testid="report-edited">
          {props.edited.length === 0
            ? i18n.t('report.edited.none', { version: props.version - 1 })
            : i18n.t('report.edited.list', { sections: props.edited.map((t) => i18n.t(`report.part.${t}`)).join(', ') })}
          {/* Its own line: the list above has no full stop of its own. */}
          <span className="report-edited__derived subtle">{i18n.t('report.edited.derived')}</span>
        </p>
      )}
      {html === null ? (
        <button type="button" className="button" onClick={() => void read()} data-testid="read-report">
          {i18n.t('portal.report.read', { version: props.version })}
        </button>
      ) : (
        <iframe className="report-frame" title={i18n.t('portal.report.title')} sandbox="" srcDoc={html} />
      )}
      {readHash && (
        <Decide
          busy={props.busy}
          approveLabel={i18n.t('portal.report.approve')}
          rejectLabel={i18n.t('portal.report.sendBack')}
          commentLabel={i18n.t('portal.plan.comment')}
          onApprove={() => props.act('approveReport', { reportVersion: props.version, contentHash: readHash })}
          onReject={(comment) => props.act('requestReportChanges', { reportVersion: props.version, comment })}
        />
      )}
    </li>
  );
}

/** The contractor's proposed dates: confirm one, or decline them all with a reason. */
function MeetingAnswer(props: { meeting: Meeting; act: Act; busy: boolean }) {
  const { meeting, act, busy } = props;
  const i18n = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <li className="card" data-testid={`todo-meeting-${meeting.meetingId}`}>
      <p className="card__title">{i18n.t('portal.meeting.title', { subject: meeting.subject })}</p>
      {meeting.note && <p className="text">{meeting.note}</p>}
      {declining ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void act('declineMeeting', { meetingId: meeting.meetingId, reason }).then((ok) => ok && setDeclining(false));
          }}
        >
          <label>
            {i18n.t('records.meetings.reason')}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={3} data-testid="meeting-reason" />
          </label>
          <div className="buttons">
            <button
              type="submit"
              className="button button--danger"
              disabled={busy || reason.trim() === ''}
              data-testid="meeting-decline-submit"
            >
              {i18n.t('records.meetings.declined')}
            </button>
            <button type="button" className="button button--subtle" onClick={() => setDeclining(false)}>
              {i18n.t('form.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="buttons">
          {meeting.candidates.map((at) => (
            <button
              key={at}
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void act('confirmMeeting', { meetingId: meeting.meetingId, startsAt: at })}
              data-testid="meeting-confirm"
            >
              {i18n.t('portal.meeting.confirm', { date: i18n.dateTime(at) })}
            </button>
          ))}
          <button type="button" className="button" disabled={busy} onClick={() => setDeclining(true)} data-testid="meeting-decline">
            {i18n.t('records.meetings.decline')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Every meeting proposal with its answer, and the client's own proposal (levels 2–4). */
function Meetings(props: { view: PortalEscalationView; act: Act; busy: boolean }) {
  const { view, act, busy } = props;
  const i18n = useI18n();
  const [proposing, setProposing] = useState(false);
  const [subject, setSubject] = useState('');
  const [dates, setDates] = useState<string[]>(['', '']);
  const chosen = dates.filter((d) => d !== '');
  return (
    <section aria-labelledby="meetings-title" data-testid="client-meetings">
      <h3 id="meetings-title">{i18n.t('records.meetings')}</h3>
      {view.meetings.length === 0 && <p className="subtle">{i18n.t('records.meetings.none')}</p>}
      <ul className="list">
        {view.meetings.map((m) => (
          <li key={m.meetingId} data-testid={`meeting-${m.meetingId}`}>
            <span className="text">{m.subject}</span> · <span className="subtle">{i18n.t(`party.${m.proposedBy}`)}</span> ·{' '}
            <span className="lozenge">
              {m.decision?.decision === 'confirmed'
                ? i18n.t('records.meetings.confirmedOn', { date: i18n.dateTime(m.decision.startsAt) })
                : m.decision?.decision === 'declined'
                  ? `${i18n.t('records.meetings.declined')}: ${m.decision.reason}`
                  : m.answer
                    ? i18n.t('portal.meeting.yours')
                    : i18n.t('records.meetings.awaiting')}
            </span>
            {!m.decision && (
              <span className="subtle">
                {' '}
                {i18n.t('records.meetings.candidates')}: {m.candidates.map((at) => i18n.dateTime(at)).join('; ')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {view.proposeMeeting.ok && !proposing && (
        <button type="button" className="button" disabled={busy} onClick={() => setProposing(true)} data-testid="meeting-propose">
          {i18n.t('records.meetings.propose')}
        </button>
      )}
      {proposing && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            // datetime-local is the reader's local time; sent as an instant.
            const candidates = chosen.map((d) => new Date(d).toISOString());
            void act('proposeMeeting', { subject, candidates }).then((ok) => {
              if (!ok) return;
              setProposing(false);
              setSubject('');
              setDates(['', '']);
            });
          }}
        >
          <label>
            {i18n.t('records.meetings.subject')}
            <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={300} data-testid="meeting-subject" />
          </label>
          {dates.map((d, i) => (
            <label key={i}>
              {i18n.t(i === 0 ? 'records.meetings.date' : 'records.meetings.moreDate')}
              <input
                type="datetime-local"
                value={d}
                required={i === 0}
                onChange={(e) => setDates(dates.map((x, j) => (j === i ? e.target.value : x)))}
                data-testid={`meeting-date-${i}`}
              />
            </label>
          ))}
          <div className="buttons">
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || subject.trim() === '' || chosen.length === 0}
              data-testid="meeting-propose-submit"
            >
              {i18n.t('records.meetings.propose')}
            </button>
            <button type="button" className="button button--subtle" onClick={() => setProposing(false)}>
              {i18n.t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
