/**
 * The well-formedness oracle of the markup tests, independent of the app's escaper: fast-xml-parser's
 * validator checks the structure (tags nest and close, attributes are quoted and unique, no stray `<` or
 * `&`), and the XML 1.0 rules it leaves out are checked here: only characters of the Char production,
 * references only to the five predefined entities or to valid characters (HTML's `&nbsp;` is not XML),
 * no `]]>` in text, no DTD, one root, and every namespace prefix declared.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The namespaces of Confluence storage format, declared on the root a storage fragment is wrapped in. */
export const STORAGE_NAMESPACES: Readonly<Record<string, string>> = {
  ac: 'http://atlassian.com/content',
  ri: 'http://atlassian.com/resource/identifier',
  at: 'http://atlassian.com/template',
};

/** Anything outside XML 1.0's Char production (with `u`, a lone surrogate is one code point of its own). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const NOT_XML_CHAR_CODE = (cp: number) =>
  !(
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );

/** Undefined when `xml` is one well-formed XML 1.0 element (namespaces checked), else the first problem found. */
export function xmlWellFormedError(xml: string): string | undefined {
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad) return `character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase()} is not allowed in XML at ${bad.index}`;
  if (/<!DOCTYPE/i.test(xml)) return 'DTD (entity declarations) not allowed';
  // Comments and CDATA sections hold text that is not parsed; everything else is checked for references.
  const parsed = xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => ' '.repeat(m.length));
  for (let at = parsed.indexOf('&'); at >= 0; at = parsed.indexOf('&', at + 1)) {
    REFERENCE.lastIndex = at;
    const ref = REFERENCE.exec(parsed);
    if (!ref) return `'&' that starts no predefined entity or character reference at ${at}: ${parsed.slice(at, at + 12)}`;
    const code = ref[2] !== undefined ? Number(ref[2]) : ref[3] !== undefined ? parseInt(ref[3], 16) : undefined;
    if (code !== undefined && NOT_XML_CHAR_CODE(code)) return `character reference to a non-character at ${at}: ${ref[0]}`;
  }
  if (parsed.includes(']]>')) return `']]>' in text at ${parsed.indexOf(']]>')}`;
  const result = XMLValidator.validate(xml);
  if (result !== true) return `${result.err.code} at line ${result.err.line}, column ${result.err.col}: ${result.err.msg}`;
  const parser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true, commentPropName: '#comment' });
  const roots = parser.parse(xml) as Record<string, unknown>;
  const rootNames = Object.keys(roots).filter((name) => name !== '#comment');
  if (rootNames.length !== 1 || Array.isArray(roots[rootNames[0]!])) return 'not exactly one root element';
  const declared = new Set([...xml.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)\s*=/g)].map((m) => m[1]!));
  for (const m of xml.matchAll(/<\/?([A-Za-z_][\w.-]*):|\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*=/g)) {
    const prefix = m[1] ?? m[2]!;
    if (prefix !== 'xmlns' && prefix !== 'xml' && !declared.has(prefix)) return `namespace prefix '${prefix}' is not declared`;
  }
  return undefined;
}

/** Wraps a storage-format fragment (the body of a Confluence page) in a root declaring its namespaces. */
export function wrapStorage(fragment: string): string {
  const xmlns = Object.entries(STORAGE_NAMESPACES)
    .map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`)
    .join('');
  return `<storage-root${xmlns}>${fragment}</storage-root>`;
}

/** Undefined when a Confluence storage-format fragment is well-formed, else the first problem found. */
export function storageWellFormedError(fragment: string): string | undefined {
  return xmlWellFormedError(wrapStorage(fragment));
}

const textParser = new XMLParser({ trimValues: false, parseTagValue: false, processEntities: true, htmlEntities: true });

/** The text an XML parser reads from a fragment of character data (text and references, no elements). */
export function xmlText(fragment: string): string {
  const value = (textParser.parse(`<t>${fragment}</t>`) as { t: unknown }).t;
  if (typeof value !== 'string') throw new Error(`not plain character data: ${fragment}`);
  return value;
}
