/** Plain text of an ADF document (comment bodies): text nodes, mentions and line breaks; blocks on new lines. */
export function adfToText(node: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const { type, text, attrs, content } = n as { type?: string; text?: unknown; attrs?: { text?: unknown }; content?: unknown };
    if (type === 'text' && typeof text === 'string') out.push(text);
    else if (type === 'mention' && typeof attrs?.text === 'string') out.push(attrs.text);
    else if (type === 'hardBreak') out.push('\n');
    if (Array.isArray(content)) content.forEach(walk);
    if (type === 'paragraph' || type === 'heading' || type === 'listItem' || type === 'codeBlock') out.push('\n');
  };
  walk(node);
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
