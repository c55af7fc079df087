import { escapeMarkupText } from '../markup/escape-markup';
import type { EscalationReport, ReportBlock } from './report-model';

/**
 * The one escaping function of the Markdown output: the markup escaper's text escaping (cleaned text,
 * `&`, `<` and `>` as entities, so no raw HTML survives in any renderer), then Markdown punctuation is
 * backslash-escaped, and a digit-dot at the start of a line cannot start a list.
 */
export function escapeMarkdown(text: string): string {
  return escapeMarkupText(text)
    .replace(/[\\`*_{}[\]()#+\-!|~=]/g, '\\$&')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Paragraph text: lines kept with hard breaks. */
const para = (text: string) => escapeMarkdown(text).split('\n').join('  \n');
/** Table cells and headings hold one line. */
const cell = (text: string) => escapeMarkdown(text).split('\n').join('<br>');

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return para(b.text);
    case 'heading':
      return `### ${cell(b.text)}`;
    case 'note':
      return `_${cell(b.text)}_`;
    case 'facts':
      return b.items.map((i) => `- **${cell(i.label)}:** ${cell(i.value)}`).join('\n');
    case 'list':
      return b.items.map((i) => `- ${cell(i)}`).join('\n');
    case 'table':
      return [
        `| ${b.columns.map(cell).join(' | ')} |`,
        `|${b.columns.map(() => ' --- ').join('|')}|`,
        ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
      ].join('\n');
  }
}

/** The report as a Markdown document (GitHub-flavoured tables), for download from the panel. */
export function renderMarkdown(report: EscalationReport): string {
  const parts = [`# ${cell(report.title)}`, `_${cell(report.subtitle)}_`];
  for (const s of report.sections) {
    parts.push(`## ${cell(s.title)}`);
    for (const b of s.blocks) parts.push(block(b));
  }
  return `${parts.join('\n\n')}\n`;
}
