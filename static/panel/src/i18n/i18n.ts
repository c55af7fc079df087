import { createContext, useContext } from 'react';
import { isMessageKey, translate, type Locale, type MessageKey, type MessageParams } from '../../../../src/shared/i18n/messages';
import type { LocalizedText } from '../../../../src/shared/vocabulary';

export { isMessageKey, translate };
export type { Locale, MessageKey, MessageParams };

/** The user's Jira locale (`de-DE`, `en-US`, …) reduced to the panel's languages; English otherwise. */
export function panelLocale(jiraLocale: string | undefined): Locale {
  return jiraLocale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** A Jira locale as a BCP 47 tag for Intl (`de_DE` → `de-DE`), falling back to the panel's language. */
export function intlTag(jiraLocale: string | undefined, locale: Locale): string {
  const tag = jiraLocale?.replace('_', '-');
  if (tag && panelLocale(tag) === locale) {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? tag;
    } catch {
      // not a valid tag: use the language's default below
    }
  }
  return locale === 'de' ? 'de-DE' : 'en-US';
}

export interface I18n {
  readonly locale: Locale;
  /** BCP 47 tag for Intl. */
  readonly tag: string;
  /** IANA time zone of the user (from the Forge context). */
  readonly timeZone: string;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  /** The user's language out of a `{de, en}` text from the view. */
  readonly text: (value: LocalizedText) => string;
  /** Date and time in the user's locale and time zone. */
  readonly dateTime: (iso: string) => string;
  /** A calendar date (`2026-11-23`) in the user's locale; it names a day, so no time zone shifts it. */
  readonly date: (isoDate: string) => string;
}

export function createI18n(jiraLocale: string | undefined, timeZone: string | undefined): I18n {
  const locale = panelLocale(jiraLocale);
  const tag = intlTag(jiraLocale, locale);
  let zone = timeZone || 'UTC';
  try {
    new Intl.DateTimeFormat(tag, { timeZone: zone });
  } catch {
    zone = 'UTC'; // an unknown zone would throw on every date; UTC is explicit and still correct
  }
  const format = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  // The frame's language is the reader's: screen readers choose their voice by it.
  if (typeof document !== 'undefined') document.documentElement.lang = tag;
  const dayFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    locale,
    tag,
    timeZone: zone,
    t: (key, params) => translate(locale, key, params),
    text: (value) => value[locale],
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    },
    date: (isoDate) => {
      const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? isoDate : dayFormat.format(date);
    },
  };
}

export const I18nContext = createContext<I18n>(createI18n('en-US', 'UTC'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
