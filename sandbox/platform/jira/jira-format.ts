import type { EmulatorRequest } from '../http/http-types';
import { fail } from '../http/responses';

/** Jira's JSON conventions: dates like `2026-01-15T10:00:00.000+0000`, `self` links, avatar URLs. */
export const SITE_URL = 'https://sandbox.atlassian.net';
export const CLOUD_ID = '00000000-0000-4000-8000-00000000c10d';

export function jiraDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function selfUrl(path: string): string {
  return `${SITE_URL}${path}`;
}

export function avatarUrls(id: string): Record<string, string> {
  const base = `${SITE_URL}/secure/useravatar?avatarId=${encodeURIComponent(id)}`;
  return { '48x48': base, '24x24': `${base}&size=small`, '16x16': `${base}&size=xsmall`, '32x32': `${base}&size=medium` };
}

/** `de-DE` → `de_DE`, as Jira's REST answers. */
export function jiraLocale(locale: string): string {
  return locale.replace('-', '_');
}

/**
 * A non-negative integer query parameter (`startAt`, `maxResults`; int32/int64 in the OpenAPI document).
 * Jira refuses a value that is not one with 400 instead of guessing.
 */
export function intParam(req: EmulatorRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 2_147_483_647) fail(400, `The value '${raw}' is invalid for ${name}.`);
  return Number(raw);
}
