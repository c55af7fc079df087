import { csvCell } from './analytics-csv';

describe('csvCell formula guard (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-1+HYPERLINK("http://evil","x")', `"'-1+HYPERLINK(""http://evil"",""x"")"`],
    ['-2-3', "'-2-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['   =1+1', "'   =1+1"],
  ])('defuses %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers and plain text as they are', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('DEMO')).toBe('DEMO');
    expect(csvCell('a;b')).toBe('"a;b"');
  });
});
