import { flagFor, type Flag } from '@/domain/chart/fhir-builders';
import { LABS, referenceFor } from '@/domain/codes/code-tables';
import type { Interval, LabTest, Sex } from '@/domain/codes/code-types';
import type { Rng } from '@/domain/rng/rng';
import { multipleChoice, personPhrase, type Draft, type KindContext } from '../question-kit';

/**
 * Result interpretation: is this value normal, high, low or critical for this patient? The answer
 * is `flagFor` — the same rule that flags every generated lab result — applied to the lab table's
 * adult reference interval for the patient's sex and its critical limits: above the interval is
 * High, at or beyond a critical limit is Critical, and a value equal to a reference limit is
 * still within the interval.
 */

export const FLAG_WORDS: Record<Flag, string> = { N: 'Normal', H: 'High', L: 'Low', HH: 'Critical high', LL: 'Critical low' };

const hasInterval = (t: LabTest) => t.reference.low !== undefined || t.reference.high !== undefined;

function sexSpecific(t: LabTest): boolean {
  const m = referenceFor(t, 'male');
  const f = referenceFor(t, 'female');
  return m.low !== f.low || m.high !== f.high;
}

function unitOf(t: LabTest): string {
  const u = t.unitDisplay ?? t.ucum;
  return u.startsWith('{') || u.startsWith('[') || u === '1' ? '' : u;
}

export function rangeText(ref: Interval, decimals: number): string {
  const f = (v: number) => v.toFixed(decimals);
  if (ref.low !== undefined && ref.high !== undefined) return `${f(ref.low)}–${f(ref.high)}`;
  if (ref.low !== undefined) return `≥ ${f(ref.low)}`;
  return `≤ ${f(ref.high as number)}`;
}

/** A value of `test` that `flagFor` puts in `target` for this sex; undefined when there is none. */
function valueFor(rng: Rng, test: LabTest, sex: Sex, target: Flag, edge: boolean): number | undefined {
  const ref = referenceFor(test, sex);
  const crit = test.critical ?? {};
  const step = 10 ** -test.decimals;
  const round = (v: number) => Number(v.toFixed(test.decimals));
  let lo: number;
  let hi: number;
  switch (target) {
    case 'N':
      lo = ref.low ?? (ref.high as number) * 0.4;
      hi = ref.high ?? (ref.low as number) * 1.6;
      if (edge) return rng.pick([ref.low, ref.high].filter((v): v is number => v !== undefined));
      break;
    case 'H':
      if (ref.high === undefined) return undefined;
      lo = ref.high + step;
      hi = crit.high !== undefined ? crit.high - step : ref.high * 1.5 + step;
      if (edge) hi = Math.min(hi, ref.high + step * 3);
      break;
    case 'L':
      if (ref.low === undefined || ref.low <= 0) return undefined;
      lo = crit.low !== undefined ? crit.low + step : ref.low * 0.6;
      hi = ref.low - step;
      if (edge) lo = Math.max(lo, ref.low - step * 3);
      break;
    case 'HH':
      if (crit.high === undefined) return undefined;
      if (edge) return crit.high;
      lo = crit.high;
      hi = crit.high * 1.3;
      break;
    case 'LL':
      if (crit.low === undefined || crit.low <= 0) return undefined;
      if (edge) return crit.low;
      lo = crit.low * 0.6;
      hi = crit.low;
      break;
  }
  if (hi < lo) return undefined;
  for (let tries = 0; tries < 8; tries++) {
    const v = round(lo + rng.next() * (hi - lo));
    if (v >= 0 && flagFor(v, ref, test.critical) === target) return v;
  }
  return undefined;
}

