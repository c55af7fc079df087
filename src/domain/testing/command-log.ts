import type { Actor, EscalationEvent, NewEscalationEvent } from '../escalation/escalation-event';
import type { CommandContext } from '../escalation/escalation-commands';
import { record } from '../escalation/escalation-log';
import type { Decision } from '../escalation/escalation-rejection';
import type { EscalationState } from '../escalation/escalation-state';
import { replayEscalation } from '../escalation/replay-escalation';
import type { ProcessTemplate } from '../process/process-template';

type Command = (state: EscalationState | undefined) => Decision<NewEscalationEvent>;

/** Drives domain commands over an in-memory log at a settable time, for domain tests. */
export class CommandLog {
  events: EscalationEvent[] = [];
  now = new Date('2026-11-23T09:00:00.000Z');

  constructor(private readonly template: ProcessTemplate) {}

  ctx = (actor: Actor): CommandContext => ({
    now: this.now,
    actor,
    template: this.template,
    levelDueAt: new Date('2026-01-01T00:00:00.000Z'),
  });

  get state(): EscalationState {
    return replayEscalation(this.events)!;
  }

  try(command: Command) {
    const result = record(this.events, command);
    if (result.ok) this.events = [...result.value.log];
    return result;
  }

  /** Records the command's event or throws with the rejection's message. */
  do(command: Command): this {
    const result = this.try(command);
    if (!result.ok) throw new Error(result.rejection.message);
    return this;
  }

  /** The instant `hours` after the log's current time. */
  in(hours: number): string {
    return new Date(this.now.getTime() + hours * 3_600_000).toISOString();
  }
}

/** The rejection code of a decision, or 'ok'. */
export const decisionCode = (d: Decision<unknown>) => (d.ok ? 'ok' : d.rejection.code);
