import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, calendarDate, dayNumber, daysBetween, daysFromToday } from '../lib/dates';

const DAY_MS = 86_400_000;

describe('calendarDate', () => {
  it('uses the runtime time zone (UTC in these tests) when none is given', () => {
    expect(new Date('2026-11-23T23:30:00Z').getTimezoneOffset()).toBe(0);
    expect(calendarDate(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-23');
    expect(calendarDate(new Date('2026-11-24T00:00:00Z'))).toBe('2026-11-24');
    expect(calendarDate(new Date('2026-01-05T12:00:00Z'))).toBe('2026-01-05');
  });

  it('pads a year below 1000 to four digits', () => {
    expect(calendarDate(new Date('0999-05-01T00:00:00Z'))).toBe('0999-05-01');
  });

  it('gives the date in an explicit IANA time zone', () => {
    const instant = new Date('2026-11-23T23:30:00Z');
    expect(calendarDate(instant, 'Asia/Tokyo')).toBe('2026-11-24');
    expect(calendarDate(instant, 'America/New_York')).toBe('2026-11-23');
    expect(calendarDate(instant, 'Europe/London')).toBe('2026-11-23');
    expect(calendarDate(instant, 'Europe/Berlin')).toBe('2026-11-24');
    expect(calendarDate(instant, 'UTC')).toBe('2026-11-23');
  });

  it('handles the zones furthest from UTC and half-hour zones', () => {
    const instant = new Date('2026-11-23T10:30:00Z');
    expect(calendarDate(instant, 'Pacific/Kiritimati')).toBe('2026-11-24'); // UTC+14
    expect(calendarDate(instant, 'Pacific/Pago_Pago')).toBe('2026-11-22'); // UTC-11
    expect(calendarDate(new Date('2026-11-23T18:29:00Z'), 'Asia/Kolkata')).toBe('2026-11-23'); // UTC+5:30
    expect(calendarDate(new Date('2026-11-23T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-24');
  });

  it('follows daylight saving time', () => {
    // New York is UTC-4 in summer, UTC-5 in winter.
    expect(calendarDate(new Date('2026-07-01T03:30:00Z'), 'America/New_York')).toBe('2026-06-30');
    expect(calendarDate(new Date('2026-12-01T04:30:00Z'), 'America/New_York')).toBe('2026-11-30');
    expect(calendarDate(new Date('2026-12-01T05:30:00Z'), 'America/New_York')).toBe('2026-12-01');
  });

  it('throws for a time zone that does not exist', () => {
    expect(() => calendarDate(new Date('2026-11-23T10:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('agrees with the ISO date in UTC, with and without an explicit zone (property)', () => {
    const date = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9998-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(date, (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(calendarDate(d)).toBe(iso);
        expect(calendarDate(d, 'UTC')).toBe(iso);
        expect(calendarDate(d, 'Etc/GMT-14')).toBe(new Date(d.getTime() + 14 * 3_600_000).toISOString().slice(0, 10));
      }),
      { numRuns: 300 },
    );
  });
});

describe('dayNumber', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2026-11-23')).toBe(Date.UTC(2026, 10, 23) / DAY_MS);
  });

  it('accepts leap days of leap years', () => {
    expect(dayNumber('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / DAY_MS);
    expect(dayNumber('2000-02-29')).not.toBeNull();
  });

  it.each([
    ['a day February does not have', '2026-02-30'],
    ['a leap day of a common year', '2025-02-29'],
    ['a leap day of a century year not divisible by 400', '1900-02-29'],
    ['the 31st of a 30-day month', '2026-04-31'],
    ['day 32', '2026-01-32'],
    ['day 0', '2026-01-00'],
    ['month 13', '2026-13-01'],
    ['month 0', '2026-00-10'],
    ['no zero padding', '2026-1-5'],
    ['a time after the date', '2026-01-05T00:00:00Z'],
    ['spaces around the date', ' 2026-01-05 '],
    ['another order', '05-01-2026'],
    ['slashes', '2026/01/05'],
    ['an empty string', ''],
    ['words', 'tomorrow'],
  ])('rejects %s: %s', (_name, text) => {
    expect(dayNumber(text)).toBeNull();
  });

  it('numbers consecutive days consecutively (property)', () => {
    const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(date, (d) => {
        const today = d.toISOString().slice(0, 10);
        const tomorrow = new Date(d.getTime() + DAY_MS).toISOString().slice(0, 10);
        expect(dayNumber(today)).toBe(Math.floor(d.getTime() / DAY_MS));
        expect(dayNumber(tomorrow)).toBe(dayNumber(today)! + 1);
      }),
    );
  });
});

describe('daysBetween', () => {
  it('counts whole days forwards and backwards', () => {
    expect(daysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysBetween('2026-11-23', '2026-11-30')).toBe(7);
    expect(daysBetween('2026-11-23', '2026-11-01')).toBe(-22);
  });

  it('counts a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2023-03-01', '2024-03-01')).toBe(366);
  });

  it('crosses years', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2020-01-01', '2030-01-01')).toBe(3653);
  });

  it('is null when either date is unreadable', () => {
    expect(daysBetween('2026-02-30', '2026-03-01')).toBeNull();
    expect(daysBetween('2026-03-01', '2025-02-29')).toBeNull();
    expect(daysBetween('soon', 'later')).toBeNull();
  });

  it('is antisymmetric (property)', () => {
    const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(daysBetween(a, b)! + daysBetween(b, a)!).toBe(0);
      }),
    );
  });
});

describe('daysFromToday', () => {
  it('answers as daysBetween from today, for each date asked, again and again', () => {
    const daysTo = daysFromToday('2026-11-23');
    expect(daysTo('2026-11-30')).toBe(7);
    expect(daysTo('2026-11-01')).toBe(-22);
    expect(daysTo('2026-11-30')).toBe(7);
    expect(daysTo('2026-02-30')).toBeNull();
    expect(daysTo('2026-02-30')).toBeNull();
    expect(daysFromToday('today')('2026-11-30')).toBeNull();
    expect(daysTo(undefined)).toBeNull();
  });

  it('equals daysBetween for any dates and any text (property)', () => {
    const date = fc.oneof(
      fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.string(),
    );
    fc.assert(
      fc.property(date, fc.array(date, { maxLength: 8 }), (today, dates) => {
        const daysTo = daysFromToday(today);
        // Each date twice: the second answer comes from what the first one kept.
        for (const d of [...dates, ...dates]) expect(daysTo(d)).toBe(daysBetween(today, d));
      }),
    );
  });
});

describe('addDays', () => {
  it('adds and subtracts days', () => {
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(addDays('2026-11-23', 7)).toBe('2026-11-30');
    expect(addDays('2026-11-23', 90)).toBe('2027-02-21');
    expect(addDays('2026-11-23', -23)).toBe('2026-10-31');
  });

  it('lands on a leap day and crosses it', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('crosses years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('throws a RangeError for a date that is not a calendar date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow('Not a calendar date: 2026-02-30');
    expect(() => addDays('2026-1-5', 1)).toThrow(RangeError);
  });

  it('is undone by daysBetween (property)', () => {
    const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2900-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -20_000, max: 20_000 }), (start, days) => {
        const end = addDays(start, days);
        expect(end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(dayNumber(end)).not.toBeNull();
        expect(daysBetween(start, end)).toBe(days);
        expect(addDays(end, -days)).toBe(start);
      }),
    );
  });
});
