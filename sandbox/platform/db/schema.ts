/**
 * The whole sandbox lives in one SQLite file: Forge KVS, the queue, the clock, Jira and Confluence.
 * Bump SCHEMA_VERSION on incompatible changes (the sandbox then refuses an old file and asks for --fresh).
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS account_lifecycle (account_id TEXT PRIMARY KEY, profile_changed_at INTEGER, closed_at INTEGER);
CREATE TABLE IF NOT EXISTS privacy_report_request (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, accounts INTEGER NOT NULL, status INTEGER NOT NULL);

-- Forge KVS
CREATE TABLE IF NOT EXISTS kvs (
  key TEXT PRIMARY KEY, value TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER
);
CREATE TABLE IF NOT EXISTS kvs_secret (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kvs_entity (
  entity TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (entity, key)
);

-- Async events, product events and their retries
CREATE TABLE IF NOT EXISTS queue_event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,               -- 'queue' | 'product'
  target TEXT NOT NULL,             -- queue name or product event type
  job_id TEXT, event_id TEXT NOT NULL,
  body TEXT NOT NULL,
  due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending', last_error TEXT, retry_data TEXT
);
CREATE INDEX IF NOT EXISTS queue_event_due ON queue_event (status, due_at, id);
CREATE TABLE IF NOT EXISTS scheduled_trigger (module_key TEXT PRIMARY KEY, next_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS function_run (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, function_key TEXT NOT NULL,
  module_key TEXT, kind TEXT NOT NULL, ok INTEGER NOT NULL, error TEXT
);

-- Jira: people and projects
CREATE TABLE IF NOT EXISTS jira_user (
  account_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, email TEXT, locale TEXT NOT NULL,
  time_zone TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, account_type TEXT NOT NULL DEFAULT 'atlassian'
);
CREATE TABLE IF NOT EXISTS jira_group (group_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS jira_group_member (group_name TEXT NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (group_name, account_id));
CREATE TABLE IF NOT EXISTS jira_project (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, lead TEXT,
  project_type TEXT NOT NULL DEFAULT 'software', next_num INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS jira_project_permission (
  project_id INTEGER NOT NULL, permission TEXT NOT NULL, holder_type TEXT NOT NULL, holder TEXT NOT NULL,
  PRIMARY KEY (project_id, permission, holder_type, holder)
);
CREATE TABLE IF NOT EXISTS jira_role (id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS jira_role_actor (
  project_id INTEGER NOT NULL, role_id INTEGER NOT NULL, actor_type TEXT NOT NULL, actor TEXT NOT NULL,
  PRIMARY KEY (project_id, role_id, actor_type, actor)
);

-- Jira: workflow and reference data
CREATE TABLE IF NOT EXISTS jira_status (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jira_transition (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, from_status INTEGER, to_status INTEGER NOT NULL
);
-- The fields on a transition's screen (a transition without any has no screen).
CREATE TABLE IF NOT EXISTS jira_transition_screen_field (
  transition_id INTEGER NOT NULL, field_id TEXT NOT NULL, PRIMARY KEY (transition_id, field_id)
);
CREATE TABLE IF NOT EXISTS jira_workflow_rule (
  id INTEGER PRIMARY KEY AUTOINCREMENT, transition_id INTEGER NOT NULL, module_key TEXT NOT NULL,
  configuration TEXT
);
CREATE TABLE IF NOT EXISTS jira_priority (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, sequence INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS jira_issue_type (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS jira_custom_field (
  id TEXT PRIMARY KEY, module_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL, definition TEXT NOT NULL
);

-- Jira Service Management: customers' organizations, and each portal request's portal, participants and organizations
CREATE TABLE IF NOT EXISTS jsm_organization (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS jsm_organization_member (organization_id INTEGER NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (organization_id, account_id));
CREATE TABLE IF NOT EXISTS jsm_request (
  issue_id INTEGER PRIMARY KEY, portal_id INTEGER NOT NULL, participants TEXT NOT NULL DEFAULT '[]', organizations TEXT NOT NULL DEFAULT '[]'
);

-- Jira: issues
CREATE TABLE IF NOT EXISTS jira_issue (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, project_id INTEGER NOT NULL, num INTEGER NOT NULL,
  summary TEXT NOT NULL, status_id INTEGER NOT NULL, priority_id INTEGER, issue_type_id INTEGER NOT NULL,
  reporter TEXT, assignee TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL,
  fields TEXT NOT NULL DEFAULT '{}', watchers TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS jira_issue_project ON jira_issue (project_id, num);
CREATE INDEX IF NOT EXISTS jira_issue_status ON jira_issue (status_id);
CREATE INDEX IF NOT EXISTS jira_issue_created ON jira_issue (created);
CREATE INDEX IF NOT EXISTS jira_issue_updated ON jira_issue (updated);
-- Issue security: an issue with a level is seen only by the level's members (and who may browse the project).
CREATE TABLE IF NOT EXISTS jira_security_level (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS jira_security_level_member (
  level_id INTEGER NOT NULL, holder_type TEXT NOT NULL, holder TEXT NOT NULL, PRIMARY KEY (level_id, holder_type, holder)
);
CREATE TABLE IF NOT EXISTS jira_issue_security (issue_id INTEGER PRIMARY KEY, level_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS jira_issue_property (
  issue_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (issue_id, key)
);
-- Indexed values of issue properties (jira:entityProperty) and of the app's custom field (search aliases).
CREATE TABLE IF NOT EXISTS jira_index_value (
  issue_id INTEGER NOT NULL, source TEXT NOT NULL, path TEXT NOT NULL, alias TEXT,
  type TEXT NOT NULL, num REAL, text TEXT
);
CREATE INDEX IF NOT EXISTS jira_index_num ON jira_index_value (source, path, num, issue_id);
CREATE INDEX IF NOT EXISTS jira_index_text ON jira_index_value (source, path, text, issue_id);
CREATE INDEX IF NOT EXISTS jira_index_issue ON jira_index_value (issue_id, source);
CREATE TABLE IF NOT EXISTS jira_changelog (
  id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL, author TEXT, created INTEGER NOT NULL,
  items TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jira_changelog_issue ON jira_changelog (issue_id, id);
CREATE TABLE IF NOT EXISTS jira_comment (
  id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL, author TEXT, body TEXT NOT NULL,
  created INTEGER NOT NULL, updated INTEGER NOT NULL, properties TEXT
);
CREATE INDEX IF NOT EXISTS jira_comment_issue ON jira_comment (issue_id, id);
CREATE TABLE IF NOT EXISTS jira_remote_link (
  id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL, global_id TEXT, body TEXT NOT NULL
);
-- Jira's long-running asynchronous tasks (GET /rest/api/3/task/{taskId}), e.g. POST /rest/api/3/issue/properties/multi.
CREATE TABLE IF NOT EXISTS jira_task (
  id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, principal TEXT NOT NULL, payload TEXT NOT NULL,
  submitted INTEGER NOT NULL, run_at INTEGER NOT NULL, started INTEGER, finished INTEGER, status TEXT NOT NULL, message TEXT
);
CREATE INDEX IF NOT EXISTS jira_task_due ON jira_task (status, run_at);
CREATE TABLE IF NOT EXISTS jira_notification (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, issue_key TEXT NOT NULL, subject TEXT NOT NULL,
  text_body TEXT NOT NULL, html_body TEXT, recipients TEXT NOT NULL, sent_by TEXT NOT NULL, request TEXT NOT NULL
);

-- Confluence
CREATE TABLE IF NOT EXISTS conf_space (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, homepage_id INTEGER);
CREATE TABLE IF NOT EXISTS conf_page (
  id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, parent_id INTEGER, title TEXT NOT NULL, status TEXT NOT NULL,
  author TEXT, created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conf_page_title ON conf_page (space_id, title);
CREATE TABLE IF NOT EXISTS conf_page_version (
  page_id INTEGER NOT NULL, number INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
  author TEXT, created INTEGER NOT NULL, message TEXT, PRIMARY KEY (page_id, number)
);
`;
