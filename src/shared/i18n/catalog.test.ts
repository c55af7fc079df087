import { de } from './de';
import { en } from './en';
import { REPORT_WORD_KEYS } from '../../domain/report/report-labels';
import { translate } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalog', () => {
  it('has every key in both languages, with a non-empty text and the same placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const german = de[key as keyof typeof de];
      expect({ key, en: text.trim().length > 0, de: german.trim().length > 0 }).toEqual({ key, en: true, de: true });
      expect({ key, placeholders: placeholders(german) }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('de', 'header.level', { level: 2 })).toBe('Stufe 2');
    expect(translate('en', 'header.level')).toBe('Level {level}');
  });

  it('has exactly the words the report asks for', () => {
    const reportKeys = Object.keys(en)
      .filter((key) => key.startsWith('reportText.'))
      .map((key) => key.slice('reportText.'.length));
    expect(reportKeys.sort()).toEqual([...REPORT_WORD_KEYS].sort());
  });
});
