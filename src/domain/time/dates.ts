/**
 * Calendar arithmetic on plain `YYYY-MM-DD` strings, in UTC, so results never depend on the
 * machine's time zone or locale.
 */

/** Year, month, day of `YYYY-MM-DD…` from the character codes (hot path: no split, no regex). */
function ymd(day: string): [number, number, number] {
  const c = (i: number) => day.charCodeAt(i) - 48;
  const y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
  if (!(y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) {
    throw new Error(`Not a date (YYYY-MM-DD): ${day}`);
  }
  return [y, m, d];
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil; integer arithmetic only). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of the date at the start of `day` (a date or a FHIR dateTime). */
export function parseDay(day: string): number {
  const [y, m, d] = ymd(day);
  if (d > daysInMonth(y, m)) throw new Error(`Not a date (YYYY-MM-DD): ${day}`);
  return daysFromCivil(y, m, d);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const formatted = new Map<number, string>();

export function formatDay(dayNumber: number): string {
  const cached = formatted.get(dayNumber);
  if (cached !== undefined) return cached;
  // civil_from_days (Hinnant).
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const text = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  // Charts use a few tens of thousands of distinct days; the cache stays bounded on long runs.
  if (formatted.size > 100_000) formatted.clear();
  formatted.set(dayNumber, text);
  return text;
}

export function addDays(day: string, days: number): string {
  return formatDay(parseDay(day) + days);
}

export function addYears(day: string, years: number): string {
  const [y, m, d] = ymd(day);
  // 29 February moves to 28 February in a common year.
  return formatDay(daysFromCivil(y + years, m, Math.min(d, daysInMonth(y + years, m))));
}

export function daysBetween(from: string, to: string): number {
  return parseDay(to) - parseDay(from);
}

/** Age in completed years on `on`. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = ymd(birthDate);
  const [y, m, d] = ymd(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Age in completed months on `on`. */
export function ageInMonths(birthDate: string, on: string): number {
  const [by, bm, bd] = ymd(birthDate);
  const [y, m, d] = ymd(on);
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  return months;
}

export function addMonths(day: string, months: number): string {
  const [y, m, d] = ymd(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return formatDay(daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm))));
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
