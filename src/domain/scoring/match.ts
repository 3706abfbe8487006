/**
 * Tolerant matching of what a learner typed against what the record says: lenient where a
 * professional would be (case, spacing, punctuation, date formats, unit synonyms, standard
 * abbreviations), strict where it matters (a different drug, strength or value is wrong).
 */

const normalized = new Map<string, string>();

/** Lower case, punctuation to spaces, single spaces; "Penicillin-V." → "penicillin v". */
export function normalizeText(text: string): string {
  // Scoring compares the same accepted renderings many times; the cache is bounded.
  const cached = normalized.get(text);
  if (cached !== undefined) return cached;
  const result = normalizeUncached(text);
  if (normalized.size > 50_000) normalized.clear();
  normalized.set(text, result);
  return result;
}

function normalizeUncached(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9%/.+]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // Dotted abbreviations: "q.h.s." → "q h s" → "qhs".
    .replace(/\b([a-z])(?: ([a-z])\b)+/g, (m) => m.replace(/ /g, ''));
}

/**
 * Abbreviations and synonyms as health records use them (each row is one meaning). Matching
 * treats any two spellings on the same row as equal, after normalizeText.
 */
const SYNONYM_ROWS: string[][] = [
  ['no known allergies', 'nka', 'nkda', 'no known drug allergies', 'none', 'no allergies', 'no known allergy'],
  ['by mouth', 'po', 'p o', 'oral', 'orally', 'per os'],
  ['subcutaneous', 'subcut', 'subq', 'sq', 'sc', 'subcutaneously'],
  ['intramuscular', 'im', 'intramuscularly'],
  ['inhalation', 'inhaled', 'inh', 'by inhalation', 'respiratory tract route'],
  ['topical', 'topically', 'top'],
  ['sublingual', 'sl', 'under the tongue'],
  ['ophthalmic', 'in the eye', 'eye', 'both eyes', 'ou', 'each eye'],
  ['nasal', 'intranasal', 'in each nostril', 'each nostril'],
  ['transdermal', 'to the skin', 'patch'],
  ['once daily', 'daily', 'qd', 'q day', 'every day', 'once a day', '1 time daily', 'q24h', 'every 24 hours'],
  ['twice daily', 'bid', 'b i d', 'two times daily', 'twice a day', '2 times daily', '2 times a day'],
  ['three times daily', 'tid', 't i d', 'three times a day', '3 times daily', '3 times a day'],
  ['four times daily', 'qid', 'q i d', 'four times a day', '4 times daily', '4 times a day'],
  ['at bedtime', 'qhs', 'hs', 'nightly', 'every night at bedtime', 'every night'],
  ['every morning', 'qam', 'q am', 'in the morning'],
  ['as needed', 'prn', 'p r n'],
  ['weekly', 'qweek', 'q week', 'once weekly', 'once a week', 'every week', 'qwk'],
  ['active', 'current', 'ongoing'],
  ['resolved', 'inactive', 'historical', 'history', 'past', 'remission'],
  ['mild', 'minor', 'low'],
  ['moderate', 'mod', 'medium'],
  ['severe', 'serious', 'high', 'life threatening'],
  ['male', 'm'],
  ['female', 'f'],
  ['high', 'h', 'abnormal high', 'above high normal', 'elevated'],
  ['low', 'l', 'abnormal low', 'below low normal', 'decreased'],
  ['normal', 'n', 'wnl', 'within normal limits', 'none', 'no flag', ''],
  ['critical high', 'hh', 'critically high', 'panic high', 'critical h'],
  ['critical low', 'll', 'critically low', 'panic low', 'critical l'],
  ['left', 'lt', 'l'],
  ['right', 'rt', 'r'],
];

const synonymIndex = new Map<string, Set<number>>();
SYNONYM_ROWS.forEach((row, i) => {
  for (const word of row) {
    const key = normalizeText(word);
    const rows = synonymIndex.get(key) ?? new Set<number>();
    rows.add(i);
    synonymIndex.set(key, rows);
  }
});

/** Normalized equality, or both spellings on one synonym row. */
export function sameTerm(a: string, b: string): boolean {
  const x = normalizeText(a);
  const y = normalizeText(b);
  if (x === y) return true;
  const rx = synonymIndex.get(x);
  const ry = synonymIndex.get(y);
  if (!rx || !ry) return false;
  for (const r of rx) if (ry.has(r)) return true;
  return false;
}

