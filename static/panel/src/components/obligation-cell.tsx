import { useState } from 'react';
import type { ObligationFulfilment } from '../../../../src/shared/vocabulary';
import type { ObligationItem } from '../../../../src/shared/escalation-panel-view';
import { useI18n, type I18n, type MessageKey } from '../i18n/i18n';
import { deadlineStateAt, remainingText } from './deadline-list';
import { InlineForm } from './inline-form';
import { DEADLINE_TONE, Lozenge } from './lozenge';
import { ExternalLink } from '../../../shared/src/external-link';
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
        <ClockIcon /> {remainingText(i18n, running.dueAt, nowMs, state === 'paused' ? running : undefined)}
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

const WHO_LABEL = {
  ticked: 'checklist.fulfilledBy',
  recorded: 'checklist.recordedBy',
  marked: 'checklist.markedBy',
} as const satisfies Record<string, MessageKey>;

/** Who did it and when (as the cell's headline for a tick), and the reason an administrator gave when acting for the party. */
function WhoWhen({
  fulfilment,
  label,
  headline = false,
}: {
  readonly fulfilment: ObligationFulfilment;
  readonly label: keyof typeof WHO_LABEL;
  readonly headline?: boolean;
}) {
  const i18n = useI18n();
  const { view } = usePanelContext();
  const onBehalf = fulfilment.actor.onBehalf;
  return (
    <>
      <div className={headline ? 'fulfilment__who' : 'fulfilment__when'}>
        {headline && <Check />} {i18n.t(WHO_LABEL[label], { who: personName(view, i18n, fulfilment.actor) })} ·{' '}
        <time dateTime={fulfilment.at}>{i18n.dateTime(fulfilment.at)}</time>
      </div>
      {onBehalf && fulfilment.actor.party !== 'system' && (
        <div className="fulfilment__behalf">
          {i18n.t('checklist.onBehalf', { party: partyInline(i18n, fulfilment.actor.party), reason: onBehalf.reason })}
        </div>
      )}
    </>
  );
}

function Check() {
  return (
    <span className="fulfilment__check" aria-hidden="true">
      ✓
    </span>
  );
}

/** How the obligation was fulfilled: by a record of the app, by the app itself, by a tick, or marked not applicable. */
function FulfilmentRecord({ fulfilment }: { readonly fulfilment: ObligationFulfilment }) {
  const i18n = useI18n();
  switch (fulfilment.via) {
    case 'record':
      return (
        <div className="fulfilment" data-testid="fulfilment-record">
          <div className="fulfilment__who">
            <Check /> {i18n.t('checklist.byRecord', { record: fulfilment.evidence ? i18n.t(`evidence.${fulfilment.evidence}`) : '' })}
          </div>
          <WhoWhen fulfilment={fulfilment} label="recorded" />
        </div>
      );
    case 'automatic':
      return (
        <div className="fulfilment">
          <div className="fulfilment__who">
            <Check /> {i18n.t('checklist.automatic')} · <time dateTime={fulfilment.at}>{i18n.dateTime(fulfilment.at)}</time>
          </div>
        </div>
      );
    case 'not-applicable':
      return (
        <div className="fulfilment fulfilment--na">
          <p className="fulfilment__reason">{i18n.t('checklist.notApplicable', { reason: fulfilment.note })}</p>
          <WhoWhen fulfilment={fulfilment} label="marked" />
        </div>
      );
    case 'manual':
      return (
        <div className="fulfilment">
          <WhoWhen fulfilment={fulfilment} label="ticked" headline />
          <p className="fulfilment__note">{fulfilment.note}</p>
          {fulfilment.evidenceUrl && /^https?:\/\//i.test(fulfilment.evidenceUrl) && (
            <ExternalLink className="fulfilment__evidence" href={fulfilment.evidenceUrl} failedText={i18n.t('app.linkNotOpened')}>
              {i18n.t('checklist.evidence')} ↗
            </ExternalLink>
          )}
        </div>
      );
  }
}

/** The records that will fulfil an open obligation ("Client notified / Status update"), so nobody looks for a tick. */
function recordsText(i18n: I18n, item: ObligationItem): string {
  const labels = item.rule.records.map((r) => {
    const label = i18n.t(`evidence.${r.record}`);
    return r.party && r.party !== 'any' && r.party !== item.party
      ? i18n.t('checklist.recordOfParty', { record: label, party: partyInline(i18n, r.party) })
      : label;
  });
  return [...new Set(labels)].join(' / ');
}

