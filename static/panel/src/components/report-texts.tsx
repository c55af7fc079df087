import { useId } from 'react';
import type { ReportTextId, ReportTexts, ReportVersionView } from '../../../../src/shared/report-view';
import { useI18n } from '../i18n/i18n';

/** The free-text parts of the report, in the order the form shows them; the answer only after a request for changes. */
const TEXT_IDS: readonly ReportTextId[] = ['response', 'summary', 'lessons'];
/** The same bound the server checks (MAX_REPORT_TEXT). */
const MAX_TEXT = 10_000;

/**
 * The contractor's texts for the next version: the only parts of the report written by hand. They start
 * from the latest version's; the answer to the client's request is asked for when that version was sent back.
 */
export function ReportTextsEditor({
  latest,
  texts,
  onChange,
  disabled,
}: {
  readonly latest: ReportVersionView | undefined;
  readonly texts: ReportTexts;
  readonly onChange: (id: ReportTextId, value: string) => void;
  readonly disabled: boolean;
}) {
  const i18n = useI18n();
  const id = useId();
  const sentBack = latest?.status === 'changes-requested' ? latest : undefined;
  const shown = TEXT_IDS.filter((t) => t !== 'response' || sentBack);
  return (
    <fieldset className="report__texts" data-testid="report-texts">
      <legend className="report__texts-title">{i18n.t('report.texts.title', { version: (latest?.version ?? 0) + 1 })}</legend>
      <p className="muted report__hint">{i18n.t('report.texts.hint')}</p>
      {sentBack?.decision?.comment && (
        <blockquote className="report__request" data-testid="report-texts-request">
          <span className="report__request-label">{i18n.t('report.texts.request', { version: sentBack.version })}</span>{' '}
          {sentBack.decision.comment}
        </blockquote>
      )}
      {shown.map((t) => (
        <div className="field" key={t}>
          <label htmlFor={`${id}-${t}`}>{i18n.t(`report.part.${t}`)}</label>
          <textarea
            id={`${id}-${t}`}
            value={texts[t] ?? ''}
            maxLength={MAX_TEXT}
            rows={t === 'lessons' ? 3 : 4}
            disabled={disabled}
            onChange={(e) => onChange(t, e.target.value)}
            data-testid={`report-text-${t}`}
          />
        </div>
      ))}
    </fieldset>
  );
}

/**
 * What changed between the two newest versions, for the client before deciding: which of the contractor's
 * texts were edited, each before and after; the sections derived from the record are generated anew.
 */
export function ReportChanges({ latest, previous }: { readonly latest: ReportVersionView; readonly previous: ReportVersionView }) {
  const i18n = useI18n();
  const empty = <span className="muted">{i18n.t('report.edited.empty')}</span>;
  return (
    <div className="records-block report__changes" data-testid="report-changes">
      <h4>{i18n.t('report.edited.title', { version: previous.version })}</h4>
      {latest.edited.length === 0 ? (
        <p data-testid="report-changes-none">{i18n.t('report.edited.none', { version: previous.version })}</p>
      ) : (
        <>
          <p data-testid="report-changes-list">
            {i18n.t('report.edited.list', { sections: latest.edited.map((t) => i18n.t(`report.part.${t}`)).join(', ') })}
          </p>
          {latest.edited.map((t) => (
            // At most three, each short enough to read at once: open, so the client reads them before deciding.
            <details key={t} className="report__change" open data-testid={`report-change-${t}`}>
              <summary>{i18n.t(`report.part.${t}`)}</summary>
              <div className="report__change-sides">
                <div>
                  <h5>{i18n.t('report.edited.before', { version: previous.version })}</h5>
                  <p className="record__text">{previous.texts?.[t] ?? empty}</p>
                </div>
                <div>
                  <h5>{i18n.t('report.edited.after', { version: latest.version })}</h5>
                  <p className="record__text">{latest.texts?.[t] ?? empty}</p>
                </div>
              </div>
            </details>
          ))}
        </>
      )}
      <p className="muted report__hint">{i18n.t('report.edited.derived')}</p>
    </div>
  );
}
