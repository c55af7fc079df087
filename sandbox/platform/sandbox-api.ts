/**
 * The contract between the sandbox platform (sandbox/platform: Forge runtime seams, KVS, Jira and
 * Confluence emulators on SQLite, simulated clock) and the sandbox web server/UI (sandbox/web).
 * Both sides code against this file; change it only together.
 */

export type Locale = 'de-DE' | 'en-US';

export interface SandboxUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  locale: Locale;
  timeZone: string;
  /** Jira groups, e.g. 'contractor-team', 'client-team', 'jira-administrators'. */
  groups: string[];
  /** A Jira Service Management customer without a Jira licence: works only on the customer portal. */
  customer?: true;
}

/** A request as the customer portal lists it for one person (JSM's own page, not a REST resource). */
export interface PortalRequest {
  issueKey: string;
  summary: string;
  status: string;
  portalId: number;
  /** The portal's URL of the request: `/servicedesk/customer/portal/{portalId}/{issueKey}`. */
  path: string;
}

/** Who a product request is made as: the app itself (asApp) or a user (asUser / a signed-in person). */
export type Principal = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface ProductRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/search/jql?jql=...`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ProductResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The Forge context of a Custom UI frame, as `view.getContext()` returns it (subset). */
export interface FrameContext {
  accountId: string;
  cloudId: string;
  localId: string;
  locale: Locale;
  timezone: string;
  moduleKey: string;
  siteUrl: string;
  extension: Record<string, unknown> & { type: string };
}

export interface InvokeRequest {
  /** The module whose frame calls `invoke` (its resolver.function names the function to run). */
  moduleKey: string;
  functionKey: string;
  payload: unknown;
  context: FrameContext;
}

export interface OutboxEntry {
  id: number;
  at: string;
  issueKey: string;
  subject: string;
  textBody: string;
  htmlBody?: string;
  /** Account ids the notification reached after Jira resolved `to` (reporter, assignee, watchers, users, groups). */
  recipients: string[];
  sentBy: Principal;
}

/** One app workflow rule (condition, validator or post function) attached to a transition. */
export interface WorkflowRule {
  id: number;
  transitionId: number;
  /** The manifest module key (`jira:workflowValidator` / `jira:workflowPostFunction` / `jira:workflowCondition`). */
  moduleKey: string;
  /** The manifest module kind, e.g. `jira:workflowValidator`. */
  kind: string;
  /** The string the rule's configuration view returned from `workflowRules.onConfigure` (null: none saved). */
  configuration: string | null;
}

export interface WorkflowStatus {
  id: number;
  name: string;
  category: string;
}

/** The sandbox's one workflow (company-managed, shared by its projects), as an admin sees it. */
export interface WorkflowView {
  name: string;
  statuses: WorkflowStatus[];
  transitions: { id: number; name: string; from: WorkflowStatus | null; to: WorkflowStatus; rules: WorkflowRule[] }[];
}

export interface ClockState {
  now: string;
}

/** One change of an issue as Jira's issue view tells its modules (`JIRA_ISSUE_CHANGED`). */
export interface IssueChange {
  readonly seq: number;
  readonly issueId: string;
  readonly issueKey: string;
  readonly projectId: string;
  readonly changeType: 'updated' | 'commented';
  /** Who made the change; the app's own account for changes made as the app (the sweep, a consumer). */
  readonly atlassianId: string;
}

export interface Sandbox {
  readonly users: readonly SandboxUser[];
  /**
   * The requests a person sees on the customer portal, as Jira Service Management decides: reporter,
   * participant, or member of an organization the request is shared with (licensed users: those they may browse).
   */
  portalRequests(accountId: string): PortalRequest[];
  /** Parsed manifest.yml of the app. */
  readonly manifest: unknown;
  now(): Date;
  /** Moves simulated time forward, firing due scheduled triggers and queued events in time order. */
  advanceClock(ms: number): Promise<{ now: string; firedTriggers: string[]; deliveredEvents: number }>;
  /** Jira REST as the given principal (permissions apply to users). */
  jira(request: ProductRequest, as: Principal): Promise<ProductResponse>;
  confluence(request: ProductRequest, as: Principal): Promise<ProductResponse>;
  /** Runs the app's resolver for a Custom UI `invoke`, exactly as Forge would (real @forge/resolver handler). */
  invoke(request: InvokeRequest): Promise<unknown>;
  /** Runs a workflow rule / field function etc. by function key with a Forge-shaped event. */
  runFunction(functionKey: string, event: unknown, principal: Principal): Promise<unknown>;
  outbox(): Promise<OutboxEntry[]>;
  /** Issue updates and comments after `after` (a sequence number), as Jira's issue view learns of them. */
  issueChanges(after: number): { readonly seq: number; readonly changes: readonly IssueChange[] };
  /** The workflow with the app's rules on each transition (what Jira's workflow editor shows an admin). */
  workflow(): Promise<WorkflowView>;
  /** Attaches a manifest workflow rule module to a transition; `configuration` as `onConfigure` returned it. */
  addWorkflowRule(transitionId: number, moduleKey: string, configuration: string | null): Promise<WorkflowRule>;
  /** Replaces a rule's saved configuration (the admin pressed Save in its configuration view). */
  setWorkflowRuleConfiguration(ruleId: number, configuration: string): Promise<WorkflowRule>;
  removeWorkflowRule(ruleId: number): Promise<void>;
  /** Absolute path of a manifest resource's folder (for serving Custom UI). */
  resourcePath(resourceKey: string): string;
  /**
   * Where the sandbox's web server answers (e.g. `http://localhost:3000`): Confluence's page links
   * (`_links.base`) then lead to the sandbox's own viewer instead of an Atlassian site that does not exist.
   */
  setSiteUrl?(url: string): void;
  /** Translations from manifest `translations.resources` for a locale (flat or nested JSON as in the file). */
  translations(locale: Locale): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Project root (where manifest.yml is). */
  appDir: string;
  /** SQLite file; ':memory:' for tests that do not need persistence. */
  dataFile: string;
  /** Wipe the data file first. */
  fresh?: boolean;
  /** Start of simulated time on a fresh sandbox (ISO). */
  startAt?: string;
  /** Load the demo project, users and issues on a fresh data file. */
  demoData?: boolean;
  /**
   * Deliver product events (and queue events already due) to the app as soon as they happen, in the
   * background, as Forge does, instead of at the next clock step; the clock still decides what time it is.
   * `npm start` turns this on; tests that step the clock themselves leave it off.
   */
  deliverEventsAtOnce?: boolean;
}
