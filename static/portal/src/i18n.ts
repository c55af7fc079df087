import { createContext, useContext } from 'react';
import { isMessageKey, translate, type Locale, type MessageKey, type MessageParams } from '../../../src/shared/i18n/messages';
import type { ResolverError } from '../../../src/shared/resolver-contract';
import type { LocalizedText } from '../../../src/shared/vocabulary';

export type { MessageKey };

export interface I18n {
  readonly locale: Locale;
  readonly tag: string;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  readonly text: (value: LocalizedText) => string;
  readonly dateTime: (iso: string) => string;
}

/** The customer's portal locale reduced to the app's languages (German or English). */
export function createI18n(locale: string | undefined, timeZone: string | undefined): I18n {
  const language: Locale = locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
  const tag = language === 'de' ? 'de-DE' : 'en-GB';
  if (typeof document !== 'undefined') document.documentElement.lang = tag; // the reader's language, for screen readers
  let zone = timeZone || 'UTC';
  try {
    new Intl.DateTimeFormat(tag, { timeZone: zone });
  } catch {
    zone = 'UTC'; // an unknown zone would throw on every date
  }
  const format = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  return {
    locale: language,
    tag,
    t: (key, params) => translate(language, key, params),
    text: (value) => value[language],
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    },
  };
}

/** A refusal in words: the domain's reason where it has one, the portal's own words for who may act here. */
export function errorText(i18n: I18n, error: ResolverError | 'unreachable'): string {
  if (error === 'unreachable') return i18n.t('app.unreachable');
  if (error.code === 'forbidden') return i18n.t('portal.forbidden');
  if (error.code === 'not-a-party') return i18n.t('portal.notClient');
  if (error.code === 'rejected') {
    const key = `rejection.${error.reason ?? ''}`;
    return isMessageKey(key) ? i18n.t(key) : i18n.t('error.rejected');
  }
  return i18n.t(`error.${error.code}`);
}

export const I18nContext = createContext<I18n>(createI18n(undefined, undefined));
export const useI18n = () => useContext(I18nContext);
