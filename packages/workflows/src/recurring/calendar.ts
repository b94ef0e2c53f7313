import type { RecurringCalendar } from '@payrail/api/workflow-contracts';

// Pure date math for recurring schedules, used inside the workflow sandbox: no I/O, no clock. Each
// cycle's date is computed from the first charge (never from the previous date), so a month-end
// anchor survives short months: Jan 31 → Feb 28/29 → Mar 31. Local wall-clock time is kept in the
// schedule's IANA zone through DST changes, using the runtime's Intl time-zone data.

interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time at `instantMs` in `timeZone`. */
export function toLocal(instantMs: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

const asUtcMs = (l: LocalDateTime): number => Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);

/**
 * The instant a wall-clock time happens in `timeZone`. Two passes settle the offset; a time that a
 * DST jump skips (02:30 on a spring-forward night) lands just after the jump, as a clock would show.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const wanted = asUtcMs(local);
  let guess = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const offset = asUtcMs(toLocal(guess, timeZone)) - guess;
    guess = wanted - offset;
  }
  return guess;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** When cycle `cycle` charges (an ISO instant). */
export function chargeDateOf(calendar: RecurringCalendar, cycle: number): string {
  const start = toLocal(Date.parse(calendar.firstChargeAt), calendar.timezone);
  const steps = (cycle - calendar.cycleOffset) * calendar.intervalCount;
  const time = { hour: start.hour, minute: start.minute, second: start.second };
  let date: { year: number; month: number; day: number };
  switch (calendar.interval) {
    case 'day':
    case 'week': {
      const days = calendar.interval === 'day' ? steps : steps * 7;
      const d = new Date(Date.UTC(start.year, start.month - 1, start.day) + days * DAY_MS);
      date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      break;
    }
    case 'month':
    case 'year': {
      const months = start.month - 1 + (calendar.interval === 'month' ? steps : steps * 12);
      const year = start.year + Math.floor(months / 12);
      const month = (((months % 12) + 12) % 12) + 1;
      date = { year, month, day: Math.min(calendar.anchorDay ?? start.day, daysInMonth(year, month)) };
      break;
    }
  }
  return new Date(fromLocal({ ...date, ...time }, calendar.timezone)).toISOString();
}
