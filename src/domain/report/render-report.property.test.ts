import fc from 'fast-check';
import { validator } from '@atlaskit/adf-utils/validator';
import { buildEscalationReport } from './build-escalation-report';
import { cleanText } from './clean-text';
import { renderAdf, SUMMARY_SECTIONS } from './render-adf';
import { renderHtml } from './render-html';
import { escapeMarkdown, renderMarkdown } from './render-markdown';
import { escapeStorage, renderStorage } from './render-storage';
import { decodeXmlText, xmlWellFormedError } from './testing/xml-well-formed';
import { reportFixture, type FixtureTexts } from './testing/report-fixture';

/**
 * Hostile user text: markup, scripts, broken XML, entities, CDATA ends, Markdown and table syntax,
 * control characters, lone surrogates, astral characters, and random mixtures of all of them.
 */
const NASTY = [
  '<script>alert(1)</script>',
  '<SCRIPT src=//x>',
  '"><img src=x onerror=alert(1)>',
  '</p></td></tr></table><p>',
  '<ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[<script>x</script>]]></ac:plain-text-body></ac:structured-macro>',
  ']]>',
  '&nbsp; &amp; &#0; &#x1; &unknown;',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>&e;',
  '<!-- comment -->',
  '| a | b |\n|---|---|',
  '# heading\n1. list\n- item\n> quote\n```code```',
  '[link](javascript:alert(1))',
  '\u0000\u0001\u0008\u000b\u000c\u001f\u007f\u0085\ufffe\uffff',
  '\ud800 lone high, lone low \udfff',
  '😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e RTL',
  '\r\n\r\n',
  '   ',
  '',
];
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const hostile = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY, '<', '>', '&', '"', "'", ']]>', '\n'), fc.string({ unit: anyCodeUnit, maxLength: 5 })), {
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);
const texts: fc.Arbitrary<FixtureTexts> = fc.record({
  summary: hostile,
  problem: hostile,
  impact: hostile,
  note: hostile,
  comment: hostile,
  plan: hostile,
  name: hostile,
  reason: hostile,
  lessons: hostile,
});
const locale = fc.constantFrom('de' as const, 'en' as const);
const RUNS = { numRuns: 150 };

// The validator asks a feature gate once and logs that no gate client runs here; keep the test output clean.
const validateAdf = (() => {
  const error = console.error;
  console.error = () => undefined;
  try {
    return validator();
  } finally {
    console.error = error;
  }
})();
const OUR_HTML_TAGS =
  /<(?!\/?(?:html|head|meta|title|style|body|h1|h2|h3|p|section|table|thead|tbody|tr|th|td|ul|li|br)[\s>/]|!DOCTYPE html>)/;
const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('report output with hostile user text (fast-check)', () => {
  it('the ADF validator used here does reject invalid documents', () => {
    expect(() =>
      validateAdf({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] }),
    ).toThrow();
    expect(() => validateAdf({ type: 'doc', version: 1, content: [{ type: 'script', text: 'x' }] })).toThrow();
  });

  it('storage format is always well-formed XML', () => {
    fc.assert(
      fc.property(texts, locale, (t, l) => {
        const storage = renderStorage(buildEscalationReport(reportFixture(t, l)));
        expect(xmlWellFormedError(`<root>${storage}</root>`)).toBeUndefined();
        // Plain content only: no Confluence macros, no CDATA, no scripts.
        expect(storage).not.toMatch(/<ac:|<ri:|<!\[CDATA\[|<script/i);
      }),
      RUNS,
    );
  });

  it('escapeStorage keeps every character of the (cleaned) text as text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const escaped = escapeStorage(s);
        expect(xmlWellFormedError(`<r>${escaped}</r>`)).toBeUndefined();
        expect(decodeXmlText(escaped)).toBe(cleanText(s));
      }),
      { numRuns: 500 },
    );
  });

  it('ADF (full report and comment summary) is always valid against @atlaskit/adf-schema', () => {
    fc.assert(
      fc.property(texts, locale, hostile, (t, l, footer) => {
        const report = buildEscalationReport(reportFixture(t, l));
        for (const adf of [renderAdf(report), renderAdf(report, { sections: SUMMARY_SECTIONS, footer: [footer] })]) {
          expect(() => validateAdf(adf as never)).not.toThrow();
          expect(hasLoneSurrogate(JSON.stringify(adf))).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('Markdown carries no raw HTML: no `<script`, no `<` but the line breaks it writes itself', () => {
    fc.assert(
      fc.property(texts, locale, (t, l) => {
        const markdown = renderMarkdown(buildEscalationReport(reportFixture(t, l)));
        expect(markdown).not.toMatch(/<script/i);
        expect(markdown.replace(/<br>/g, '')).not.toContain('<');
        expect(hasLoneSurrogate(markdown)).toBe(false);
      }),
      RUNS,
    );
  });

  it('escapeMarkdown leaves no Markdown or HTML syntax active', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const escaped = escapeMarkdown(s);
        expect(escaped).not.toMatch(/<|(?<!\\)[*_`[\]|#]/);
      }),
      { numRuns: 500 },
    );
  });

  it('printable HTML has no `<script` and no tag but its own', () => {
    fc.assert(
      fc.property(texts, locale, (t, l) => {
        const html = renderHtml(buildEscalationReport(reportFixture(t, l)));
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(OUR_HTML_TAGS);
        expect(hasLoneSurrogate(html)).toBe(false);
      }),
      RUNS,
    );
  });
});
