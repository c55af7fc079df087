import { storageWellFormedError, xmlText, xmlWellFormedError } from './xml-oracle';

describe('xmlWellFormedError (the oracle the markup tests rely on)', () => {
  it.each(['<r/>', '<r><p>a &amp; b &#39; &#x1F600; &apos;</p><br /></r>', '<r a="1" b=\'2\'>x</r>', '<r>😀</r>', '<r>\t\n</r>'])(
    'accepts %s',
    (xml) => expect(xmlWellFormedError(xml)).toBeUndefined(),
  );

  it.each([
    ['<r><p></r>', 'mismatch'],
    ['<r>a < b</r>', 'lt'],
    ['<r>&nbsp;</r>', 'HTML entity'],
    ['<r>&unknown;</r>', 'unknown entity'],
    ['<r>&amp</r>', 'unterminated'],
    ['<r>a & b</r>', 'bare ampersand'],
    ['<r>\u0001</r>', 'control'],
    ['<r>\u0085\uFFFE</r>', 'non-character'],
    ['<r>\uD800</r>', 'surrogate'],
    ['<r>]]></r>', 'cdata end'],
    ['<r a=1/>', 'unquoted'],
    ['<r a="1" a="2"/>', 'duplicate'],
    ['<r/><r/>', 'two roots'],
    ['<r><script>x</script>', 'unclosed'],
    ['<r>&#0;</r>', 'invalid char ref'],
    ['<r>&#x1;</r>', 'invalid hex char ref'],
    ['<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', 'DTD'],
    ['<r><ac:link/></r>', 'undeclared prefix'],
  ])('rejects %s (%s)', (xml) => expect(xmlWellFormedError(xml)).toBeDefined());
});

describe('storageWellFormedError', () => {
  it('declares the Confluence namespaces on the root it wraps the fragment in', () => {
    expect(
      storageWellFormedError(
        '<p>x</p><ac:structured-macro ac:name="info"><ac:rich-text-body><p>y</p></ac:rich-text-body></ac:structured-macro>',
      ),
    ).toBeUndefined();
    expect(storageWellFormedError('<ac:link><ri:page ri:content-title="A &amp; B" /></ac:link>')).toBeUndefined();
    expect(storageWellFormedError('<p>x</p><q:x/>')).toBeDefined();
    expect(storageWellFormedError('<p>&nbsp;</p>')).toBeDefined();
  });
});

describe('xmlText', () => {
  it('decodes what a parser reads', () => expect(xmlText('&lt;a&gt; &amp;&#39;&#x41; &amp;nbsp;\n ')).toBe("<a> &'A &nbsp;\n "));
});
