import { createHash } from 'node:crypto';

/** SHA-256 of a text's UTF-8 bytes, lower-case hex (the report's content hash). */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
