import { z } from 'zod';
import { templateRefSchema, type ProcessTemplate, type TemplateRef } from '../../domain/process/process-template';
import { templateEditSchema } from '../../domain/process/template-edits';

/**
 * Template versions are immutable: a running escalation reads exactly the version it started with.
 * The built-in default (the contract annex) is version 1 and is never stored.
 */
export interface ProcessTemplateStore {
  active(): Promise<ProcessTemplate>;
  get(ref: TemplateRef): Promise<ProcessTemplate>;
}

/** The one draft of the next version: the version in force plus edits, waiting for the client's approval. */
export const templateDraftSchema = z.object({
  base: templateRefSchema,
  edits: z.array(templateEditSchema),
  note: z.string().max(5000),
  proposedBy: z.string(),
  proposedAt: z.string(),
  updatedAt: z.string(),
  /** Set when the client sent the draft back; a new save clears it. */
  rejection: z.object({ by: z.string(), at: z.string(), comment: z.string() }).optional(),
});
export type TemplateDraft = z.infer<typeof templateDraftSchema>;

/** Who proposed and who (of the client party) approved a published version. Version 1 (the annex) has none. */
export const templateVersionRecordSchema = z.object({
  ref: templateRefSchema,
  basedOn: templateRefSchema,
  note: z.string(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  edits: z.array(templateEditSchema),
});
export type TemplateVersionRecord = z.infer<typeof templateVersionRecordSchema>;

/** New versions: a draft, the client's approval, the published version and its record. */
export interface TemplateVersioning {
  draft(): Promise<TemplateDraft | undefined>;
  saveDraft(draft: TemplateDraft): Promise<void>;
  deleteDraft(): Promise<void>;
  /**
   * Publishes an approved version: the version (create-only, never overwritten), its record, then the
   * active pointer, then the draft is removed.
   * @throws TemplateVersionConflictError (port-errors) when that version exists already.
   */
  publish(template: ProcessTemplate, record: TemplateVersionRecord): Promise<void>;
  /** Records of published versions, oldest first. */
  versions(): Promise<TemplateVersionRecord[]>;
}
