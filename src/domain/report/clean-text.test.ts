import { cleanText } from './clean-text';

describe('cleanText', () => {
  it('drops control characters XML cannot hold and keeps tab and newline', () => {
    expect(cleanText('a\u0000b\u0007c\td\ne\u001Bf\u0085g')).toBe('abc\td\nefg');
  });
  it('normalises line ends and mends lone surrogates', () => {
    expect(cleanText('x\r\ny\rz')).toBe('x\ny\nz');
    expect(cleanText('\uD800a\uDC00')).toBe('\uFFFDa\uFFFD');
    expect(cleanText('😀')).toBe('😀');
  });
});