/** True when `entered` matches any accepted rendering. */
export function matchesAny(entered: string, accepted: readonly string[]): boolean {
  return accepted.some((a) => sameTerm(entered, a));
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A date as typed in a U.S. record, to YYYY-MM-DD: 2024-03-14, 03/14/2024, 3/14/24, 3-14-2024,
 * Mar 14, 2024, 14 March 2024. Two-digit years pivot at the reference year (ages can exceed 100
 * only with four digits). Undefined if it is not a real calendar date.
 */
export function parseUserDate(text: string, pivotYear = 2030): string | undefined {
  const t = text.trim().toLowerCase().replace(/(\d)(st|nd|rd|th)\b/g, '$1');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:t.*)?$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    let y = Number(m[3]);
    if ((m[3] as string).length === 2) y += y + 2000 > pivotYear ? 1900 : 2000;
    return iso(y, Number(m[1]), Number(m[2]));
  }
  m = /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/.exec(t);
  if (m && MONTHS[m[1] as string]) return iso(Number(m[3]), MONTHS[m[1] as string] as number, Number(m[2]));
  m = /^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/.exec(t);
  if (m && MONTHS[m[2] as string]) return iso(Number(m[3]), MONTHS[m[2] as string] as number, Number(m[1]));
  m = /^(\d{1,2})[/-](\d{4})$/.exec(t);
  if (m) return iso(Number(m[2]), Number(m[1]), 1)?.slice(0, 7);
  m = /^(\d{4})$/.exec(t);
  if (m) return m[1];
  return undefined;
}

/** Same calendar date however it was typed; a month or year typed for a full date is not a match. */
export function sameDate(entered: string, expected: string): boolean {
  const parsed = parseUserDate(entered);
  return parsed !== undefined && parsed === expected.slice(0, 10);
}

/** The same date to the precision given: onset "2019" or "03/2019" for 2019-03-14 earns partial credit. */
export function datePrecisionMatch(entered: string, expected: string): 'exact' | 'month' | 'year' | 'none' {
  const parsed = parseUserDate(entered);
  if (!parsed) return 'none';
  if (parsed === expected.slice(0, 10)) return 'exact';
  if (parsed.length === 7 && expected.startsWith(parsed)) return 'month';
  if (parsed.length === 4 && expected.startsWith(parsed)) return 'year';
  return 'none';
}

/** Units that mean the same quantity, as labs and notes print them (UCUM code first). */
const UNIT_ROWS: string[][] = [
  ['10*3/uL', 'x10^3/uL', 'x10e3/uL', '10^3/uL', 'k/uL', 'thou/uL', '10*3/ul', 'x10(3)/uL', '10^9/L', 'x10^9/L', 'k/mcL', '10^3/mcL', 'x10^3/mcL', '10³/µL', 'x10³/µL'],
  ['10*6/uL', 'x10^6/uL', 'x10e6/uL', '10^6/uL', 'm/uL', 'mil/uL', '10^12/L', 'x10^12/L', 'million/uL', 'x10^6/mcL', '10⁶/µL', 'x10⁶/µL'],
  ['ug', 'mcg', 'µg', 'microgram', 'micrograms'],
  ['mg', 'milligram', 'milligrams'],
  ['g', 'gram', 'grams', 'gm'],
  ['kg', 'kilogram', 'kilograms', 'kgs'],
  ['[lb_av]', 'lb', 'lbs', 'pound', 'pounds'],
  ['cm', 'centimeter', 'centimeters'],
  ['[in_i]', 'in', 'inch', 'inches'],
  ['mg/dL', 'mg/dl', 'mg per dl', 'mg/100mL'],
  ['g/dL', 'g/dl', 'gm/dl', 'grams per deciliter'],
  ['mmol/L', 'mmol/l', 'meq/l', 'mEq/L'],
  ['U/L', 'u/l', 'iu/l', 'IU/L', 'units/l'],
  ['%', 'percent', 'pct'],
  ['fL', 'fl', 'femtoliter', 'femtoliters', 'µm3', 'um3'],
  ['pg', 'picogram', 'picograms'],
  ['mm[Hg]', 'mmHg', 'mm hg', 'millimeters of mercury'],
  ['/min', 'bpm', 'beats/min', 'beats per minute', 'breaths/min', 'breaths per minute', '/minute', 'per minute', 'min-1'],
  ['Cel', '°C', 'C', 'degC', 'deg C', 'celsius', 'degrees celsius'],
  ['[degF]', '°F', 'F', 'degF', 'deg F', 'fahrenheit'],
  ['kg/m2', 'kg/m^2', 'kg/m²'],
  ['mL/min/{1.73_m2}', 'mL/min/1.73m2', 'ml/min/1.73 m2', 'mL/min/1.73m²', 'ml/min/1.73m^2', 'mL/min/1.73 m²'],
  ['uIU/mL', 'µIU/mL', 'mIU/L', 'mcIU/mL', 'uiu/ml', 'microIU/mL'],
  ['ng/mL', 'ng/ml', 'mcg/L', 'ug/L'],
  ['ng/dL', 'ng/dl'],
  ['pg/mL', 'pg/ml', 'ng/L'],
  ['mg/L', 'mg/l', 'ug/mL', 'mcg/mL'],
  ['ug/dL', 'mcg/dL', 'µg/dL', 'ug/dl'],
  ['mm/h', 'mm/hr', 'mm/hour'],
  ['s', 'sec', 'seconds', 'second'],
  ['{score}', 'score', '/10', 'out of 10'],
  ['{INR}', 'inr', 'ratio', '{ratio}', '1'],
  ['mg/g{creat}', 'mg/g', 'mg/g creat', 'mg/g creatinine'],
  ['mosm/kg', 'mOsm/kg', 'mosm/kg h2o'],
  ['umol/L', 'µmol/L', 'mcmol/L'],
];

