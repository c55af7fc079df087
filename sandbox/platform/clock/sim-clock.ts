import { getMeta, setMeta, type Db } from '../db/open-database';

interface FakeClock {
  setSystemTime(now: number): void;
  uninstall(): void;
}
interface FakeTimers {
  install(config: { now: number; toFake: string[] }): FakeClock;
}
// No @types package is installed for @sinonjs/fake-timers (it comes with jest): type the part we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- no type declarations to import from; the require is typed by the local FakeTimers interface
const fakeTimers = require('@sinonjs/fake-timers') as FakeTimers;

const CLOCK_KEY = 'clock_now';

/**
 * Simulated time, persisted in SQLite. While installed, `Date` in this process (app code included) returns
 * simulated time; timers stay real so I/O and timeouts keep working.
 */
export class SimClock {
  private fake: FakeClock | undefined;
  private current: number;
  private local: () => number | undefined = () => undefined;

  constructor(
    private readonly db: Db,
    startAt: string | undefined,
  ) {
    const stored = getMeta(db, CLOCK_KEY);
    this.current = stored !== undefined ? Number(stored) : startAt ? Date.parse(startAt) : Date.now();
    if (Number.isNaN(this.current)) throw new Error(`Invalid sandbox startAt: ${startAt}`);
    setMeta(db, CLOCK_KEY, String(this.current));
  }

  install(): void {
    if (this.fake) return;
    const fake = fakeTimers.install({ now: this.current, toFake: ['Date'] });
    // `Date` reads `fake.now`: the time of the invocation in hand where it has one of its own (see setLocalTime).
    let base = this.current;
    Object.defineProperty(fake, 'now', {
      configurable: true,
      enumerable: true,
      get: () => this.local() ?? base,
      set: (ms: number) => {
        base = ms;
      },
    });
    this.fake = fake;
  }

  /**
   * Where code runs on a timeline of its own (a queue consumer in the realistic mode, beside others that run at
   * the same time), `local` answers its time and `Date` shows it; undefined falls back to the sandbox clock.
   */
  setLocalTime(local: () => number | undefined): void {
    this.local = local;
  }

  uninstall(): void {
    this.fake?.uninstall();
    this.fake = undefined;
  }

  nowMs(): number {
    return this.current;
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time to `ms` (never backwards) and persists it. */
  set(ms: number): void {
    if (ms < this.current) throw new Error('The sandbox clock never goes backwards');
    this.current = ms;
    this.fake?.setSystemTime(ms);
    setMeta(this.db, CLOCK_KEY, String(ms));
  }
}
