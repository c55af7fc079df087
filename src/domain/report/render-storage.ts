import { escapeMarkup } from '../markup/escape-markup';
import { replacePersonTokens } from '../privacy/person-token';
import type { EscalationReport, ReportBlock } from './report-model';

/**
 * The one escaping function of the Confluence storage format (XHTML): cleans what XML cannot hold, then
 * escapes the five markup characters. Every string that reaches the storage output passes through here.
 */
export function escapeStorage(text: string): string {
  return escapeMarkup(text);
}

/**
 * A person token becomes a Confluence user link: the page shows the account's current name (or a former
 * user), never a stored one. The token's id holds no markup characters, so it is safe in the attribute.
 */
const userLinks = (escaped: string) => replacePersonTokens(escaped, (id) => `<ac:link><ri:user ri:account-id="${id}" /></ac:link>`);

/** Multi-line text: each line escaped, lines joined with line breaks. */
const lines = (text: string) => userLinks(escapeStorage(text)).split('\n').join('<br />');

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${lines(b.text)}</p>`;
    case 'heading':
      return `<h3>${lines(b.text)}</h3>`;
    case 'note':
      return `<p><em>${lines(b.text)}</em></p>`;
    case 'facts':
      return `<table><tbody>${b.items.map((i) => `<tr><th>${lines(i.label)}</th><td>${lines(i.value)}</td></tr>`).join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`;
    case 'table':
      return `<table><tbody><tr>${b.columns.map((c) => `<th>${lines(c)}</th>`).join('')}</tr>${b.rows
        .map((r) => `<tr>${r.map((cell) => `<td>${lines(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

/**
 * The report as a Confluence page body in storage format: plain XHTML (headings, paragraphs, tables,
 * lists), no macros, so Confluence's own Word and PDF export work. Deterministic: the same report gives
 * the same text, whose SHA-256 is the report's content hash.
 */
export function renderStorage(report: EscalationReport): string {
  const parts: string[] = [`<p><em>${lines(report.subtitle)}</em></p>`];
  for (const s of report.sections) {
    parts.push(`<h2>${lines(s.title)}</h2>`);
    for (const b of s.blocks) parts.push(block(b));
  }
  return parts.join('\n');
}
