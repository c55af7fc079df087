import { useState } from 'react';
import type { Fulfilment } from '../../../../src/shared/vocabulary';
import type { ObligationItem } from '../../../../src/shared/escalation-panel-view';
import { useI18n } from '../i18n/i18n';
import { deadlineStateAt, remainingText } from './deadline-list';
import { InlineForm } from './inline-form';
import { DEADLINE_TONE, Lozenge } from './lozenge';
import { usePanelContext } from './panel-context';
import { partyInline, personName } from './view-helpers';

/** A small clock (SVG: emoji glyphs are missing from many system fonts). */
function ClockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

function DeadlineBadge({ item }: { readonly item: ObligationItem }) {
  const i18n = useI18n();
  const { nowMs, view } = usePanelContext();
  const deadline = item.deadline;
  if (!deadline) return null;
  const running = view.escalation?.deadlines.find((d) => d.obligationId === item.id);
  const quote = i18n.t('checklist.deadlineQuote', { quote: deadline.quote });
  if (running) {
    const state = deadlineStateAt(running, nowMs);
    return (
      <Lozenge
        tone={DEADLINE_TONE[state]}
        title={`${i18n.t(`timeFrame.${running.timeFrame}`)} · ${quote} · ${i18n.t('deadlines.due', { date: i18n.dateTime(running.dueAt) })}`}
      >
        <ClockIcon /> {remainingText(i18n, running.dueAt, nowMs)}
      </Lozenge>
    );
  }
  // The annex's words are German; English users get a plain label and the words in the tooltip.
  const label = item.fulfilment
    ? i18n.t('checklist.deadlineMet')
    : i18n.locale === 'de'
      ? deadline.quote
      : i18n.t(`timeFrame.${deadline.timeFrame}`);
  return (
    <span className="quote" title={quote}>
      <ClockIcon /> {label}
    </span>
  );
}

function FulfilmentRecord({ fulfilment }: { readonly fulfilment: Fulfilment }) {
  const i18n = useI18n();
  const { view } = usePanelContext();
  const onBehalf = fulfilment.actor.onBehalf;
  return (
    <div className="fulfilment">
      <div className="fulfilment__who">
        <span className="fulfilment__check" aria-hidden="true">
          ✓
        </span>{' '}
        {i18n.t('checklist.fulfilledBy', { who: personName(view, i18n, fulfilment.actor) })} ·{' '}
        <time dateTime={fulfilment.at}>{i18n.dateTime(fulfilment.at)}</time>
      </div>
      {onBehalf && fulfilment.actor.party !== 'system' && (
        <div className="fulfilment__behalf">
          {i18n.t('checklist.onBehalf', { party: partyInline(i18n, fulfilment.actor.party), reason: onBehalf.reason })}
        </div>
      )}
      <p className="fulfilment__note">{fulfilment.note}</p>
      {fulfilment.evidenceUrl && /^https?:\/\//i.test(fulfilment.evidenceUrl) && (
        <a className="fulfilment__evidence" href={fulfilment.evidenceUrl} target="_blank" rel="noopener noreferrer">
          {i18n.t('checklist.evidence')} ↗
        </a>
      )}
    </div>
  );
}

/** One obligation of one party: text, kind, whether it gates the stage, its deadline, and its fulfilment. */
export function ObligationCell({ item }: { readonly item: ObligationItem }) {
  const i18n = useI18n();
  const { view, actingParty, run, busy } = usePanelContext();
  const [form, setForm] = useState<'none' | 'fulfil' | 'withdraw'>('none');
  const escalation = view.escalation;
  const mayChange = view.viewer.canEdit && actingParty === item.party && escalation !== null && escalation.status !== 'closed';
  const fulfilled = item.fulfilment !== undefined;
  return (
    <div className={`obligation${fulfilled ? ' obligation--done' : ''}`} data-testid={`obligation-${item.id}`} data-party={item.party}>
      <div className="obligation__meta">
        <span className="ob-id">{item.id}</span>
        <span className="kind">{i18n.t(`kind.${item.kind}`)}</span>
        {item.mandatory && (
          <span className="required" title={i18n.t('checklist.required')}>
            {i18n.t('checklist.requiredShort')}
          </span>
        )}
        <DeadlineBadge item={item} />
        <span className="obligation__status">
          <Lozenge tone={fulfilled ? 'success' : 'neutral'}>{i18n.t(fulfilled ? 'checklist.done' : 'checklist.open')}</Lozenge>
        </span>
      </div>
      <p className="obligation__text">{i18n.text(item.text)}</p>
      {item.fulfilment && <FulfilmentRecord fulfilment={item.fulfilment} />}
      {item.withdrawals > 0 && (
        <div className="obligation__withdrawals">{i18n.t('checklist.withdrawals', { count: item.withdrawals })}</div>
      )}
      {mayChange && form === 'none' && (
        <div className="obligation__actions">
          {fulfilled ? (
            <button
              type="button"
              className="button button--subtle button--small"
              disabled={busy !== null}
              onClick={() => setForm('withdraw')}
            >
              {i18n.t('withdraw.button')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy !== null}
              onClick={() => setForm('fulfil')}
            >
              {i18n.t('fulfil.button')}
            </button>
          )}
        </div>
      )}
      {mayChange && form === 'fulfil' && !fulfilled && (
        <InlineForm
          testId={`fulfil-form-${item.id}`}
          title={i18n.t('fulfil.title', { id: item.id })}
          fields={[
            { name: 'note', label: 'fulfil.note', kind: 'textarea', required: true },
            { name: 'evidenceUrl', label: 'fulfil.evidence', kind: 'url' },
          ]}
          submitLabel={i18n.t('fulfil.submit')}
          onSubmit={(v) =>
            run('fulfilObligation', { obligationId: item.id, note: v.note ?? '', ...(v.evidenceUrl ? { evidenceUrl: v.evidenceUrl } : {}) })
          }
          onDone={() => setForm('none')}
        />
      )}
      {mayChange && form === 'withdraw' && fulfilled && (
        <InlineForm
          testId={`withdraw-form-${item.id}`}
          fields={[{ name: 'reason', label: 'withdraw.reason', kind: 'textarea', required: true }]}
          submitLabel={i18n.t('withdraw.submit')}
          onSubmit={(v) => run('withdrawFulfilment', { obligationId: item.id, reason: v.reason ?? '' })}
          onDone={() => setForm('none')}
        />
      )}
    </div>
  );
}
