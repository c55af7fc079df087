/**
 * Confluence storage format written by the app is well-formed XML for any user text, checked by an XML
 * parser (test/support/xml-oracle.ts), not by the escaper's own rules: the escalation report and the
 * yearly review page, and the escaper itself round-trips every (cleaned) character.
 */
import fc from 'fast-check';
import type { RevisionAnalytics } from '../../src/domain/analytics/revision-analytics';
import { cleanText } from '../../src/domain/markup/escape-markup';
import { buildEscalationReport } from '../../src/domain/report/build-escalation-report';
import { renderHtml } from '../../src/domain/report/render-html';
import { renderMarkdown } from '../../src/domain/report/render-markdown';
import { escapeStorage, renderStorage } from '../../src/domain/report/render-storage';
import { hostile, locale, texts } from '../../src/domain/report/testing/hostile-text';
import { reportFixture } from '../../src/domain/report/testing/report-fixture';
import type { ProcessReview } from '../../src/domain/review/process-review';
import { reviewPageStorage } from '../../src/domain/review/review-page';
import { storageWellFormedError, xmlText } from '../support/xml-oracle';

const RUNS = { numRuns: 150 };
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

describe('Confluence storage format with hostile user text (fast-check, XML parser as oracle)', () => {
  it('the escalation report is always well-formed and plain: no macros, no CDATA, no scripts', () => {
    fc.assert(
      fc.property(texts, locale, (t, l) => {
        const storage = renderStorage(buildEscalationReport(reportFixture(t, l)));
        expect(storageWellFormedError(storage)).toBeUndefined();
        expect(storage).not.toMatch(/<ac:|<ri:|<!\[CDATA\[|<script/i);
        expect(storage).not.toMatch(BIDI_CONTROL);
      }),
      RUNS,
    );
  });

  it('escapeStorage keeps every character of the (cleaned) text as text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const escaped = escapeStorage(s);
        expect(storageWellFormedError(`<p>${escaped}</p>`)).toBeUndefined();
        expect(xmlText(escaped)).toBe(cleanText(s));
      }),
      { numRuns: 500 },
    );
  });

  it('the review page is always well-formed, whatever the findings, feedback and names say', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 7, maxLength: 7 }), locale, fc.boolean(), (t, l, approved) => {
        const review: ProcessReview = {
          id: '2026',
          content: {
            period: { from: '2026-01-01', to: '2026-12-31' },
            findings: t[0]!,
            contractorFeedback: t[1]!,
            clientFeedback: t[2]!,
            agreedChanges: t[3]!,
            training: t[4]!,
          },
          revision: 1,
          approvals: [
            // A hostile account id: it may not break out of the user link's attribute.
            { party: 'contractor', accountId: t[6]! || 'a-1', at: '2026-12-01T10:00:00.000Z', revision: 1 },
            { party: 'client', accountId: 'a-2', at: '2026-12-02T10:00:00.000Z', revision: 1 },
          ],
          createdBy: 'a-1',
          createdAt: '2026-11-01T10:00:00.000Z',
          updatedBy: 'a-1',
          updatedAt: '2026-11-01T10:00:00.000Z',
          exports: [],
        };
        const analytics = {
          total: 3,
          byLevelReached: [{ level: 1, count: 3 }],
          clientNotification: { count: 3, meanMs: 3_600_000, medianMs: 3_600_000, maxMs: 7_200_000, notNotified: 0, late: 0 },
          deadlines: [{ party: 'contractor', met: 2, missed: 1 }],
          rootCauses: [{ text: t[5]!, count: 2, issueKeys: ['DEMO-1', 'DEMO-2'] }],
        } as unknown as RevisionAnalytics;
        const storage = reviewPageStorage({ review, analytics, locale: l, approved });
        expect(storageWellFormedError(storage)).toBeUndefined();
        expect(storage).not.toMatch(BIDI_CONTROL);
      }),
      RUNS,
    );
  });

  it('no bidirectional override reaches the HTML or Markdown report either', () => {
    fc.assert(
      fc.property(texts, locale, (t, l) => {
        const report = buildEscalationReport(reportFixture(t, l));
        expect(renderHtml(report)).not.toMatch(BIDI_CONTROL);
        expect(renderMarkdown(report)).not.toMatch(BIDI_CONTROL);
      }),
      { numRuns: 50 },
    );
  });
});
