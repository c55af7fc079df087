/**
 * What a reader of one language must never see: a catalog key, a code the app uses (kebab-case or camelCase
 * segments of catalog keys, constants, account ids) or a whole sentence of the other language (catalog,
 * manifest translations, level names). Shared by the browser tests that read rendered text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PROCESS_TEMPLATE } from '../../../src/domain/process/default-template';
import { de } from '../../../src/shared/i18n/de';
import { en } from '../../../src/shared/i18n/en';
import { ROOT } from './sandbox-session';

export type Lang = 'de' | 'en';

/** Words of each language that look like codes but are words (hyphenated or with inner capitals). */
const WORDS: Record<Lang, RegExp> = {
  de: /^(?:e-mail|z-b)$/i,
  en: /^(?:\d+-(?:day|hour|week|month|year)s?|top-priority|comma-separated|e-mail|follow-up|follow-ups|two-hour|round-the-clock|non-binding|up-to-date|re-open|re-export|de-escalat\w*|business-hour|one-off|third-party|in-app|pre-\w+|co-\w+|self-\w+|so-called|long-term|short-term|well-known|built-in|read-only|sign-off|counter-\w+|year-end|end-to-end)$/i,
};

function flatten(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(flatten);
  return [];
}

/** Whole messages of a catalog without placeholders, long enough to be a sentence of that language only. */
function sentences(lang: Lang): string[] {
  const own = lang === 'de' ? de : en;
  const other = lang === 'de' ? en : de;
  const manifest = flatten(JSON.parse(readFileSync(path.join(ROOT, 'locales', lang === 'de' ? 'de-DE.json' : 'en-US.json'), 'utf8')));
  const otherManifest = flatten(JSON.parse(readFileSync(path.join(ROOT, 'locales', lang === 'de' ? 'en-US.json' : 'de-DE.json'), 'utf8')));
  const levelNames = DEFAULT_PROCESS_TEMPLATE.levels.map((l) => l.name[lang]);
  const otherLevelNames = DEFAULT_PROCESS_TEMPLATE.levels.map((l) => l.name[lang === 'de' ? 'en' : 'de']);
  const mine = new Set([...Object.values(own), ...manifest, ...levelNames]);
  return [...Object.values(other), ...otherManifest, ...otherLevelNames].filter(
    (s) => !s.includes('{') && s.length >= 14 && /\s/.test(s) && !mine.has(s),
  );
}

/** Codes the app uses: segments of catalog keys that are not words (kebab-case or camelCase). */
const CODES = new Set(
  Object.keys(en)
    .flatMap((k) => k.split('.'))
    .filter((s) => /-/.test(s) || /[a-z][A-Z]/.test(s)),
);

export function leaks(text: string, lang: Lang): string[] {
  const found = new Set<string>();
  for (const key of Object.keys(en)) if (key.includes('.') && text.includes(key)) found.add(`catalog key ${key}`);
  for (const token of text.match(/[\p{L}\p{N}]+(?:[-_:][\p{L}\p{N}]+)*/gu) ?? []) {
    if (CODES.has(token)) found.add(`code ${token}`);
    else if (/^[a-z]+[A-Z]\w*$/.test(token) && !/^(?:iPhone|eMail)$/.test(token)) found.add(`camelCase ${token}`);
    else if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(token)) found.add(`constant ${token}`);
    else if (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(token) && !/^\d+(?:-\d+)+$/.test(token) && !WORDS[lang].test(token))
      found.add(`kebab-case ${token}`);
    else if (/^\d{6}:[\w-]+$/.test(token)) found.add(`account id ${token}`);
  }
  for (const sentence of sentences(lang)) if (text.includes(sentence)) found.add(`other language: "${sentence}"`);
  return [...found];
}
