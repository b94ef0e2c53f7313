import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecurringCalendar } from '@payrail/api/workflow-contracts';
import { chargeDateOf, daysInMonth, fromLocal, toLocal } from '../calendar.js';

const monthly = (firstChargeAt: string, extra: Partial<RecurringCalendar> = {}): RecurringCalendar => ({
  firstChargeAt, interval: 'month', intervalCount: 1, anchorDay: null, timezone: 'UTC', cycleOffset: 0, ...extra,
});

describe('recurring calendar', () => {
  it('clamps a month-end anchor and returns to it: Jan 31 → Feb 29 (leap) → Mar 31 → Apr 30', () => {
    const cal = monthly('2028-01-31T09:00:00.000Z', { anchorDay: 31 });
    expect([0, 1, 2, 3, 12, 13].map((c) => chargeDateOf(cal, c))).toEqual([
      '2028-01-31T09:00:00.000Z',
      '2028-02-29T09:00:00.000Z',
      '2028-03-31T09:00:00.000Z',
      '2028-04-30T09:00:00.000Z',
      '2029-01-31T09:00:00.000Z',
      '2029-02-28T09:00:00.000Z',
    ]);
  });

  it('keeps local time of day across DST in the schedule time zone', () => {
    const cal = monthly('2027-01-15T08:00:00.000Z', { timezone: 'Europe/Berlin', anchorDay: 15 }); // 09:00 CET
    expect(chargeDateOf(cal, 6)).toBe('2027-07-15T07:00:00.000Z'); // 09:00 CEST
    const ny = monthly('2027-03-01T14:00:00.000Z', { timezone: 'America/New_York', interval: 'week' }); // 09:00 EST
    expect(chargeDateOf(ny, 2)).toBe('2027-03-15T13:00:00.000Z'); // 09:00 EDT
  });

  it('daily, weekly, every 3 months and yearly (Feb 29 → Feb 28)', () => {
    expect(chargeDateOf(monthly('2027-12-30T00:00:00.000Z', { interval: 'day' }), 3)).toBe('2028-01-02T00:00:00.000Z');
    expect(chargeDateOf(monthly('2027-12-30T00:00:00.000Z', { interval: 'week', intervalCount: 2 }), 1)).toBe('2028-01-13T00:00:00.000Z');
    expect(chargeDateOf(monthly('2027-11-30T00:00:00.000Z', { intervalCount: 3, anchorDay: 30 }), 1)).toBe('2028-02-29T00:00:00.000Z');
    expect(chargeDateOf(monthly('2028-02-29T12:00:00.000Z', { interval: 'year', anchorDay: 29 }), 1)).toBe('2029-02-28T12:00:00.000Z');
    expect(chargeDateOf(monthly('2028-02-29T12:00:00.000Z', { interval: 'year', anchorDay: 29 }), 4)).toBe('2032-02-29T12:00:00.000Z');
  });

  it('a restarted schedule counts cycles from its offset', () => {
    const cal = monthly('2028-02-29T09:00:00.000Z', { anchorDay: 31, cycleOffset: 1 });
    expect(chargeDateOf(cal, 2)).toBe('2028-03-31T09:00:00.000Z');
  });

  it('a wall-clock time skipped by DST lands just after the jump', () => {
    const at = fromLocal({ year: 2027, month: 3, day: 28, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin');
    expect(toLocal(at, 'Europe/Berlin').hour).toBe(3);
  });

  const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Auckland');
  const calendars = fc.record({
    firstChargeAt: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    interval: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
    intervalCount: fc.integer({ min: 1, max: 6 }),
    anchorDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
    timezone: zones,
    cycleOffset: fc.constant(0),
  });

  it('property: charge dates strictly increase, and monthly ones sit on the anchor day or the month end', () => {
    fc.assert(
      fc.property(calendars, fc.integer({ min: 0, max: 40 }), (cal, cycle) => {
        const a = Date.parse(chargeDateOf(cal, cycle));
        const b = Date.parse(chargeDateOf(cal, cycle + 1));
        expect(b).toBeGreaterThan(a);
        if (cal.interval === 'month' && cal.anchorDay !== null) {
          const local = toLocal(b, cal.timezone);
          expect(local.day).toBe(Math.min(cal.anchorDay, daysInMonth(local.year, local.month)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: local wall-clock round-trips through fromLocal for times that exist', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), zones, (date, zone) => {
        const instant = Math.floor(date.getTime() / 1000) * 1000;
        const local = toLocal(instant, zone);
        expect(toLocal(fromLocal(local, zone), zone)).toEqual(local);
      }),
      { numRuns: 300 },
    );
  });
});
