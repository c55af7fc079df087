/** Labels of the sandbox UI in English and German, chosen by the selected user's locale. */
import { createContext, useContext } from 'react';

const en = {
  issues: 'Issues',
  confluence: 'Confluence',
  outbox: 'Notifications',
  apps: 'Apps',
  projectSettings: 'Project settings',
  search: 'Search',
  jqlPlaceholder: 'Search issues with JQL',
  noIssues: 'No issues match this search.',
  selectIssue: 'Select an issue to see it here.',
  description: 'Description',
  noDescription: 'Add a description…',
  webLinks: 'Web links',
  details: 'Details',
  assignee: 'Assignee',
  reporter: 'Reporter',
  priority: 'Priority',
  status: 'Status',
  created: 'Created',
  updated: 'Updated',
  unassigned: 'Unassigned',
  none: 'None',
  activity: 'Activity',
  comments: 'Comments',
  history: 'History',
  addComment: 'Add a comment…',
  save: 'Save',
  noComments: 'No comments yet.',
  noHistory: 'No changes yet.',
  changed: 'changed',
  transitionFailed: 'Transition refused',
  user: 'User',
  clock: 'Simulated time',
  advance: 'Advance',
  custom: 'Custom',
  minutes: 'min',
  hours: 'h',
  days: 'd',
  firedTriggers: 'Fired triggers',
  noTriggers: 'none',
  deliveredEvents: 'queued events delivered',
  space: 'Space',
  pages: 'Pages',
  version: 'Version',
  noPages: 'No pages in this space yet.',
  selectPage: 'Select a page.',
  recipients: 'Recipients',
  sentBy: 'Sent by',
  app: 'app',
  emptyOutbox: 'No notifications sent yet.',
  noApps: 'The app has no admin or global pages in manifest.yml.',
  noProjectPages: 'The app has no project settings page in manifest.yml.',
  loading: 'Loading…',
  error: 'Error',
  close: 'Close',
  project: 'Project',
  issue: 'Issue',
};

export type Labels = typeof en;

const de: Labels = {
  issues: 'Vorgänge',
  confluence: 'Confluence',
  outbox: 'Benachrichtigungen',
  apps: 'Apps',
  projectSettings: 'Projekteinstellungen',
  search: 'Suchen',
  jqlPlaceholder: 'Vorgänge mit JQL suchen',
  noIssues: 'Keine Vorgänge für diese Suche.',
  selectIssue: 'Wählen Sie einen Vorgang aus.',
  description: 'Beschreibung',
  noDescription: 'Beschreibung hinzufügen…',
  webLinks: 'Weblinks',
  details: 'Details',
  assignee: 'Zugewiesene Person',
  reporter: 'Melder',
  priority: 'Priorität',
  status: 'Status',
  created: 'Erstellt',
  updated: 'Aktualisiert',
  unassigned: 'Nicht zugewiesen',
  none: 'Keine',
  activity: 'Aktivität',
  comments: 'Kommentare',
  history: 'Verlauf',
  addComment: 'Kommentar hinzufügen…',
  save: 'Speichern',
  noComments: 'Noch keine Kommentare.',
  noHistory: 'Noch keine Änderungen.',
  changed: 'hat geändert:',
  transitionFailed: 'Statusübergang abgelehnt',
  user: 'Benutzer',
  clock: 'Simulierte Zeit',
  advance: 'Vorstellen',
  custom: 'Eigene',
  minutes: 'Min.',
  hours: 'Std.',
  days: 'Tg.',
  firedTriggers: 'Ausgelöste Trigger',
  noTriggers: 'keine',
  deliveredEvents: 'Queue-Ereignisse zugestellt',
  space: 'Bereich',
  pages: 'Seiten',
  version: 'Version',
  noPages: 'Noch keine Seiten in diesem Bereich.',
  selectPage: 'Wählen Sie eine Seite aus.',
  recipients: 'Empfänger',
  sentBy: 'Gesendet von',
  app: 'App',
  emptyOutbox: 'Noch keine Benachrichtigungen versendet.',
  noApps: 'Die App hat keine Admin- oder globalen Seiten in manifest.yml.',
  noProjectPages: 'Die App hat keine Projekteinstellungsseite in manifest.yml.',
  loading: 'Wird geladen…',
  error: 'Fehler',
  close: 'Schließen',
  project: 'Projekt',
  issue: 'Vorgang',
};

export function labelsFor(locale: string): Labels {
  return locale.startsWith('de') ? de : en;
}

export interface Locale {
  t: Labels;
  locale: string;
  timeZone: string;
}

export const LocaleContext = createContext<Locale>({ t: en, locale: 'en-US', timeZone: 'UTC' });

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function formatDateTime(iso: string | undefined, l: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(l.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: l.timeZone }).format(date);
}
