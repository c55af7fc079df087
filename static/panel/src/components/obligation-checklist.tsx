import { useState } from 'react';
import type { Level, Party } from '../../../../src/shared/vocabulary';
import type { ObligationItem, SectionView } from '../../../../src/shared/escalation-panel-view';
import { useI18n, type I18n } from '../i18n/i18n';
import { Lozenge, type Tone } from './lozenge';
import { ObligationCell } from './obligation-cell';
import { partyLabel } from './view-helpers';

/** Progress of the items shown: the viewer's party's alone in "my items", both parties' side by side. */
function sectionProgress(section: SectionView, only: Party | null) {
  const items = section.pairs
    .flatMap((p) => (only ? [p[only]] : [p.contractor, p.client]))
    .filter((i): i is ObligationItem => i !== undefined);
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

function Section({ section, level, only }: { readonly section: SectionView; readonly level: Level; readonly only: Party | null }) {
  const i18n = useI18n();
  const progress = sectionProgress(section, only);
  const mine = only ? section.pairs.map((p) => p[only]).filter((i): i is ObligationItem => i !== undefined) : [];
  const mineOpen = mine.filter((i) => !i.fulfilment);
  const mineDone = mine.filter((i) => i.fulfilment);
  // The other party's open items stay in sight as a count; side by side shows them.
  const other: Party | null = only === 'contractor' ? 'client' : only === 'client' ? 'contractor' : null;
  const otherOpen = other ? section.pairs.filter((p) => p[other] && !p[other].fulfilment).length : 0;
  if (only && mine.length === 0) return null;
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
      {only ? (
        <>
          {other && otherOpen > 0 && (
            <p className="muted my-items__other" data-testid={`section-${section.id}-other-open`}>
              {i18n.t('checklist.mine.otherOpen', { party: partyLabel(i18n, other), count: otherOpen })}
            </p>
          )}
          {mineOpen.length === 0 ? (
            <p className="muted" data-testid={`section-${section.id}-mine-done`}>
              {i18n.t('checklist.mine.allDone', { count: mine.length })}
            </p>
          ) : (
            <ul className="my-items" data-testid={`section-${section.id}-mine`}>
              {mineOpen.map((item) => (
                <li key={item.id} className="my-items__item">
                  <ObligationCell item={item} />
                </li>
              ))}
            </ul>
          )}
          {mineDone.length > 0 && (
            <div className="my-items__done">
              <h5 className="my-items__title">{i18n.t('checklist.mine.done', { count: mineDone.length })}</h5>
              <ul className="my-items">
                {mineDone.map((item) => (
                  <li key={item.id} className="my-items__item">
                    <ObligationCell item={item} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      ) : (
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
      )}
    </section>
  );
}

/**
 * The active sections' obligations: by default the open items of the party the viewer acts for; on demand
 * both parties side by side, contractor item i beside client item i (a reader outside both parties sees that).
 */
export function ObligationChecklist({
  sections,
  level,
  party,
}: {
  readonly sections: readonly SectionView[];
  readonly level: Level;
  readonly party: Party | null;
}) {
  const i18n = useI18n();
  const [both, setBoth] = useState(false);
  const only = party && !both ? party : null;
  return (
    <section className="card" data-testid="obligation-checklist" aria-labelledby="checklist-title">
      <h3 id="checklist-title" className="card__title">
        {i18n.t('checklist.title')}
      </h3>
      {party && (
        <div className="checklist__mode" role="group" aria-label={i18n.t('checklist.mode')}>
          <button
            type="button"
            className={`button button--small${only ? ' button--selected' : ' button--subtle'}`}
            aria-pressed={only !== null}
            onClick={() => setBoth(false)}
            data-testid="checklist-mine"
          >
            {i18n.t('checklist.mode.mine')}
          </button>
          <button
            type="button"
            className={`button button--small${only ? ' button--subtle' : ' button--selected'}`}
            aria-pressed={only === null}
            onClick={() => setBoth(true)}
            data-testid="checklist-both"
          >
            {i18n.t('checklist.mode.both')}
          </button>
        </div>
      )}
      {sections.map((section) => (
        <Section key={section.id} section={section} level={level} only={only} />
      ))}
    </section>
  );
}
