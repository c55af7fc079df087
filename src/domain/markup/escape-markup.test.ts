import { cleanText, escapeMarkup, escapeMarkupText } from './escape-markup';

describe('cleanText', () => {
  it('drops control characters XML cannot hold and keeps tab and newline', () => {
    expect(cleanText('a\u0000b\u0007c\td\ne\u001Bf\u0085g\uFFFEh\uFFFF')).toBe('abc\td\nefgh');
  });
  it('normalises line ends and mends lone surrogates', () => {
    expect(cleanText('x\r\ny\rz')).toBe('x\ny\nz');
    expect(cleanText('\uD800a\uDC00')).toBe('\uFFFDa\uFFFD');
    expect(cleanText('😀')).toBe('😀');
  });
  it('drops bidirectional embeddings, overrides and isolates, keeps the marks and right-to-left text', () => {
    expect(cleanText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanText('\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069')).toBe('abcdefg');
    expect(cleanText('\u200Eשלום\u200F مرحبا')).toBe('\u200Eשלום\u200F مرحبا');
  });
});

describe('escapeMarkup', () => {
  it('escapes the five markup characters with XML-predefined entities only', () => {
    expect(escapeMarkup(`<b title="x">Tom & Jerry's</b>`)).toBe('&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;');
    expect(escapeMarkup('&nbsp; &amp;')).toBe('&amp;nbsp; &amp;amp;');
  });
  it('cleans first: no control or bidi character reaches the markup', () => {
    expect(escapeMarkup('a\u0001<\u202E>\r\n')).toBe('a&lt;&gt;\n');
  });
});

describe('escapeMarkupText', () => {
  it('escapes what element content needs and leaves quotes alone', () => {
    expect(escapeMarkupText(`a < "b" & 'c' >\u0000\u2066`)).toBe(`a &lt; "b" &amp; 'c' &gt;`);
  });
});
