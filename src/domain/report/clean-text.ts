/**
 * Makes any string safe to carry in XML, HTML, Markdown and ADF before the output kind's own escaping:
 * removes control characters XML 1.0 cannot hold (all C0 except tab and newline, DEL and C1) and the
 * non-characters U+FFFE/U+FFFF, turns CR LF and lone CR into LF, and replaces lone surrogates with U+FFFD.
 *
 * @example
 * cleanText('a\u0000b\r\nc\uD800') // 'ab\nc\uFFFD'
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Cleaned text with the five markup characters escaped: the core of the HTML and XML escapers. */
export function escapeMarkup(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;',
  );
}
