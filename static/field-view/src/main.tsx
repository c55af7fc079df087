import { view } from '@forge/bridge';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { translate, type Locale, type MessageKey } from '../../../src/shared/i18n/messages';
import type { ResolverResults } from '../../../src/shared/resolver-contract';
import { getLevelFieldValue } from '../../panel/src/api/invokes';
import { settle } from '../../panel/src/hooks/use-envelope-view';
import './field-view.css';

type FieldValue = NonNullable<ResolverResults['getLevelFieldValue']>;

/**
 * The "Escalation level" field in the issue view, in the reader's language. Jira's own rendering (the
 * formatter, in lists and search) shows the level number only, and the stored value names the level in the
 * site's default language: here the level is named in the reader's language, asked of the app (the project's
 * process template names the levels). Until the answer comes, or if it does not, the number alone shows;
 * never the stored name beside a translated label.
 */
function FieldView() {
  const [locale, setLocale] = useState<Locale | null>(null);
  const [stored, setStored] = useState<FieldValue | null>(null);
  const [named, setNamed] = useState<FieldValue | null>(null);
  // Asking the app for the level's name: screen readers (and tests) wait for the answer.
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    void view.getContext().then(async (context) => {
      const l: Locale = String(context.locale ?? 'en').startsWith('de') ? 'de' : 'en';
      document.documentElement.lang = l;
      const extension = (context.extension ?? {}) as { fieldValue?: FieldValue | null };
      setStored(extension.fieldValue ?? null);
      setLocale(l);
      if (!extension.fieldValue) return;
      setAsking(true);
      const response = await settle(() => getLevelFieldValue({ locale: l }));
      if (response?.ok && response.data) setNamed(response.data);
      setAsking(false);
    });
  }, []);

  if (!locale) return null;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const value = named ?? stored;
  if (!value) return <span className="field-view field-view--none">{t('fieldView.none')}</span>;
  return (
    <span className="field-view" data-testid="field-view" aria-busy={asking}>
      <span className="field-view__level">
        {named ? t('portal.level', { level: named.level, name: named.name }) : t('header.level', { level: value.level })}
      </span>
      {value.status !== 'open' && <span className="field-view__status">{t(`status.${value.status}`)}</span>}
    </span>
  );
}

// Jira's light or dark theme in this frame (the CSS uses design tokens); a host without theming keeps the light fallbacks.
void view.theme.enable().catch(() => undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldView />
  </StrictMode>,
);
