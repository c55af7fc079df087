import { z } from 'zod';

/**
 * The audit trail of the app's settings: every change of a project configuration, a process template
 * version (proposed, approved, rejected) or a yearly review is recorded as an entry that is never
 * overwritten: who, when, what exactly changed (before/after), and the documents before and after.
 */
/**
 * One log per target: a project's configuration (`project:DEMO`), its template versions
 * (`project-template:DEMO`) and yearly reviews (`project-review:DEMO`); `template` and `review` are the
 * site-wide logs from before versions and reviews were per project.
 */
export const auditTargetSchema = z.string().regex(/^((project|project-template|project-review):[A-Z][A-Z0-9_]{0,254}|template|review)$/);
export type AuditTarget = z.infer<typeof auditTargetSchema>;

export const auditChangeSchema = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string().datetime({ offset: true }),
  accountId: z.string().min(1),
  target: auditTargetSchema,
  action: z.string().min(1).max(100),
  changes: z.array(auditChangeSchema),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  note: z.string().max(5000).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The leaf-level differences between two JSON documents, as dotted paths; arrays compare as a whole
 * (a list of groups or dates reads better as "before → after" than index by index).
 *
 * @example
 * changesBetween({ policy: { warnFraction: 0.25 } }, { policy: { warnFraction: 0.5 } })
 * // [{ path: 'policy.warnFraction', before: 0.25, after: 0.5 }]
 */
export function changesBetween(before: unknown, after: unknown, path = ''): AuditChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changesBetween(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
  return [{ path: path || '(document)', before: before ?? null, after: after ?? null }];
}
