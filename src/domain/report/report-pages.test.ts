import { buildEscalationReport } from './build-escalation-report';
import type { EscalationReport, ReportBlock } from './report-model';
import { paginateReport, utf8Length } from './report-pages';
import { renderStorage, storageParts } from './render-storage';
import { reportFixture } from './testing/report-fixture';

/** A report with a long table (a big timeline): rows of mixed width, umlauts and an emoji. */
function bigReport(rows: number): EscalationReport {
  const base = buildEscalationReport(reportFixture());
  const table: ReportBlock = {
    kind: 'table',
    columns: ['When', 'Who', 'What'],
    rows: Array.from({ length: rows }, (_, i) => [`2026-03-${(i % 28) + 1}`, `Größe ${i}`, `Zeile ${i} 🚀 ${'x'.repeat(i % 300)}`]),
  };
  return {
    ...base,
    sections: base.sections.map((s) =>
      s.id === 'timeline' ? { ...s, blocks: [...s.blocks, table, { kind: 'paragraph', text: 'after' }] } : s,
    ),
  };
}

/** Every block's rows (items, texts) in reading order, whatever the cuts. */
const rowsOf = (sections: EscalationReport['sections']) =>
  sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.kind === 'table'
        ? b.rows.map((r) => `${s.id}|${b.columns.join(',')}|${r.join(',')}`)
        : b.kind === 'list'
          ? b.items.map((i) => `${s.id}|${i}`)
          : [`${s.id}|${JSON.stringify(b)}`],
    ),
  );

describe('paginateReport', () => {
  it('keeps every page within the limit and every row once, in order', () => {
    const report = bigReport(3_000);
    const pages = paginateReport(report, 20_000);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(utf8Length(JSON.stringify(page))).toBeLessThanOrEqual(20_000);
    expect(rowsOf(pages.flatMap((p) => p.sections))).toEqual(rowsOf(report.sections));
  });

  it('shows each section, an empty one with its title, and a cut table with its columns on every page', () => {
    const report = bigReport(3_000);
    const pages = paginateReport(report, 20_000);
    const ids = [...new Set(pages.flatMap((p) => p.sections.map((s) => s.id)))];
    expect(ids).toEqual(report.sections.map((s) => s.id));
    const timelineParts = pages.flatMap((p) => p.sections.filter((s) => s.id === 'timeline'));
    expect(timelineParts.length).toBeGreaterThan(2);
    for (const part of timelineParts.slice(1)) expect(part.title).toBe(report.sections.find((s) => s.id === 'timeline')!.title);
  });

  it('leaves a small report on one page, unchanged', () => {
    const report = buildEscalationReport(reportFixture());
    expect(paginateReport(report, 200_000)).toEqual([{ sections: report.sections }]);
  });
});

describe('utf8Length', () => {
  it('counts as UTF-8 does', () => {
    for (const text of ['', 'abc', 'Größe', '€', '🚀x', 'a\u0000b', '\ud800'])
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('storageParts', () => {
  it('joined with line breaks is the storage output', () => {
    const report = bigReport(50);
    expect([...storageParts(report)].join('\n')).toBe(renderStorage(report));
  });
});
