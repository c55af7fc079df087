import { useI18n } from '../i18n/i18n';
import { principlesFor, type PanelDecision } from './decision-principles';
import { usePanelContext } from './panel-context';

/**
 * The annex's principles that bear on a decision, shown in its form (open, so they are read before the
 * decision; the reader may fold them away). Nothing when the template has none of them.
 */
export function PrinciplesReminder({ decision }: { readonly decision: PanelDecision }) {
  const i18n = useI18n();
  const { view } = usePanelContext();
  const principles = principlesFor(view, decision);
  if (principles.length === 0) return null;
  return (
    <details className="principles" open data-testid={`principles-${decision}`}>
      <summary className="principles__title">{i18n.t('principles.title')}</summary>
      <ul className="principles__list">
        {principles.map((p) => (
          <li key={p.id} data-principle={p.id}>
            {i18n.text(p.text)}{' '}
            <span className="principles__source">
              ({i18n.t(p.chapter === 'introduction' ? 'principles.introduction' : 'principles.definition')})
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
