import { decodeXmlText, xmlWellFormedError } from './xml-well-formed';

describe('xmlWellFormedError (the checker the fuzz tests rely on)', () => {
  it.each(['<r/>', '<r><p>a &amp; b &#39; &#x1F600;</p><br /></r>', '<r a="1" b=\'2\'>x</r>', '<r>😀</r>'])('accepts %s', (xml) =>
    expect(xmlWellFormedError(xml)).toBeUndefined(),
  );

  it.each([
    ['<r><p></r>', 'mismatch'],
    ['<r>a < b</r>', 'lt'],
    ['<r>&nbsp;</r>', 'entity'],
    ['<r>&amp</r>', 'unterminated'],
    ['<r>\u0001</r>', 'control'],
    ['<r>\uD800</r>', 'surrogate'],
    ['<r>]]></r>', 'cdata end'],
    ['<r a=1/>', 'unquoted'],
    ['<r a="1" a="2"/>', 'duplicate'],
    ['<r/><r/>', 'two roots'],
    ['<r><!-- c --></r>', 'comment'],
    ['<r><script>x</script>', 'unclosed'],
    ['<r>&#0;</r>', 'invalid char ref'],
  ])('rejects %s (%s)', (xml) => expect(xmlWellFormedError(xml)).toBeDefined());

  it('decodes what it accepts', () => expect(decodeXmlText('&lt;a&gt; &amp;&#39;&#x41;')).toBe("<a> &'A"));
});
