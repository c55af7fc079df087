import { visibleLength } from './visible-text';

describe('visibleLength', () => {
  it.each([
    '   ',
    '\u200B\u200B\u200B\u200B',
    '\u200D\uFEFF\u2060',
    '\u0000\u0007\u001F',
    '\t\r\n',
    '\u00A0\u3000\u2003',
    '\u0301\u0301\u0301',
    '\u3164\u3164\u3164',
  ])('sees nothing in %j', (text) => expect(visibleLength(text)).toBe(0));

  it('counts the letters of a real reason', () => {
    expect(visibleLength(' Kunde\u200B im Urlaub ')).toBe(13);
    expect(visibleLength('客户休假')).toBe(4);
  });
});
