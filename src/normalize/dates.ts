// ISO 8601 dates as the front matter writes them, checked against the calendar.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant as an ISO string in UTC, or null when `text` is no valid ISO 8601 date or date-time.
 * A date alone means midnight UTC; a date-time without a zone is read as UTC. */
export function parseIsoDate(text: string): string | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3)), om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Math.round(Number(`0${frac || '.0'}`) * 1000);
  const utc = utcDate(year, month - 1, day).setUTCHours(hour, minute, second, ms) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

/**
 * The first year a seed may be dated. A news date before it is a typo far more often than an ancient text
 * (0024 or 0224 for 2024), and one that would be published without a word; see docs/seed-format.md.
 */
export const EARLIEST_YEAR = 1000;

// Date.UTC reads the years 0 to 99 as 1900 to 1999; setUTCFullYear takes every year as written.
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function daysIn(year: number, month: number): number {
  return utcDate(year, month, 0).getUTCDate();
}
