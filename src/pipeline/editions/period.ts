// Which edition an article belongs to: the day (or ISO week) of its publication in the editions' time zone.
import { intl } from '../../typeset/intl.js';

export interface Period {
  /** `2026-03-13` or `2026-W11`. */
  key: string;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
  /** For a week: its ISO week number and year. */
  week?: { week: number; year: number };
}

/** The calendar day (YYYY-MM-DD) of the instant `iso` in `timeZone`. */
export function localDay(iso: string, timeZone: string): string {
  const format = intl(`day:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year!.padStart(4, '0')}-${parts.month}-${parts.day}`;
}

/** The period of `iso`: its day, or the ISO week (from Monday) that holds its day. */
export function periodOf(iso: string, period: 'day' | 'week', timeZone: string): Period {
  const day = localDay(iso, timeZone);
  if (period === 'day') return { key: day, start: day, end: day };
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const monday = addDays(date, -weekday);
  // The ISO week-year is the year of the week's Thursday.
  const thursday = addDays(monday, 3);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return { key: `${year}-W${String(week).padStart(2, '0')}`, start: isoDay(monday), end: isoDay(addDays(monday, 6)), week: { week, year } };
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
