import fc from 'fast-check';
import { validator } from '@atlaskit/adf-utils/validator';
import { buildEscalationReport } from './build-escalation-report';
import { renderAdf, SUMMARY_SECTIONS } from './render-adf';
import { renderHtml } from './render-html';
import { escapeMarkdown, renderMarkdown } from './render-markdown';
import { hostile, locale, texts } from './testing/hostile-text';
import { reportFixture } from './testing/report-fixture';

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

// Storage format (XML) is checked against an XML parser in test/contract/storage-format.property.test.ts.
describe('report output with hostile user text (fast-check)', () => {
  it('the ADF validator used here does reject invalid documents', () => {
    expect(() =>
      validateAdf({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] }),
    ).toThrow();
    expect(() => validateAdf({ type: 'doc', version: 1, content: [{ type: 'script', text: 'x' }] })).toThrow();
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
