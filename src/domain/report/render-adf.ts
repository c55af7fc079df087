import {
  bulletList,
  doc,
  em,
  hardBreak,
  heading,
  listItem,
  paragraph,
  table,
  tableCell,
  tableHeader,
  tableRow,
  text,
} from '@atlaskit/adf-utils/builders';
import type { DocNode } from '@atlaskit/adf-schema';
import { cleanText } from './clean-text';
import type { EscalationReport, ReportBlock, ReportSectionId } from './report-model';

type Inline = ReturnType<typeof text> | ReturnType<typeof hardBreak>;
type Block = Parameters<typeof doc>[number];
type Row = Parameters<typeof tableRow>[0];

/**
 * The one "escaping" function of ADF: text is data there, so it only needs cleaning; lines become text
 * nodes joined by hard breaks, and empty text nodes (invalid in ADF) are never made.
 */
export function adfInline(value: string, mark?: 'em'): Inline[] {
  const nodes: Inline[] = [];
  cleanText(value)
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) nodes.push(hardBreak());
      if (line) nodes.push(mark === 'em' ? em(text(line)) : text(line));
    });
  return nodes;
}

const para = (value: string, mark?: 'em') => paragraph(...adfInline(value, mark));

function block(b: ReportBlock): Block[] {
  switch (b.kind) {
    case 'paragraph':
      return [para(b.text)];
    case 'heading':
      return [heading({ level: 3 })(...adfInline(b.text))];
    case 'note':
      return [para(b.text, 'em')];
    case 'facts':
      return [table(...b.items.map((i) => tableRow([tableHeader()(para(i.label)), tableCell()(para(i.value))] as unknown as Row)))];
    case 'list':
      return b.items.length ? [bulletList(...b.items.map((i) => listItem([para(i)])))] : [];
    case 'table':
      return [
        table(tableRow(b.columns.map((c) => tableHeader()(para(c)))), ...b.rows.map((r) => tableRow(r.map((c) => tableCell()(para(c)))))),
      ];
  }
}

/** The sections a Jira comment summarises the report with. */
export const SUMMARY_SECTIONS: readonly ReportSectionId[] = ['problem', 'figures', 'approvals'];

/**
 * The report (or the named sections of it) as an ADF document for a Jira comment, built with
 * @atlaskit/adf-utils builders; `footer` lines (e.g. the page link) are appended as notes.
 */
export function renderAdf(
  report: EscalationReport,
  options: { sections?: readonly ReportSectionId[]; footer?: readonly string[] } = {},
): DocNode {
  const wanted = options.sections ? report.sections.filter((s) => options.sections!.includes(s.id)) : report.sections;
  const content: Block[] = [heading({ level: 2 })(...adfInline(report.title))];
  for (const s of wanted) content.push(heading({ level: 3 })(...adfInline(s.title)), ...s.blocks.flatMap(block));
  for (const line of options.footer ?? []) content.push(para(line, 'em'));
  return doc(...content);
}
