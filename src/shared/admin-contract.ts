import { z } from 'zod';
import { projectConfigurationSchema } from '../domain/configuration/project-configuration';
import { templateEditSchema } from '../domain/process/template-edits';
import { reviewContentSchema, reviewIdSchema } from '../domain/review/process-review';
import { arbitrationBodyIdSchema, arbitrationBodyInputSchema } from '../domain/configuration/arbitration-bodies';
import type {
  ArbitrationBodiesView,
  ProcessTemplateView,
  ProjectSettingsView,
  UserOption,
  TemplateVersionDetail,
  AnalyticsView,
  ReviewsView,
  CsvExport,
} from './admin-views';

/**
 * The contract of the administration UIs (jira:adminPage, jira:projectSettingsPage) and the revision
 * analytics page: resolver keys → zod payloads and result types, with the same response envelope and
 * error codes as the issue panel's contract (src/shared/resolver-contract.ts). static/ imports this file.
 */

const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/);
/** A period of whole days, `to` exclusive: `{ from: '2026-01-01', to: '2027-01-01' }`. */
const period = z
  .object({ from: z.string().date(), to: z.string().date(), projectKey: projectKey.optional() })
  .strict()
  .refine((p) => p.from < p.to, { message: 'from must be before to', path: ['to'] });

export const adminPayloads = {
  /** The project comes from the project settings page's context; the admin page names it in the payload. */
  getProjectSettings: z.object({ projectKey: projectKey.optional() }).strict(),
  saveProjectSettings: z.object({ projectKey: projectKey.optional(), configuration: projectConfigurationSchema }).strict(),
  /** The contacts' user picker: Jira users by name or email prefix, searched as the user. */
  searchUsers: z.object({ projectKey: projectKey.optional(), query: z.string().trim().min(1).max(100) }).strict(),
  getArbitrationBodies: z.object({ projectKey: projectKey.optional() }).strict(),
  proposeArbitrationBody: arbitrationBodyInputSchema.extend({ projectKey: projectKey.optional() }).strict(),
  decideArbitrationBody: z
    .object({
      projectKey: projectKey.optional(),
      id: arbitrationBodyIdSchema,
      decision: z.enum(['approve', 'reject']),
      comment: z.string().trim().max(5000).optional(),
    })
    .strict()
    .refine((d) => d.decision === 'approve' || (d.comment ?? '').length > 0, { message: 'a rejection needs a comment', path: ['comment'] }),
  /** Each project (contract) has its own template versions and yearly reviews; the project as for the settings. */
  getProcessTemplate: z.object({ projectKey: projectKey.optional() }).strict(),
  getTemplateVersion: z.object({ projectKey: projectKey.optional(), version: z.number().int().positive() }).strict(),
  saveTemplateDraft: z
    .object({
      projectKey: projectKey.optional(),
      edits: z.array(templateEditSchema).max(500),
      note: z.string().trim().min(1).max(5000),
    })
    .strict(),
  discardTemplateDraft: z.object({ projectKey: projectKey.optional() }).strict(),
  decideTemplateDraft: z
    .object({
      projectKey: projectKey.optional(),
      decision: z.enum(['approve', 'reject']),
      comment: z.string().trim().max(5000).optional(),
    })
    .strict()
    .refine((d) => d.decision === 'approve' || (d.comment ?? '').length > 0, { message: 'a rejection needs a comment', path: ['comment'] }),
  getAnalytics: period,
  exportAnalyticsCsv: period,
  getReviews: z.object({ projectKey: projectKey.optional() }).strict(),
  saveReview: z.object({ projectKey: projectKey.optional(), id: reviewIdSchema, content: reviewContentSchema }).strict(),
  approveReview: z.object({ projectKey: projectKey.optional(), id: reviewIdSchema, revision: z.number().int().positive() }).strict(),
  exportReview: z
    .object({
      projectKey: projectKey.optional(),
      id: reviewIdSchema,
      locale: z.enum(['de', 'en']),
      spaceKey: z
        .string()
        .trim()
        .regex(/^~?[A-Za-z0-9_]{1,255}$/),
      parentId: z
        .string()
        .regex(/^\d{1,30}$/)
        .optional(),
    })
    .strict(),
} as const;

export type AdminKey = keyof typeof adminPayloads;
export type AdminPayload<K extends AdminKey> = z.input<(typeof adminPayloads)[K]>;

export type AdminResults = {
  getProjectSettings: ProjectSettingsView;
  saveProjectSettings: ProjectSettingsView;
  searchUsers: readonly UserOption[];
  getArbitrationBodies: ArbitrationBodiesView;
  proposeArbitrationBody: ArbitrationBodiesView;
  decideArbitrationBody: ArbitrationBodiesView;
  getProcessTemplate: ProcessTemplateView;
  getTemplateVersion: TemplateVersionDetail;
  saveTemplateDraft: ProcessTemplateView;
  discardTemplateDraft: ProcessTemplateView;
  decideTemplateDraft: ProcessTemplateView;
  getAnalytics: AnalyticsView;
  exportAnalyticsCsv: CsvExport;
  getReviews: ReviewsView;
  saveReview: ReviewsView;
  approveReview: ReviewsView;
  exportReview: ReviewsView;
};

export type { ErrorCode, ResolverError, ResolverResponse } from './resolver-contract';
