import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../configuration/project-configuration';
import { DEFAULT_ESCALATION_POLICY } from '../configuration/escalation-policy';
import { TWENTY_FOUR_SEVEN } from '../deadlines/business-calendar';
import { recordClientNotified, startEscalation, type StartInput } from '../escalation/escalation-commands';
import type { Actor, EscalationEvent, NewEscalationEvent } from '../escalation/escalation-event';
import { record } from '../escalation/escalation-log';
import type { EscalationState } from '../escalation/escalation-state';
import type { Decision } from '../escalation/escalation-rejection';
import { replayEscalation } from '../escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import { dueEffects } from './due-effects';
import { SWEEP_ACTOR } from './sweep-effect';

/** Test support for the sweep's domain: a log, a clock, and a sweep that applies what is due. */
export const T0 = new Date('2026-11-23T09:00:00.000Z');
export const contractor: Actor = { accountId: 'acc-sam', party: 'contractor' };

/** Around the clock, levels of 8 hours: easy arithmetic. */
export const CONFIG: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  policy: { ...DEFAULT_ESCALATION_POLICY, calendar: TWENTY_FOUR_SEVEN, timeFrames: { levelTimeFrame: { amount: 8, unit: 'hours' } } },
  contacts: {
    1: { contractor: { accountIds: ['acc-sam'], groups: [] } },
    2: { contractor: { accountIds: ['acc-carla'], groups: [] }, client: { accountIds: [], groups: ['client-managers'] } },
  },
};

export class SweepStory {
  log: EscalationEvent[] = [];
  now = T0;
  constructor(public configuration: ProjectConfiguration = CONFIG) {}

  get state(): EscalationState {
    return replayEscalation(this.log)!;
  }
  private do(command: (s: EscalationState | undefined) => Decision<NewEscalationEvent>): this {
    const result = record(this.log, command);
    if (!result.ok) throw new Error(result.rejection.message);
    this.log = [...result.value.log];
    return this;
  }
  start(input: Partial<StartInput> = {}, actor: Actor = SWEEP_ACTOR): this {
    return this.do((s) =>
      startEscalation(
        s,
        { trigger: 'sla-breach', problem: 'Outage', impact: 'Orders stop', critical: true, ...input },
        { now: this.now, actor, template: DEFAULT_PROCESS_TEMPLATE },
      ),
    );
  }
  at(iso: string | Date): this {
    this.now = new Date(iso);
    return this;
  }
  laterMinutes(minutes: number): this {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
    return this;
  }
  notifyClient(): this {
    return this.do((s) =>
      recordClientNotified(
        s,
        { channel: 'phone', note: 'called' },
        { now: this.now, actor: contractor, template: DEFAULT_PROCESS_TEMPLATE },
      ),
    );
  }
  resolveAnyway(): this {
    // resolution needs both parties and the level's mandatory obligations; append the event directly for the test.
    return this.append({ type: 'escalation-resolved', at: this.now.toISOString(), actor: contractor, resolution: 'fixed' });
  }
  append(event: NewEscalationEvent): this {
    this.log = [...this.log, { ...event, seq: this.log.length + 1 }];
    return this;
  }
  effects() {
    return dueEffects({ state: this.state, template: DEFAULT_PROCESS_TEMPLATE, policy: this.configuration.policy, now: this.now });
  }
  /** Applies every due effect, one at a time, as the sweep does. Returns the kinds applied. */
  sweep(): string[] {
    const applied: string[] = [];
    for (let i = 0; i < 100; i++) {
      const [first] = this.effects();
      if (!first) return applied;
      applied.push(`${first.kind}:${first.ref}`);
      this.append(first.event);
    }
    throw new Error('sweep did not settle');
  }
}
