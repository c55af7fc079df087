import type { ProjectConfiguration } from '../configuration/project-configuration';
import type { EscalationEvent } from '../escalation/escalation-event';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import { notificationSchedule, type NotificationTexts } from './notification-plan';
import { SWEEP_ACTOR } from './sweep-effect';
import { CONFIG, SweepStory, T0 } from './sweep-test-story';

const texts: NotificationTexts = ({ purpose }) => ({ subject: { de: purpose, en: purpose }, body: { de: purpose, en: purpose } });
/** Level 1 lasts a week here: only the duties' own deadlines run out. */
const LONG: ProjectConfiguration = {
  ...CONFIG,
  policy: { ...CONFIG.policy, timeFrames: { levelTimeFrame: { amount: 7, unit: 'calendarDays' } } },
  contacts: { 1: { contractor: { accountIds: ['acc-sam'], groups: [] }, client: { accountIds: ['acc-klaus'], groups: [] } } },
};
const schedule = (s: SweepStory) =>
  notificationSchedule({ log: s.log, template: DEFAULT_PROCESS_TEMPLATE, configuration: s.configuration, now: s.now, texts });
/** Records every owed notification as sent, as a run does after delivering it. */
function sendAll(s: SweepStory): void {
  for (const plan of schedule(s).owed)
    s.append({
      type: 'notification-sent',
      at: s.now.toISOString(),
      actor: SWEEP_ACTOR,
      origin: { source: 'sweep', ref: plan.ref },
      purpose: plan.purpose,
      recipients: ['user:x'],
      channels: ['jira-notify'],
    });
}
const reminded = (s: SweepStory) =>
  schedule(s)
    .owed.filter((p) => p.purpose === 'deadline-reminder')
    .map((p) => p.obligationId);

/** The contractor's notice sent by the app ("Notify the client now") at 09:10: the client's acknowledgement is awaited. */
function notifiedByTheApp(): SweepStory {
  const story = new SweepStory(LONG).start();
  story.at(new Date(T0.getTime() + 10 * 60_000));
  story.append({
    type: 'client-notified',
    at: story.now.toISOString(),
    actor: { accountId: 'acc-sam', party: 'contractor' },
    channel: 'email',
    note: 'Backups fail',
    sentByApp: true,
  });
  sendAll(story);
  return story;
}

describe('reminders', () => {
  it('repeat an open duty with back-off; the acknowledgement stops exactly the reminders of DOC-K-01', () => {
    const story = notifiedByTheApp();
    const hourly = (s: SweepStory, from: number, to: number) => {
      for (let h = from; h <= to; h++) {
        s.at(new Date(T0.getTime() + h * 3_600_000)).sweep();
        sendAll(s);
      }
    };
    hourly(story, 1, 10);
    const sentReminders = (s: SweepStory) => s.log.filter((e) => e.type === 'notification-sent' && e.purpose === 'deadline-reminder');
    const ofNotice = (e: EscalationEvent) => !!e.origin?.ref?.startsWith('notified:event:2:reminder:');
    expect(sentReminders(story).filter(ofNotice)).toHaveLength(1); // 4 h after the notice
    expect(sentReminders(story).filter((e) => !ofNotice(e)).length).toBeGreaterThan(0); // missed duties too

    // Without an acknowledgement the next one follows after 8 h, the one after that after 16 h, then no more.
    const unanswered = new SweepStory(LONG);
    unanswered.log = [...story.log];
    hourly(unanswered, 11, 60);
    const times = sentReminders(unanswered)
      .filter(ofNotice)
      .map((e) => Date.parse(e.at));
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBe(8 * 3_600_000);
    expect(times[2]! - times[1]!).toBe(16 * 3_600_000);

    // The client acknowledges at 10:00; at 13:00 the notice is no longer repeated, the other reminders are.
    story.append({ type: 'notice-acknowledged', at: story.now.toISOString(), actor: { accountId: 'acc-klaus', party: 'client' } });
    const without = new SweepStory(LONG);
    without.log = story.log.slice(0, -1);
    const at13 = new Date(T0.getTime() + 13 * 3_600_000);
    story.at(at13);
    without.at(at13);
    expect(reminded(without)).toContain('DOC-K-01');
    expect(reminded(story)).toEqual(reminded(without).filter((id) => id !== 'DOC-K-01'));
  });

  it('the reminder to acknowledge goes to the client only', () => {
    const story = notifiedByTheApp();
    for (let h = 1; h <= 10; h++) {
      story.at(new Date(T0.getTime() + h * 3_600_000)).sweep();
      sendAll(story);
    }
    const docK = schedule(story.at(new Date(story.now.getTime() + 12 * 3_600_000))).owed.find(
      (p) => p.purpose === 'deadline-reminder' && p.obligationId === 'DOC-K-01',
    );
    expect(docK?.recipients).toEqual({ accountIds: ['acc-klaus'], groups: [] });
  });
});
