import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import { DEFAULT_PROJECT_CONFIGURATION } from '../configuration/project-configuration';
import { criticalEscalationStart, isCriticalPriority } from './critical-priority';
import { contactsFor } from './escalation-contacts';
import { pendingNotifications, type NotificationTexts } from './notification-plan';
import { CRITICAL_DETECTED_REF, notificationRef, SWEEP_ACTOR } from './sweep-effect';
import { CONFIG, contractor, SweepStory, T0 } from './sweep-test-story';

const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
/** The words come from the catalog (src/shared/notification-texts.test.ts checks them); here only what was asked for. */
const texts: NotificationTexts = ({ purpose, level, timeZone }) => ({
  subject: { de: purpose, en: purpose },
  body: { de: `${purpose} ${level}`, en: `${purpose} ${level} ${timeZone}` },
});
const pending = (s: SweepStory) =>
  pendingNotifications({ log: s.log, template: DEFAULT_PROCESS_TEMPLATE, configuration: s.configuration, now: s.now, texts });

describe('contactsFor', () => {
  it('takes the configured contacts of the level and party, else the party groups', () => {
    expect(contactsFor(CONFIG, 2, ['contractor', 'client'])).toEqual({ accountIds: ['acc-carla'], groups: ['client-managers'] });
    expect(contactsFor(CONFIG, 3, ['client'])).toEqual({ accountIds: [], groups: ['client-team'] });
  });
});

describe('pendingNotifications', () => {
  it('owes one notification per recorded effect until its notification-sent is recorded', () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() }, SWEEP_ACTOR);
    story.log[0] = { ...story.log[0]!, origin: { source: 'sweep', ref: CRITICAL_DETECTED_REF } };
    story.at(minutes(91)).sweep();
    const plans = pending(story);
    expect(plans.find((p) => p.purpose === 'critical-detected')).toMatchObject({ recipients: { accountIds: ['acc-sam'], groups: [] } });
    const warning = plans.find((p) => p.effectRef.includes('L1-C-02'))!;
    expect(warning).toMatchObject({ purpose: 'deadline-warning', recipients: { accountIds: ['acc-sam'] } });
    expect(warning.body).toEqual({ de: 'deadline-warning 1', en: 'deadline-warning 1 Europe/Berlin' });
    story.append({
      type: 'notification-sent',
      at: story.now.toISOString(),
      actor: SWEEP_ACTOR,
      origin: { source: 'sweep', ref: warning.ref },
      purpose: warning.purpose,
      recipients: ['acc-sam'],
      channels: ['jira-notify', 'comment'],
    });
    expect(pending(story).map((p) => p.ref)).not.toContain(warning.ref);
    expect(warning.ref).toBe(notificationRef(warning.effectRef));
  });

  it('tells both parties of the new level about an automatic escalation', () => {
    const story = new SweepStory().start().at(minutes(8 * 60 + 1));
    story.sweep();
    expect(pending(story).find((p) => p.purpose === 'escalated')).toMatchObject({
      level: 2,
      recipients: { accountIds: ['acc-carla'], groups: ['client-managers'] },
    });
  });

  it('tells the new level about an escalation a person made, exactly as about the automatic one', () => {
    const story = new SweepStory().start().at(minutes(30));
    story.append({ type: 'level-changed', at: story.now.toISOString(), actor: contractor, from: 1, to: 2, reason: 'manual', note: 'up' });
    const plan = pending(story).find((p) => p.purpose === 'escalated')!;
    // The same recipients as the sweep's escalation; the ref is the event's place in the log (no outside ref).
    expect(plan).toMatchObject({ level: 2, recipients: { accountIds: ['acc-carla'], groups: ['client-managers'] } });
    expect(plan.ref).toBe(notificationRef('event:2'));
    story.append({
      type: 'notification-sent',
      at: story.now.toISOString(),
      actor: SWEEP_ACTOR,
      origin: { source: 'panel', ref: plan.ref },
      purpose: plan.purpose,
      recipients: ['user:acc-carla', 'group:client-managers'],
      channels: ['jira-notify', 'comment'],
    });
    expect(pending(story)).toEqual([]);
  });

  it('owes nothing for a move down', () => {
    const story = new SweepStory().start().at(minutes(30));
    story.append({ type: 'level-changed', at: story.now.toISOString(), actor: contractor, from: 1, to: 2, reason: 'manual' });
    story.append({
      type: 'notification-sent',
      at: story.now.toISOString(),
      actor: SWEEP_ACTOR,
      origin: { source: 'panel', ref: notificationRef('event:2') },
      purpose: 'escalated',
      recipients: ['group:client-managers'],
      channels: ['comment'],
    });
    story
      .laterMinutes(5)
      .append({ type: 'level-changed', at: story.now.toISOString(), actor: contractor, from: 2, to: 1, reason: 'manual', note: 'down' });
    expect(pending(story)).toEqual([]);
  });

  it('sends nothing about a matter acknowledged or resolved meanwhile', () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() }).at(minutes(91));
    story.sweep();
    expect(pending(story).some((p) => p.effectRef.includes('L1-C-02'))).toBe(true);
    story.notifyClient();
    expect(pending(story).some((p) => p.effectRef.includes('L1-C-02'))).toBe(false);
    story.resolveAnyway();
    expect(pending(story)).toEqual([]);
  });
});

describe('critical priority', () => {
  it('is configurable and compares names case-insensitively', () => {
    expect(isCriticalPriority(DEFAULT_PROJECT_CONFIGURATION, 'highest')).toBe(true);
    expect(isCriticalPriority(DEFAULT_PROJECT_CONFIGURATION, 'High')).toBe(false);
    expect(isCriticalPriority({ ...DEFAULT_PROJECT_CONFIGURATION, criticalPriorities: ['Blocker'] }, 'Blocker')).toBe(true);
  });
  it('starts an sla-breach escalation with the detection time, unless one is recorded', () => {
    const input = {
      configuration: DEFAULT_PROJECT_CONFIGURATION,
      priority: 'Highest',
      summary: 'Storage down',
      detectedAt: '2026-11-23T09:00:00.000Z',
    };
    expect(criticalEscalationStart({ ...input, state: undefined })).toMatchObject({
      trigger: 'sla-breach',
      problem: 'Storage down',
      detectedAt: '2026-11-23T09:00:00.000Z',
    });
    expect(criticalEscalationStart({ ...input, state: new SweepStory().start().state })).toBeUndefined();
    expect(criticalEscalationStart({ ...input, priority: 'Low', state: undefined })).toBeUndefined();
  });
});
