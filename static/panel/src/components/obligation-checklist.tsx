import type { Level } from '../../../../src/shared/vocabulary';
import type { ObligationItem, SectionView } from '../../../../src/shared/escalation-panel-view';
import { useI18n, type I18n } from '../i18n/i18n';
import { Lozenge, type Tone } from './lozenge';
import { ObligationCell } from './obligation-cell';
import { partyLabel } from './view-helpers';

function sectionProgress(section: SectionView) {
  const items = section.pairs.flatMap((p) => [p.contractor, p.client]).filter((i): i is ObligationItem => i !== undefined);
  return {
    done: items.filter((i) => i.fulfilment).length,
    total: items.length,
    requiredOpen: items.filter((i) => i.mandatory && !i.fulfilment).length,
  };
}

/** Where a level's section stands: the current level, an earlier level's follow-up, or a later level's preparation. */
function sectionRole(i18n: I18n, section: SectionView, level: Level): { tag: string; hint?: string; tone: Tone } | null {
  if (section.current) return { tag: i18n.t('checklist.section.current'), tone: 'info' };
  if (section.scope !== 'level' || section.level === undefined) return null;
  if (section.level < level)
    return {
      tag: i18n.t('checklist.section.followUp', { level: section.level }),
      hint: i18n.t('checklist.section.followUpHint'),
      tone: 'neutral',
    };
  return {
    tag:
      section.level === 4
        ? i18n.t('checklist.section.preparation')
        : i18n.t('checklist.section.preparationLevel', { level: section.level }),
    hint: i18n.t('checklist.section.preparationHint'),
    tone: 'new',
  };
}

function Section({ section, level }: { readonly section: SectionView; readonly level: Level }) {
  const i18n = useI18n();
  const progress = sectionProgress(section);
  const title =
    section.scope === 'level'
      ? i18n.t('checklist.section.level', { level: section.level ?? level, title: i18n.text(section.title) })
      : i18n.t('checklist.section.crossCutting', { title: i18n.text(section.title) });
  const role = sectionRole(i18n, section, level);
  return (
    <section
      className={`checklist-section${section.current ? ' checklist-section--current' : ''}`}
      data-testid={`section-${section.id}`}
      aria-label={role ? `${title} (${role.tag})` : title}
    >
      <div className="checklist-section__head">
        <h4>
          {title}
          {role && (
            <>
              {' '}
              <Lozenge tone={role.tone}>{role.tag}</Lozenge>
            </>
          )}
        </h4>
        <span className="checklist-section__progress">
          {i18n.t('checklist.progress', { done: progress.done, total: progress.total })}
          {progress.requiredOpen > 0 && (
            <span className="required required--count">{i18n.t('checklist.requiredOpen', { count: progress.requiredOpen })}</span>
          )}
        </span>
        {role?.hint && <p className="checklist-section__hint">{role.hint}</p>}
      </div>
      <table className="pairs">
        <colgroup>
          <col className="pairs__index" />
          <col />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" aria-label="#"></th>
            <th scope="col">{partyLabel(i18n, 'contractor')}</th>
            <th scope="col">{partyLabel(i18n, 'client')}</th>
          </tr>
        </thead>
        <tbody>
          {section.pairs.map((pair) => (
            <tr key={pair.pairIndex} data-testid={`pair-${section.id}-${pair.pairIndex}`}>
              <th scope="row" className="pairs__number">
                {pair.pairIndex}
              </th>
              <td>
                {pair.contractor ? <ObligationCell item={pair.contractor} /> : <span className="muted">{i18n.t('checklist.empty')}</span>}
              </td>
              <td>{pair.client ? <ObligationCell item={pair.client} /> : <span className="muted">{i18n.t('checklist.empty')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The active sections' obligations, contractor item i beside client item i. */
export function ObligationChecklist({ sections, level }: { readonly sections: readonly SectionView[]; readonly level: Level }) {
  const i18n = useI18n();
  return (
    <section className="card" data-testid="obligation-checklist" aria-labelledby="checklist-title">
      <h3 id="checklist-title" className="card__title">
        {i18n.t('checklist.title')}
      </h3>
      {sections.map((section) => (
        <Section key={section.id} section={section} level={level} />
      ))}
    </section>
  );
}
