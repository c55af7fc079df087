import type { Level } from '../../../../src/shared/vocabulary';
import { useI18n } from '../i18n/i18n';
import { usePanelContext } from './panel-context';

/** The four levels as steps, the current one marked. */
export function LevelSteps({ current }: { readonly current: Level }) {
  const i18n = useI18n();
  const { view } = usePanelContext();
  return (
    <ol className="steps" aria-label={i18n.t('steps.label')}>
      {view.levels.map(({ level, name }) => {
        const state = level < current ? 'past' : level === current ? 'current' : 'future';
        return (
          <li key={level} className={`steps__item steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="steps__dot">{level}</span>
            <span className="steps__name">{i18n.text(name)}</span>
          </li>
        );
      })}
    </ol>
  );
}
