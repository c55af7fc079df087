import { createContext, useContext } from 'react';
import { isMessageKey, translate, type Locale, type MessageKey, type MessageParams } from '../../../src/shared/i18n/messages';
import type { LocalizedText } from '../../../src/shared/vocabulary';

export type { Locale, MessageKey };

export interface I18n {
  readonly locale: Locale;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  readonly text: (value: LocalizedText) => string;
  /** An audit entry's action in words, or as recorded when there are none for it. */
  readonly action: (action: string) => string;
  readonly dateTime: (iso: string) => string;
  readonly date: (iso: string) => string;
  readonly number: (n: number, digits?: number) => string;
}

export function createI18n(jiraLocale: string | undefined, timeZone: string | undefined): I18n {
  const locale: Locale = jiraLocale?.toLowerCase().startsWith('de') ? 'de' : 'en';
  const tag = locale === 'de' ? 'de-DE' : 'en-US';
  let zone = timeZone || 'UTC';
  try {
    new Intl.DateTimeFormat(tag, { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const dt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  // The frame's language is the reader's: screen readers choose their voice by it.
  if (typeof document !== 'undefined') document.documentElement.lang = tag;
  const d = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: zone });
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    text: (value) => value[locale],
    action: (action) => {
      const key = `audit.action.${action}`;
      return isMessageKey(key) ? translate(locale, key) : action;
    },
    dateTime: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : dt.format(new Date(iso))),
    date: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : d.format(new Date(iso))),
    number: (n, digits = 0) => n.toLocaleString(tag, { maximumFractionDigits: digits, minimumFractionDigits: digits }),
  };
}

export const I18nContext = createContext<I18n>(createI18n('en-US', 'UTC'));
export const useI18n = () => useContext(I18nContext);
