/**
 * What a person sees go wrong in a narrow frame, measured in the browser: content wider than the frame
 * (a horizontal scrollbar), words broken mid-word, and text boxes drawn over each other.
 */
import type { Frame, Page } from 'playwright-core';

export interface LayoutProblems {
  /** document scrollWidth − clientWidth (0 when nothing sticks out sideways). */
  readonly overflowX: number;
  /** Words split across two lines (with the text around them). */
  readonly brokenWords: string[];
  /** Pairs of text elements whose boxes overlap. */
  readonly overlaps: string[];
  /** The innermost elements that stick out on the right (when overflowX > 0), to say what to fix. */
  readonly sticking: string[];
}

/**
 * Runs in the page: words are split on white space and hyphens (a break after a hyphen is a correct
 * break); tokens longer than `longToken` characters (hashes, URLs, ids) may break anywhere, as they must.
 */
function measure([longToken, scope]: [number, string | null]): LayoutProblems {
  const root = document.documentElement;
  const within = (scope ? document.querySelector(scope) : null) ?? document.body;
  const overflowX = root.scrollWidth - root.clientWidth;
  const visible = (el: Element) => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const describe = (el: Element) => {
    const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
    return `${el.tagName.toLowerCase()}${testId ? `[${testId}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  };

  const brokenWords: string[] = [];
  const walker = document.createTreeWalker(within, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !visible(parent) || parent.closest('script,style,select,option,textarea')) continue;
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/[^\s\-‐–—/]+/g)) {
      const word = match[0];
      if (word.length < 2 || word.length > longToken) continue;
      range.setStart(node, match.index);
      range.setEnd(node, match.index + word.length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) brokenWords.push(`${word} in ${describe(parent)}`);
    }
  }

  // Leaf elements that show text, and where each line of their text is drawn.
  const leaves = [...within.querySelectorAll('*')].filter(
    (el) =>
      !el.closest('script,style,svg,option') &&
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '') &&
      visible(el),
  );
  // Text clipped by an ancestor (overflow hidden, e.g. an ellipsis) is drawn only inside that ancestor.
  const clipOf = (el: Element): DOMRect => {
    let clip = new DOMRect(-1e6, -1e6, 2e6, 2e6);
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const r = a.getBoundingClientRect();
      const left = Math.max(clip.left, r.left);
      const top = Math.max(clip.top, r.top);
      clip = new DOMRect(left, top, Math.max(0, Math.min(clip.right, r.right) - left), Math.max(0, Math.min(clip.bottom, r.bottom) - top));
    }
    return clip;
  };
  const boxes = leaves.map((el) => {
    const clip = clipOf(el);
    const rects: DOMRect[] = [];
    for (const n of el.childNodes) {
      if (n.nodeType !== Node.TEXT_NODE || (n.textContent ?? '').trim() === '') continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        const left = Math.max(r.left, clip.left);
        const top = Math.max(r.top, clip.top);
        const width = Math.min(r.right, clip.right) - left;
        const height = Math.min(r.bottom, clip.bottom) - top;
        if (width > 0 && height > 0) rects.push(new DOMRect(left, top, width, height));
      }
    }
    return { el, rects };
  });
  const overlaps: string[] = [];
  const hit = (a: DOMRect, b: DOMRect) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (a.rects.some((ra) => b.rects.some((rb) => hit(ra, rb)))) overlaps.push(`${describe(a.el)} × ${describe(b.el)}`);
    }
  }
  const outside = [...within.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1);
  const sticking = outside
    .filter((el) => !outside.some((other) => other !== el && el.contains(other)))
    .slice(0, 8)
    .map((el) => `${describe(el)} (right ${Math.round(el.getBoundingClientRect().right)})`);
  return { overflowX, brokenWords, overlaps, sticking: overflowX > 0 ? sticking : [] };
}

/** `scope`: a selector; words, overlaps and what sticks out are looked for only inside it (the overflow is the page's). */
export async function layoutProblems(target: Page | Frame, longToken = 24, scope?: string): Promise<LayoutProblems> {
  return target.evaluate(measure, [longToken, scope ?? null] as [number, string | null]);
}
