import type { Locale } from '../vocabulary';
import { de } from './de';
import { en, type Catalog, type MessageKey } from './en';

export type { Catalog, Locale, MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;

/** The app's one message catalog per language, shared by every Custom UI and the server. */
export const CATALOGS: Readonly<Record<Locale, Catalog>> = { de, en };

/** Whether a key built at run time (e.g. from a code the server sent) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** A message with `{name}` placeholders filled in; unknown placeholders stay visible rather than vanish. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message in both languages, e.g. for texts that go out to readers whose language is not known. */
export function bilingual(key: MessageKey, params: MessageParams = {}): { readonly de: string; readonly en: string } {
  return { de: translate('de', key, params), en: translate('en', key, params) };
}
