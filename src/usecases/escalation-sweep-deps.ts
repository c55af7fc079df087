import type { EscalationIndexDocument, EscalationFieldValue } from '../domain/escalation/escalation-projection';
import type { CriticalProblem, PriorityChange } from '../domain/sweep/critical-priority';
import type { EscalationDueIndex } from './ports/escalation-due-index';
import type { EscalationEventStore } from './ports/escalation-event-store';
import type { EscalationSummaryStore } from './ports/escalation-summary-store';
import type { PortalDirectory } from './ports/portal-directory';
import type { Logger } from './ports/logger';
import type { NotificationClaims } from './ports/notification-claims';
import type { ProcessTemplateStore } from './ports/process-template-store';
import type { ProjectConfigurationStore } from './ports/project-configuration-store';

/** An issue the sweep works on, as one search hit describes it (no further read needed). */
export interface SweepIssue {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  readonly summary: string;
  readonly priority?: string;
  /** Last update of the issue (ISO); the detection time of a critical issue when its history says nothing. */
  readonly updated?: string;
  /** Creation time (ISO); read for critical issues the trigger missed. */
  readonly created?: string;
  /**
   * The issue's priority changes from its changelog, oldest first: read only for critical issues the trigger
   * missed, so that their detection time is when the priority became critical.
   */
  readonly priorityChanges?: readonly PriorityChange[];
  /** The critical problem recorded on the issue while no escalation runs (read with critical issues only). */
  readonly criticalProblem?: CriticalProblem;
  /**
   * What the issue's projections showed when found: the `escalation` property's level, status and fingerprint,
   * and the fingerprint of the level field's value (`field`, when it was read). Either differing from what the
   * log derives — e.g. edited by hand — makes the sweep write it again.
   */
  readonly indexed?: { readonly level?: number; readonly status?: string; readonly fingerprint: string; readonly field?: string };
  /** The due index entry the sweep found the issue by (absent: not known, the entry is written anyway). */
  readonly due?: { readonly nextCheckMinute: number };
  /** How often a consumer handed the issue on after it failed (a storage quota spent, an outage): bounded. */
  readonly retries?: number;
}

export interface SweepPage {
  readonly issues: SweepIssue[];
  readonly nextPageToken?: string;
}

/** What the sweep needs of Jira, as the app (scheduled triggers and consumers have no user). */
export interface SweepJira {
  /**
   * The given issues (at most 100), with what their `escalation` property shows; issues Jira does not
   * return (deleted, or not searchable yet) are left out.
   */
  issuesByIds(issueIds: readonly string[]): Promise<SweepIssue[]>;
  /** Whether the issue still exists (asked only for an indexed issue the search did not return). */
  issueExists(issueId: string): Promise<boolean>;
  /** Issues whose `escalation` property says open: the one-time backfill of the due index. */
  searchOpenEscalations(input: { maxResults: number; nextPageToken?: string }): Promise<SweepPage>;
  /**
   * Open issues of a critical priority without an escalation, updated recently, with their priority changes
   * and the critical problem recorded on them.
   */
  searchCriticalWithoutEscalation(input: { priorities: readonly string[]; maxResults: number }): Promise<SweepIssue[]>;
  /** Records on the issue that a critical problem was detected (the panel proposes an escalation from it). */
  recordCriticalProblem(issueIdOrKey: string, problem: CriticalProblem): Promise<void>;
  notify(
    issueKey: string,
    message: { subject: string; textBody: string; htmlBody: string; accountIds: readonly string[]; groups: readonly string[] },
  ): Promise<'sent' | 'no-valid-recipients'>;
  /**
   * The person's Jira language (`de_DE`, `en_US` …; absent when their profile hides it), in which a
   * notification goes to them, and whether the account is active (`false`: closed or deactivated, so the
   * app skips them as a contact), and the account type (`atlassian`, `customer` for a Jira Service Management
   * portal customer, who is linked to the portal request, not to the issue); undefined when Jira does not know
   * the account.
   */
  userProfile(
    accountId: string,
  ): Promise<{ readonly locale?: string; readonly active: boolean; readonly accountType?: string } | undefined>;
  /**
   * The active people of a contact group, so that each person gets one message in their language (a person
   * named as a contact and in a group, or in two groups, is told once); undefined when the group cannot be read,
   * and the group is then notified as a group.
   */
  groupMembers(groupName: string): Promise<string[] | undefined>;
  /** The site's address for links in messages (`https://…atlassian.net`); undefined when not known. */
  siteUrl(): Promise<string | undefined>;
  /** Writes the level field (when given) and then the searchable property. */
  saveProjection(issue: SweepIssue, document: EscalationIndexDocument, field?: EscalationFieldValue): Promise<void>;
  /** The site's default language: the level field's value is written in it, one language for every reader. */
  siteLocale(): Promise<'de' | 'en'>;
  /**
   * Writes many issues' projections in a few bulk requests (level fields that changed first, then the
   * properties) and says which issues Jira confirmed; never throws for a failed write, it names the issues.
   */
  saveProjections(writes: readonly ProjectionWrite[]): Promise<ProjectionWriteResult>;
}

/** One issue's projections as the log derives them. */
export interface ProjectionWrite {
  readonly issue: SweepIssue;
  readonly document: EscalationIndexDocument;
  /** The level field's value, only when it differs from what the issue shows. */
  readonly field?: EscalationFieldValue;
}

export interface ProjectionWriteResult {
  /** Issue ids whose projections Jira confirmed written. */
  readonly written: readonly string[];
  /** Issues whose projections were not written or not confirmed: their due index entries stay as they are. */
  readonly failed: readonly { readonly issueIds: readonly string[]; readonly reason: string }[];
}

export type { NotificationClaim, NotificationClaims } from './ports/notification-claims';

export interface SweepQueue {
  /** Hands issues to the queue consumer, in batches (after `delaySeconds`, at most 900, when given). */
  push(batches: readonly (readonly SweepIssue[])[], options?: { readonly delaySeconds?: number }): Promise<void>;
}

export interface SweepDeps {
  readonly jira: SweepJira;
  /** Where the sweep finds what is due (app storage; the issue property is only a projection). */
  readonly dueIndex: EscalationDueIndex;
  readonly events: EscalationEventStore;
  readonly configurations: ProjectConfigurationStore;
  readonly templates: ProcessTemplateStore;
  readonly claims: NotificationClaims;
  /** Each project's customer portal, for customers' links. */
  readonly portals: PortalDirectory;
  readonly queue: SweepQueue;
  /** Critical priority names of every configured project (and the default). */
  readonly criticalPriorities: () => Promise<string[]>;
  readonly now: () => Date;
  /** Real milliseconds this invocation may still use before it must stop taking new work. */
  readonly remainingMs: () => number;
  /** Identifies the running invocation in claims (diagnostics). */
  readonly invocationId: string;
  /** Where what went wrong without failing the run is reported. */
  readonly logger: Logger;
  /** The analytics summaries, kept in step after each append (as the panel's write path does). */
  readonly summaries?: EscalationSummaryStore;
  /** Where skipped contacts (closed or deactivated accounts) are reported to the project's admins. */
  readonly contactNotices?: ContactNotices;
}

/**
 * Tells a project's admins, once per contact, that a configured contact is skipped by notifications because
 * the account is closed or deactivated (an entry in the project's settings history, which the settings page
 * shows with the contact flagged). Later calls for the same contact do nothing.
 */
export interface ContactNotices {
  skipped(input: { projectKey: string; accountId: string; issueKey: string; at: string }): Promise<void>;
}