export function interpretationQuestion(ctx: KindContext): Draft | undefined {
  const { rng, difficulty } = ctx;
  let test: LabTest;
  const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
  let value: number | undefined;
  if (difficulty === 'intermediate') {
    // The trap of the level: a value normal for one sex and abnormal for the other.
    test = rng.pick(LABS.filter((t) => hasInterval(t) && sexSpecific(t)));
    const m = referenceFor(test, 'male');
    const f = referenceFor(test, 'female');
    const gaps: { lo: number; hi: number }[] = [];
    if (m.high !== undefined && f.high !== undefined && m.high !== f.high) gaps.push({ lo: Math.min(m.high, f.high), hi: Math.max(m.high, f.high) });
    if (m.low !== undefined && f.low !== undefined && m.low !== f.low) gaps.push({ lo: Math.min(m.low, f.low), hi: Math.max(m.low, f.low) });
    const gap = rng.pick(gaps);
    const step = 10 ** -test.decimals;
    value = Number((gap.lo + step + rng.next() * Math.max(0, gap.hi - gap.lo - 2 * step)).toFixed(test.decimals));
    if (flagFor(value, m, test.critical) === flagFor(value, f, test.critical)) return undefined;
  } else {
    const pool = LABS.filter((t) => hasInterval(t) && (difficulty === 'advanced' ? t.critical !== undefined : !sexSpecific(t)));
    test = rng.pick(pool);
    const targets: Flag[] = difficulty === 'advanced' ? ['N', 'H', 'L', 'HH', 'LL'] : ['N', 'H', 'L'];
    const target = rng.pick(targets);
    value = valueFor(rng, test, sex, target, difficulty === 'advanced' && rng.chance(0.5));
  }
  if (value === undefined) return undefined;
  const ref = referenceFor(test, sex);
  const flag = flagFor(value, ref, test.critical);
  const answer = FLAG_WORDS[flag];
  const options: Flag[] = ['N', 'H', 'L'];
  if (test.critical?.high !== undefined || flag === 'HH' || difficulty === 'advanced') options.push('HH');
  if (test.critical?.low !== undefined || flag === 'LL') options.push('LL');
  const mc = multipleChoice(rng, answer, options.filter((f) => f !== flag).map((f) => FLAG_WORDS[f]), undefined, options.length);
  if (!mc) return undefined;
  const age = rng.int(18, 90);
  const unit = unitOf(test);
  const shown = `${value.toFixed(test.decimals)}${unit ? ` ${unit}` : ''}`;
  return {
    prompt: `For ${personPhrase(age, sex)}, ${test.shortName} ${shown} is:`,
    ...mc,
    explanation: explain(test, sex, value, flag),
    source: { type: 'code-table', table: 'labs' },
  };
}

function explain(test: LabTest, sex: Sex, value: number, flag: Flag): string {
  const ref = referenceFor(test, sex);
  const unit = unitOf(test);
  const u = unit ? ` ${unit}` : '';
  const v = value.toFixed(test.decimals);
  const bySex = sexSpecific(test);
  const who = sex === 'male' ? 'men' : 'women';
  const crit = test.critical;
  const critText = crit
    ? `critical limits ${[crit.low !== undefined ? `≤ ${crit.low.toFixed(test.decimals)}` : '', crit.high !== undefined ? `≥ ${crit.high.toFixed(test.decimals)}` : ''].filter(Boolean).join(' or ')}`
    : 'no critical limits for this test';
  const why: Record<Flag, string> = {
    N: `${v} is within the interval (a value equal to a limit is still within it)`,
    H: `${v} is above the upper limit ${ref.high?.toFixed(test.decimals)} but short of any critical limit`,
    L: `${v} is below the lower limit ${ref.low?.toFixed(test.decimals)} but short of any critical limit`,
    HH: `${v} is at or above the critical limit ${crit?.high?.toFixed(test.decimals)}, a panic value the lab calls to the provider at once`,
    LL: `${v} is at or below the critical limit ${crit?.low?.toFixed(test.decimals)}, a panic value the lab calls to the provider at once`,
  };
  let text = `Adult reference interval for ${test.shortName}${bySex ? ` in ${who}` : ''}: ${rangeText(ref, test.decimals)}${u}; ${critText}. ${why[flag]}, so the result is ${FLAG_WORDS[flag]}.`;
  if (bySex) {
    const other: Sex = sex === 'male' ? 'female' : 'male';
    const otherRef = referenceFor(test, other);
    const otherFlag = flagFor(value, otherRef, crit);
    text += ` Use the interval for the patient's sex: for ${other === 'male' ? 'men' : 'women'} it is ${rangeText(otherRef, test.decimals)}${u}${otherFlag !== flag ? `, and the same value would be ${FLAG_WORDS[otherFlag]}` : ''}.`;
  }
  return text;
}
