import type { ArbitrationBody } from '../domain/configuration/arbitration-bodies';
import type { AuditEntry } from '../domain/configuration/configuration-audit';
import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { RevisionAnalytics } from '../domain/analytics/revision-analytics';
import type { ProcessReview, ReviewReminder } from '../domain/review/process-review';
import type { ProcessTemplate, Party, TemplateRef, TimeFrame } from '../domain/process/process-template';
import type { TemplateChangelog } from '../domain/process/template-changelog';
import type { TemplateEdit } from '../domain/process/template-edits';

/** What the administration, project settings and analytics pages show; both languages travel. */

export interface AdminViewer {
  readonly accountId: string;
  readonly isJiraAdmin: boolean;
  /** The parties the user belongs to in any project (or by the default groups). */
  readonly parties: readonly Party[];
}

export interface ProjectSettingsView {
  readonly projectKey: string;
  readonly viewer: AdminViewer;
  readonly canEdit: boolean;
  readonly configuration: ProjectConfiguration;
  /** Whether the project still runs on the defaults (nothing saved yet). */
  readonly isDefault: boolean;
  /** The time frames of the template in force, with their defaults (what applies when the project sets none). */
  readonly timeFrames: readonly TimeFrame[];
  readonly audit: readonly AuditEntry[];
  /** Display names of the people the view mentions: the audit's authors and the contacts. */
  readonly people: Readonly<Record<string, string>>;
  /** The site's issue priorities to choose the critical ones from (empty when Jira did not answer: type them). */
  readonly priorities: readonly string[];
  /**
   * Contacts whose account is closed (personal data reporting) or deactivated (Jira): notifications skip
   * them, and the page flags them to be replaced.
   */
  readonly unreachableContacts: Readonly<Record<string, 'closed' | 'deactivated'>>;
}

/** A user found by the contacts' user picker. */
export interface UserOption {
  readonly accountId: string;
  readonly displayName: string;
}

export interface ArbitrationBodiesView {
  readonly projectKey: string;
  readonly viewer: AdminViewer;
  /** The user's party in this project (null: neither). */
  readonly party: Party | null;
  /** The contractor party (or a Jira admin) proposes; the client party approves or rejects. */
  readonly canPropose: boolean;
  readonly canDecide: boolean;
  readonly bodies: readonly ArbitrationBody[];
  /** The project's audit entries about arbitration bodies, newest first. */
  readonly audit: readonly AuditEntry[];
  readonly people: Readonly<Record<string, string>>;
}

export interface TemplateVersionView {
  readonly ref: TemplateRef;
  readonly builtIn: boolean;
  /** A version approved for the whole site before versions were per project (the project inherited it). */
  readonly siteWide: boolean;
  readonly active: boolean;
  readonly note?: string;
  readonly proposedBy?: string;
  readonly proposedAt?: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
}

export interface TemplateDraftView {
  readonly base: TemplateRef;
  readonly edits: readonly TemplateEdit[];
  readonly note: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly updatedAt: string;
  readonly rejection?: { readonly by: string; readonly at: string; readonly comment: string };
  /** The version the draft would become, and what changes against the one in force. */
  readonly template: ProcessTemplate;
  readonly changelog: TemplateChangelog;
}

/** One project's (contract's) template: the version in force, the versions behind it, its draft. */
export interface ProcessTemplateView {
  readonly projectKey: string;
  readonly viewer: AdminViewer;
  /** The user's party in this project (null: neither). */
  readonly party: Party | null;
  readonly canPropose: boolean;
  readonly canApprove: boolean;
  readonly active: ProcessTemplate;
  readonly versions: readonly TemplateVersionView[];
  readonly draft: TemplateDraftView | null;
  readonly audit: readonly AuditEntry[];
  readonly people: Readonly<Record<string, string>>;
}

export interface TemplateVersionDetail {
  readonly template: ProcessTemplate;
  /** Against the previous version; null for version 1. */
  readonly changelog: TemplateChangelog | null;
}

export interface AnalyticsView {
  readonly viewer: AdminViewer;
  readonly analytics: RevisionAnalytics;
  /** Projects whose escalations the user may see (null: all, for Jira admins). */
  readonly projects: readonly string[] | null;
  /** The yearly review reminder of the chosen project (or the user's only one); null across several projects. */
  readonly reminder: ReviewReminder | null;
}

/** One project's yearly reviews. */
export interface ReviewsView {
  readonly projectKey: string;
  readonly viewer: AdminViewer;
  /** The user's party in this project: the party an approval is given for (null: neither). */
  readonly party: Party | null;
  readonly reviews: readonly (ProcessReview & { readonly approved: boolean })[];
  /** Site-wide reviews from before reviews were per project: read only; an approved one counts for the reminder. */
  readonly siteWideReviews: readonly (ProcessReview & { readonly approved: boolean })[];
  readonly reminder: ReviewReminder;
  readonly audit: readonly AuditEntry[];
  readonly people: Readonly<Record<string, string>>;
}

export interface CsvExport {
  readonly filename: string;
  readonly csv: string;
}
