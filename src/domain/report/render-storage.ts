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
      return `${storageTableStart(b.columns)}${b.rows.map(storageTableRow).join('')}${STORAGE_TABLE_END}`;
  }
}

/** A table's opening up to its column headings, one row and its end: a long table is rendered row by row. */
export const storageTableStart = (columns: readonly string[]) =>
  `<table><tbody><tr>${columns.map((c) => `<th>${lines(c)}</th>`).join('')}</tr>`;
export const storageTableRow = (row: readonly string[]) => `<tr>${row.map((cell) => `<td>${lines(cell)}</td>`).join('')}</tr>`;
export const STORAGE_TABLE_END = '</tbody></table>';

/** One block of the storage output (`storageParts` yields these). */
export const storageBlock = (b: ReportBlock): string => block(b);

/** The line under the title, the storage output's first part. */
export const storageSubtitle = (subtitle: string) => `<p><em>${lines(subtitle)}</em></p>`;

/** A section's title in the storage output. */
export const storageSectionTitle = (title: string) => `<h2>${lines(title)}</h2>`;

/**
 * The report as a Confluence page body in storage format: plain XHTML (headings, paragraphs, tables,
 * lists), no macros, so Confluence's own Word and PDF export work. Deterministic: the same report gives
 * the same text, whose SHA-256 is the report's content hash.
 */
export function renderStorage(report: EscalationReport): string {
  return [...storageParts(report)].join('\n');
}

/**
 * The storage output part by part: `renderStorage` is these parts joined with a line break. A large report
 * is hashed part by part, so its storage text need not be held whole to know its content hash.
 */
export function* storageParts(report: EscalationReport): Generator<string> {
  yield storageSubtitle(report.subtitle);
  for (const s of report.sections) {
    yield storageSectionTitle(s.title);
    for (const b of s.blocks) yield block(b);
  }
}

/** The line between the approval block and the approved content: the hash covers what follows it. */
export const APPROVED_CONTENT_BELOW = '<hr />';

/**
 * The block an exported page opens with, so a reader can tell it is the approved report: which version,
 * who approved it and when, and the SHA-256 of the approved content (the rest of the page, as frozen).
 * `approvedAt` comes formatted in the report's language and the project's time zone.
 */
export function renderApprovalBlock(input: {
  readonly words: {
    readonly title: string;
    readonly version: string;
    readonly approvedBy: string;
    readonly approvedAt: string;
    readonly hash: string;
    readonly proof: string;
  };
  readonly version: number;
  readonly approverAccountId: string;
  readonly approvedAt: string;
  readonly contentHash: string;
}): string {
  const { words } = input;
  const row = (label: string, value: string) => `<tr><th>${escapeStorage(label)}</th><td>${value}</td></tr>`;
  // Account ids are Atlassian's (letters, digits, colon, dash); anything else is escaped like text.
  const approver = `<ac:link><ri:user ri:account-id="${escapeStorage(input.approverAccountId)}" /></ac:link>`;
  return [
    `<h2>${escapeStorage(words.title)}</h2>`,
    `<table><tbody>${[
      row(words.version, String(input.version)),
      row(words.approvedBy, approver),
      row(words.approvedAt, escapeStorage(input.approvedAt)),
      row(words.hash, `<code>${escapeStorage(input.contentHash)}</code>`),
    ].join('')}</tbody></table>`,
    `<p><em>${escapeStorage(words.proof)}</em></p>`,
  ].join('\n');
}