const unitIndex = new Map<string, number>();
UNIT_ROWS.forEach((row, i) => row.forEach((u) => unitIndex.set(unitKey(u), i)));

function unitKey(unit: string): string {
  return unit.trim().toLowerCase().replace(/\s+/g, '').replace(/µ/g, 'u').replace(/²/g, '2').replace(/³/g, '3');
}

/** Unit synonyms are equal (mcg = ug = µg; mmHg = mm[Hg]); mg is never mcg. */
export function sameUnit(entered: string, expected: string): boolean {
  const a = unitKey(entered);
  const b = unitKey(expected);
  if (a === b) return true;
  const ra = unitIndex.get(a);
  return ra !== undefined && ra === unitIndex.get(b);
}

/** Parse a number as typed: "1,250", " 7.0 ", "<0.01" → 0.01; undefined for text. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/,/g, '').replace(/^[<>]=?\s*/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/** Equal at the precision the lab reports: 7.0 = 7 = 7.00, but 7.1 ≠ 7.0. */
export function sameNumber(entered: string, expected: number, decimals: number): boolean {
  const value = parseNumber(entered);
  if (value === undefined) return false;
  return Math.abs(value - expected) < 0.5 * 10 ** -decimals + 1e-9;
}

/** "500 mg" and "500mg" and "0.5 g" are the same dose; the number and the unit must both agree. */
export function sameDose(entered: string, expected: string): boolean {
  const parse = (s: string) => {
    const m = /^\s*([\d.,]+)\s*([a-zµ%/[\]{}0-9.*^]+(?:\s[a-z]+)?)?\s*$/i.exec(s.replace(/(\d),(\d{3})/g, '$1$2'));
    if (!m) return undefined;
    return { value: Number(m[1]), unit: (m[2] ?? '').trim() };
  };
  const a = parse(entered);
  const b = parse(expected);
  if (!a || !b) return normalizeText(entered) === normalizeText(expected);
  if (Math.abs(a.value - b.value) > 1e-9) {
    // 0.5 g = 500 mg, 1 mg = 1000 mcg.
    const scale: Record<string, number> = { g: 1e6, mg: 1e3, ug: 1, mcg: 1 };
    const sa = scale[unitKey(a.unit)];
    const sb = scale[unitKey(b.unit)];
    return sa !== undefined && sb !== undefined && Math.abs(a.value * sa - b.value * sb) < 1e-6;
  }
  if (!a.unit || !b.unit) return false;
  return sameUnit(a.unit, b.unit) || sameTerm(a.unit.replace(/s$/, ''), b.unit.replace(/s$/, ''));
}

/** A normalized similarity 0..1 (Levenshtein), to recognise near-misses in feedback and MPI. */
export function similarity(a: string, b: string): number {
  const x = normalizeText(a);
  const y = normalizeText(b);
  if (x === y) return 1;
  if (!x.length || !y.length) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - (prev[y.length] as number) / Math.max(x.length, y.length);
}
