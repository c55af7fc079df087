/**
 * The one escaper behind every markup the app writes: HTML (printable report, notification e-mails),
 * Confluence storage format (report and review pages) and Markdown (which adds its punctuation escaping
 * on top, see render-markdown.ts). The sandbox's web server uses it too.
 */

/** Characters XML 1.0 cannot hold: C0 controls but tab and newline (CR is turned into LF first), DEL, C1, U+FFFE/U+FFFF. */
// eslint-disable-next-line no-control-regex -- these control characters are what it removes
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in user text they can
 * reorder what a reader sees around them (a "Trojan Source" trick), so they are dropped. The marks
 * U+200E/U+200F, which cannot reorder other text, stay.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes any string safe to carry in XML, HTML, Markdown and ADF before the output kind's own escaping:
 * turns CR LF and lone CR into LF, removes the characters XML 1.0 cannot hold and the bidirectional
 * embedding/override/isolate controls, and replaces lone surrogates with U+FFFD.
 *
 * @example
 * cleanText('a\u0000b\r\nc\uD800\u202E') // 'ab\nc\uFFFD'
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_XML, '').replace(BIDI_CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD');
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Cleaned text with the five markup characters escaped: safe as element content and as a quoted attribute
 * value in HTML and in XML (Confluence storage format). Uses only entities XML predefines (and `&#39;`,
 * which HTML 4 knows too), never HTML-only ones like `&nbsp;`.
 *
 * @example
 * escapeMarkup(`<b title="x">Tom & Jerry's</b>`) // '&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;'
 */
export function escapeMarkup(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (ch) => ENTITY[ch]!);
}

/**
 * Cleaned text with `&`, `<` and `>` escaped: enough for element content (not for attribute values).
 * The base of the Markdown escaping, where quotes are plain text and `&#39;` would bring a `#` in.
 *
 * @example
 * escapeMarkupText(`a < "b" & c`) // 'a &lt; "b" &amp; c'
 */
export function escapeMarkupText(text: string): string {
  return cleanText(text).replace(/[&<>]/g, (ch) => ENTITY[ch]!);
}
