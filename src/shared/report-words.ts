import type { Locale } from '../domain/process/process-template';
import { REPORT_WORD_KEYS, type ReportWords } from '../domain/report/report-labels';
import { translate } from './i18n/messages';

/** The report's words in one language: the catalog's `reportText.*` section, as the domain's report expects it. */
export function reportWords(locale: Locale): ReportWords {
  return Object.fromEntries(REPORT_WORD_KEYS.map((key) => [key, translate(locale, `reportText.${key}`)])) as ReportWords;
}