type CellForm = 'none' | 'fulfil' | 'withdraw' | 'not-applicable';

/**
 * One obligation of one party: text, kind, whether it gates the stage, its deadline, and how it is fulfilled.
 * A party ticks only what happens outside the app; what a record proves shows that record, and a "bei Bedarf"
 * duty can be marked not applicable with a reason both parties see.
 */
export function ObligationCell({ item }: { readonly item: ObligationItem }) {
  const i18n = useI18n();
  const { view, actingParty, run, busy } = usePanelContext();
  const [form, setForm] = useState<CellForm>('none');
  const escalation = view.escalation;
  const mayChange = view.viewer.canEdit && actingParty === item.party && escalation !== null && escalation.status !== 'closed';
  const { fulfilment, rule } = item;
  const via = fulfilment?.via;
  // Only a tick or a not-applicable mark can be withdrawn; a record stands as recorded.
  const withdrawable = via === 'manual' || via === 'not-applicable';
  const notApplicable = via === 'not-applicable';
  const stateClass = notApplicable ? ' obligation--na' : fulfilment ? ' obligation--done' : '';
  return (
    <div
      className={`obligation${stateClass}`}
      data-testid={`obligation-${item.id}`}
      data-party={item.party}
      data-via={via ?? 'open'}
      data-evidence={fulfilment?.evidence}
    >
      <div className="obligation__meta">
        <span className="ob-id">{item.id}</span>
        <span className="kind">{i18n.t(`kind.${item.kind}`)}</span>
        {item.mandatory && (
          <span className="required" title={i18n.t('checklist.required')}>
            {i18n.t('checklist.requiredShort')}
          </span>
        )}
        {!notApplicable && <DeadlineBadge item={item} />}
        <span className="obligation__status">
          <Lozenge tone={notApplicable ? 'neutral' : fulfilment ? 'success' : 'neutral'}>
            {i18n.t(notApplicable ? 'checklist.na' : fulfilment ? 'checklist.done' : 'checklist.open')}
          </Lozenge>
        </span>
      </div>
      <p className="obligation__text">{i18n.text(item.text)}</p>
      {fulfilment ? (
        <FulfilmentRecord fulfilment={fulfilment} />
      ) : (
        rule.records.length > 0 && (
          <p className="obligation__how" data-testid={`fulfilled-when-${item.id}`}>
            {i18n.t(rule.manual ? 'checklist.fulfilledWhenOrTick' : 'checklist.fulfilledWhen', { records: recordsText(i18n, item) })}
          </p>
        )
      )}
      {item.withdrawals > 0 && (
        <div className="obligation__withdrawals">{i18n.t('checklist.withdrawals', { count: item.withdrawals })}</div>
      )}
      {mayChange && form === 'none' && (fulfilment ? withdrawable : rule.manual || rule.notApplicable) && (
        <div className="obligation__actions">
          {fulfilment ? (
            <button
              type="button"
              className="button button--subtle button--small"
              disabled={busy !== null}
              onClick={() => setForm('withdraw')}
            >
              {i18n.t('withdraw.button')}
            </button>
          ) : (
            <>
              {rule.manual && (
                <button
                  type="button"
                  className="button button--primary button--small"
                  disabled={busy !== null}
                  onClick={() => setForm('fulfil')}
                >
                  {i18n.t('fulfil.button')}
                </button>
              )}
              {rule.notApplicable && (
                <button
                  type="button"
                  className="button button--default button--small"
                  disabled={busy !== null}
                  onClick={() => setForm('not-applicable')}
                >
                  {i18n.t('notApplicable.button')}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {mayChange && form === 'fulfil' && !fulfilment && (
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
      {mayChange && form === 'not-applicable' && !fulfilment && (
        <InlineForm
          testId={`not-applicable-form-${item.id}`}
          title={i18n.t('notApplicable.title', { id: item.id })}
          fields={[{ name: 'reason', label: 'notApplicable.reason', kind: 'textarea', required: true }]}
          submitLabel={i18n.t('notApplicable.button')}
          onSubmit={(v) => run('markNotApplicable', { obligationId: item.id, reason: v.reason ?? '' })}
          onDone={() => setForm('none')}
        />
      )}
      {mayChange && form === 'withdraw' && withdrawable && (
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
