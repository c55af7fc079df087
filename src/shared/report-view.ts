import type { ReportTextId, ReportTexts } from '../domain/report/report-texts';

export type { ReportTextId, ReportTexts };

/**
 * What the report resolvers answer (part of the resolver contract; static/ imports these types).
 */
export type ReportVersionStatus = 'submitted' | 'changes-requested' | 'approved';

export interface ReportVersionView {
  readonly version: number;
  readonly status: ReportVersionStatus;
  readonly locale: 'de' | 'en';
  readonly contentHash: string;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly decision?: { readonly at: string; readonly by: string; readonly comment?: string };
  /** The contractor's free texts that differ from the previous version's (none for the first version). */
  readonly edited: readonly ReportTextId[];
  /** The contractor's free texts; only on the two newest versions (the next version starts from them, the client compares them). */
  readonly texts?: ReportTexts;
  readonly exports: readonly { readonly at: string; readonly pageId: string; readonly pageVersion: number; readonly url: string }[];
}

/** The report's versions and what the viewer may do now (`null` when no escalation exists). */
export interface ReportsView {
  readonly issueKey: string;
  readonly viewerParty: 'contractor' | 'client' | null;
  readonly escalationStatus: 'open' | 'resolved' | 'closed' | null;
  /** Newest first. */
  readonly versions: readonly ReportVersionView[];
  readonly approvedVersion: number | null;
  readonly page: { readonly pageId: string; readonly pageVersion: number; readonly url: string } | null;
  readonly debriefs: number;
  readonly can: { readonly submit: boolean; readonly decide: boolean; readonly export: boolean; readonly debrief: boolean };
  /** People named in the versions, by account id. */
  readonly people: Readonly<Record<string, string>>;
}

/** A report generated now, not yet submitted: what the contractor would submit and its hash. */
export interface ReportPreview {
  readonly locale: 'de' | 'en';
  readonly generatedAt: string;
  readonly contentHash: string;
  readonly title: string;
  /** The printable HTML page (shown in a sandboxed frame; no scripts). */
  readonly html: string;
  /** A large report, generated in the background, is shown page by page: this page and how many there are. */
  readonly page?: { readonly number: number; readonly count: number };
}

/** A large report is being generated in the background since `requestedAt`; asking again shows it once ready. */
export interface ReportGenerating {
  readonly generating: true;
  readonly locale: 'de' | 'en';
  readonly requestedAt: string;
}

export type ReportFormat = 'markdown' | 'html' | 'storage';

/** A frozen version's text, for download (Markdown), printing (HTML) or checking (storage + hash). */
export interface ReportDocument {
  readonly reportVersion: number;
  readonly format: ReportFormat;
  readonly contentHash: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly content: string;
  /** A closed account's name was replaced by "former user" for privacy; the approved content is unchanged. */
  readonly namesRemoved: boolean;
  /**
   * The version was frozen before people were recorded by account id: its text holds names as they were
   * then (its hash binds them), so a closed account's name is not replaced in it.
   */
  readonly namesAsFrozen: boolean;
}
