import { z } from 'zod';
import { templateRefSchema, type ProcessTemplate, type TemplateRef } from '../../domain/process/process-template';
import { templateEditSchema } from '../../domain/process/template-edits';

/**
 * Template versions are immutable: a running escalation reads exactly the version it started with.
 * Each project (one contract) has its own versions; a project without one uses the site default: the
 * version that was in force site-wide before versions were per project, else the built-in annex
 * (version 1, never stored).
 */
export interface ProcessTemplateStore {
  /** The version in force for the project: its own approved version, else the site default. */
  active(projectKey: string): Promise<ProcessTemplate>;
  /** Any version by its ref, also those of the site-wide layout that running escalations froze. */
  get(ref: TemplateRef): Promise<ProcessTemplate>;
}

/** A project's one draft of its next version: the version in force plus edits, waiting for its client's approval. */
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

/** A project's new versions: a draft, its client's approval, the published version and its record. */
export interface TemplateVersioning {
  draft(projectKey: string): Promise<TemplateDraft | undefined>;
  saveDraft(projectKey: string, draft: TemplateDraft): Promise<void>;
  deleteDraft(projectKey: string): Promise<void>;
  /**
   * Publishes an approved version of the project (its id is the project's, see projectTemplateId): the
   * version (create-only, never overwritten), its record, then the project's active pointer, then the
   * project's draft is removed.
   * @throws TemplateVersionConflictError (port-errors) when that version exists already.
   */
  publish(projectKey: string, template: ProcessTemplate, record: TemplateVersionRecord): Promise<void>;
  /**
   * Records of the versions behind the project's: the site-wide versions up to the site default, then the
   * project's own, oldest first.
   */
  versions(projectKey: string): Promise<TemplateVersionRecord[]>;
}
