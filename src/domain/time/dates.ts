/**
 * Calendar arithmetic on plain `YYYY-MM-DD` strings, in UTC, so results never depend on the
 * machine's time zone or locale.
 */

const DAY_MS = 86_400_000;

const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of the date at the start of `day` (a date or a FHIR dateTime). */
export function parseDay(day: string): number {
  const key = day.length > 10 ? day.slice(0, 10) : day;
  const cached = dayNumbers.get(key);
  if (cached !== undefined) return cached;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`Not a date (YYYY-MM-DD): ${day}`);
  const value = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  // Charts reuse a few thousand distinct days; the cache is bounded so long runs stay small.
  if (dayNumbers.size > 50_000) dayNumbers.clear();
  dayNumbers.set(key, value);
  return value;
}

export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return formatDay(parseDay(day) + days);
}

export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // 29 February moves to 28 February in a common year.
  const target = new Date(Date.UTC(y + years, m - 1, 1));
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return parseDay(to) - parseDay(from);
}

/** Age in completed years on `on`. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.slice(0, 10).split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Age in completed months on `on`. */
export function ageInMonths(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.slice(0, 10).split('-').map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  return months;
}

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const lastDay = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return formatDay(Date.UTC(ny, nm, Math.min(d, lastDay)) / DAY_MS);
}

/** Local clinic time with a fixed U.S. Eastern offset; FHIR requires a zone once a time is given. */
export function dateTime(day: string, hour: number, minute: number): string {
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00-05:00`;
}

/** The clinic time `minutesLater` after `day hour:minute`, rolling over midnight into the next day. */
export function dateTimeAfter(day: string, hour: number, minute: number, minutesLater: number): string {
  const total = hour * 60 + minute + minutesLater;
  const days = Math.floor(total / 1440);
  const rest = total - days * 1440;
  return dateTime(addDays(day, days), Math.floor(rest / 60), rest % 60);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Print a date the ways U.S. records do: `03/14/2024`, `3/14/24`, `Mar 14, 2024`, `2024-03-14`. */
export function printDate(day: string, style: 'us' | 'us-short' | 'long' | 'iso'): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  switch (style) {
    case 'us':
      return `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
    case 'us-short':
      return `${m}/${d}/${String(y).slice(2)}`;
    case 'long':
      return `${MONTHS[m - 1]} ${d}, ${y}`;
    case 'iso':
      return day.slice(0, 10);
  }
}

/** `14:05` from a FHIR dateTime. */
export function printTime(dateTimeValue: string): string {
  return dateTimeValue.slice(11, 16);
}
