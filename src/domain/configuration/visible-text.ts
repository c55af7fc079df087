/** Characters that show nothing: whitespace and separators, control and format characters (zero-width ones included), lone combining marks. */
const INVISIBLE = /[\s\p{Z}\p{Cc}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/**
 * How many characters of `text` a reader can see: what is left without whitespace, zero-width and other
 * format characters, control characters and combining marks (Hangul fillers and the blank Braille cell too).
 *
 * @example
 * visibleLength('  \u200B\u200D\t') // 0
 * visibleLength('Kunde im Urlaub') // 13
 */
export function visibleLength(text: string): number {
  return [...text.replace(INVISIBLE, '')].length;
}
