/** Simulated time: shows the sandbox clock, advances it and lists the triggers that fired. */
import { useEffect, useRef, useState } from 'react';
import { api, type ClockLogEntry } from './api';
import { syncFrameClocks } from './forge-frame';
import { formatDateTime, useLocale } from './i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function ClockControl(props: { onAdvanced: () => void }) {
  const l = useLocale();
  const { t } = l;
  const [now, setNow] = useState<string>('');
  const [log, setLog] = useState<ClockLogEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('2');
  const [unit, setUnit] = useState<'m' | 'h' | 'd'>('d');
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  useEffect(() => {
    api.clock().then(
      (c) => {
        setNow(c.now);
        setLog(c.log);
      },
      (e: unknown) => setError(String(e)),
    );
  }, []);

  async function advance(ms: number): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const result = await api.advanceClock(ms);
      setNow(result.now);
      setLog(result.log);
      syncFrameClocks(result.now);
      setOpen(true);
      props.onAdvanced();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const customMs = Number(amount) * (unit === 'm' ? MINUTE : unit === 'h' ? HOUR : DAY);
  const last = log[0];
  return (
    <div className="clock" data-testid="clock" ref={rootRef}>
      <button className="clock-now" onClick={() => setOpen(!open)} title={t.clock}>
        <span className="clock-icon" aria-hidden>
          ◷
        </span>
        <span data-testid="clock-now">{formatDateTime(now, l)}</span>
      </button>
      <button className="btn btn-subtle" disabled={busy} onClick={() => void advance(15 * MINUTE)} data-testid="advance-15m">
        +15 {t.minutes}
      </button>
      <button className="btn btn-subtle" disabled={busy} onClick={() => void advance(HOUR)} data-testid="advance-1h">
        +1 {t.hours}
      </button>
      <button className="btn btn-subtle" disabled={busy} onClick={() => void advance(DAY)} data-testid="advance-1d">
        +1 {t.days}
      </button>
      <button className="btn btn-subtle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t.custom} ▾
      </button>
      {open && (
        <div className="clock-popover" data-testid="clock-popover">
          <div className="clock-custom">
            <input type="number" min="1" value={amount} onChange={(e) => setAmount(e.target.value)} aria-label={t.custom} />
            <select value={unit} onChange={(e) => setUnit(e.target.value as 'm' | 'h' | 'd')}>
              <option value="m">{t.minutes}</option>
              <option value="h">{t.hours}</option>
              <option value="d">{t.days}</option>
            </select>
            <button
              className="btn btn-primary"
              disabled={busy || !(customMs > 0)}
              onClick={() => void advance(customMs)}
              data-testid="advance-custom"
            >
              {t.advance}
            </button>
          </div>
          {error && <div className="error-text">{error}</div>}
          <div className="clock-log-title">{t.firedTriggers}</div>
          {log.length === 0 && <div className="muted">{t.noTriggers}</div>}
          <ul className="clock-log" data-testid="clock-log">
            {log.slice(0, 8).map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <span className="muted">{formatDateTime(entry.at, l)}</span>{' '}
                {entry.firedTriggers.length ? entry.firedTriggers.join(', ') : t.noTriggers}
                {entry.deliveredEvents > 0 && ` · ${entry.deliveredEvents} ${t.deliveredEvents}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!open && last && last.firedTriggers.length > 0 && (
        <span className="clock-fired" title={last.firedTriggers.join(', ')}>
          ⚡ {last.firedTriggers.length}
        </span>
      )}
    </div>
  );
}
