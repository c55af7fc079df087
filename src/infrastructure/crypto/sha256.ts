import { createHash } from 'node:crypto';

/** SHA-256 of a text's UTF-8 bytes, lower-case hex (the report's content hash). */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of texts joined, fed part by part (equal to `sha256Hex(parts.join(''))` without the joined text). */
export function sha256HexOfParts(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part, 'utf8');
  return hash.digest('hex');
}
