import { useState } from 'react';
import { type Obligation, type ProcessTemplate, type SectionId, SECTION_IDS } from '../../../../src/shared/vocabulary';
import { useI18n } from '../i18n';

/**
 * The template in force as both parties read it: each section's obligations paired (contractor item i
 * beside client item i), each in German and English, with its mandatory flag and the time the annex names;
 * the principles and the time frames with their defaults.
 */
export function TemplateViewer({ template }: { readonly template: ProcessTemplate }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [section, setSection] = useState<SectionId | 'principles' | 'timeFrames'>('level-1');
  const items = template.obligations.filter((o) => o.section === section && !o.retired);
  const pairs = [...new Set(items.map((o) => o.pairIndex))].sort((a, b) => a - b);
  const of = (party: Obligation['party'], pair: number) => items.find((o) => o.party === party && o.pairIndex === pair);
  const tab = (id: typeof section, label: string) => (
    <button
      key={id}
      type="button"
      className={id === section ? 'tab tab--active' : 'tab'}
      data-testid={`viewer-tab-${id}`}
      onClick={() => setSection(id)}
    >
      {label}
    </button>
  );
  return (
    <section className="card" data-testid="template-viewer">
      <h3>{t('viewer.title', { version: template.version })}</h3>
      <div className="tabs tabs--small">
        {SECTION_IDS.map((id) => tab(id, i18n.text(template.sections.find((s) => s.id === id)?.title ?? { de: id, en: id })))}
        {tab('principles', t('viewer.principles'))}
        {tab('timeFrames', t('viewer.timeFrames'))}
      </div>
      {section === 'principles' && (
        <ol className="viewer-list" data-testid="viewer-principles">
          {template.principles.map((p) => (
            <li key={p.id}>
              <Bilingual text={p.text} />
            </li>
          ))}
        </ol>
      )}
      {section === 'timeFrames' && (
        <table className="table" data-testid="viewer-time-frames">
          <thead>
            <tr>
              <th>{t('viewer.timeFrame')}</th>
              <th>{t('viewer.default')}</th>
            </tr>
          </thead>
          <tbody>
            {template.timeFrames.map((f) => (
              <tr key={f.key}>
                <td>
                  <Bilingual text={f.label} />
                </td>
                <td className="nowrap">
                  {f.default.amount} {t(`viewer.unit.${f.default.unit}`)} ·{' '}
                  {t(f.calendar === 'business' ? 'viewer.business' : 'viewer.continuous')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {section !== 'principles' && section !== 'timeFrames' && (
        <table className="table viewer-pairs" data-testid={`viewer-section-${section}`}>
          <thead>
            <tr>
              <th />
              <th>{t('template.contractor')}</th>
              <th>{t('template.client')}</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((pair) => (
              <tr key={pair} data-testid={`viewer-pair-${section}-${pair}`}>
                <td className="nowrap">{pair}</td>
                <td>{of('contractor', pair) && <ObligationText obligation={of('contractor', pair)!} template={template} />}</td>
                <td>{of('client', pair) && <ObligationText obligation={of('client', pair)!} template={template} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ObligationText({ obligation, template }: { readonly obligation: Obligation; readonly template: ProcessTemplate }) {
  const i18n = useI18n();
  const { t } = i18n;
  const frame = obligation.deadline && template.timeFrames.find((f) => f.key === obligation.deadline!.timeFrame);
  return (
    <div className="viewer-obligation" data-testid={`viewer-${obligation.id}`}>
      <div className="muted">
        <code>{obligation.id}</code> · {t(`viewer.kind.${obligation.kind}`)}
        {obligation.mandatoryToLeaveStage && <strong> · {t('template.mandatory')}</strong>}
      </div>
      <Bilingual text={obligation.text} />
      {obligation.deadline && frame && (
        <div className="muted">
          {t('viewer.deadline', {
            quote: obligation.deadline.quote,
            frame: i18n.text(frame.label),
            amount: frame.default.amount,
            unit: t(`viewer.unit.${frame.default.unit}`),
          })}
        </div>
      )}
    </div>
  );
}

/** German first (the contract's language), English beneath; the reader's language in bold. */
function Bilingual({ text }: { readonly text: { de: string; en: string } }) {
  const { locale } = useI18n();
  return (
    <div className="bilingual">
      <p lang="de" className={locale === 'de' ? 'strong' : undefined}>
        {text.de}
      </p>
      <p lang="en" className={locale === 'en' ? 'strong' : undefined}>
        {text.en}
      </p>
    </div>
  );
}
