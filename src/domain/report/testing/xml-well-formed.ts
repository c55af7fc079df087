/**
 * A small, strict XML 1.0 well-formedness checker for tests (no DTD, no comments, CDATA or processing
 * instructions: the report never writes them, so seeing one is an error too).
 * Returns undefined when `xml` is one well-formed element, else the first problem found.
 */
const NAME = /^[A-Za-z_:][A-Za-z0-9._:-]*/;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Checks characters (by code point; a lone surrogate is not a character) and references in text. */
function checkText(text: string, where: number): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp >= 0xd800 && cp <= 0xdfff) return `lone surrogate at ${where + i}`;
    if (cp > 0xffff) i++;
    if (!isXmlChar(cp)) return `character U+${cp.toString(16)} not allowed at ${where + i}`;
    const ch = text[i];
    if (ch === '<') return `'<' in text at ${where + i}`;
    if (ch === '&') {
      const end = text.indexOf(';', i);
      if (end < 0) return `unterminated reference at ${where + i}`;
      const ref = text.slice(i + 1, end);
      if (/^#x[0-9a-fA-F]+$/.test(ref) || /^#[0-9]+$/.test(ref)) {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!isXmlChar(code)) return `reference to invalid character &${ref}; at ${where + i}`;
      } else if (!PREDEFINED.has(ref)) return `unknown entity &${ref}; at ${where + i}`;
      i = end;
    }
  }
  if (text.includes(']]>')) return `']]>' in text near ${where}`;
  return undefined;
}

export function xmlWellFormedError(xml: string): string | undefined {
  const stack: string[] = [];
  let i = 0;
  let rootClosed = false;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text) {
      if (stack.length === 0 && text.trim()) return `text outside the root element at ${i}`;
      const problem = checkText(text, i);
      if (problem) return problem;
    }
    if (lt < 0) break;
    i = lt + 1;
    if (xml[i] === '!' || xml[i] === '?') return `markup declaration, comment or PI at ${lt}`;
    const closing = xml[i] === '/';
    if (closing) i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) return `bad tag name at ${lt}`;
    i += name.length;
    if (closing) {
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml[i] !== '>') return `bad end tag at ${lt}`;
      i++;
      if (stack.pop() !== name) return `end tag </${name}> does not match at ${lt}`;
      if (stack.length === 0) rootClosed = true;
      continue;
    }
    if (rootClosed) return `second root element at ${lt}`;
    const seen = new Set<string>();
    for (;;) {
      const space = /^\s*/.exec(xml.slice(i))![0].length;
      i += space;
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) rootClosed = true;
        break;
      }
      if (xml[i] === '>') {
        i++;
        stack.push(name);
        break;
      }
      if (space === 0) return `missing space before attribute at ${i}`;
      const attr = NAME.exec(xml.slice(i))?.[0];
      if (!attr) return `bad attribute at ${i}`;
      if (seen.has(attr)) return `duplicate attribute ${attr} at ${i}`;
      seen.add(attr);
      i += attr.length;
      const eq = /^\s*=\s*/.exec(xml.slice(i));
      if (!eq) return `attribute without value at ${i}`;
      i += eq[0].length;
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") return `unquoted attribute value at ${i}`;
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) return `unterminated attribute value at ${i}`;
      const problem = checkText(xml.slice(i + 1, end), i + 1);
      if (problem) return problem;
      i = end + 1;
    }
  }
  if (stack.length) return `unclosed element <${stack[stack.length - 1]}>`;
  if (!rootClosed) return 'no root element';
  return undefined;
}

/** Decodes the five predefined entities and character references (for round-trip checks). */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[ref]!;
  });
}
