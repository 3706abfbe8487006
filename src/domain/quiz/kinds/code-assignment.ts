import { agesAllowing } from '@/domain/chart/clinical-history';
import { CONDITIONS, getVaccine, LABS, PANELS, referenceFor, VACCINES } from '@/domain/codes/code-tables';
import type { ConditionModule, LabTest, Sex, Vaccine } from '@/domain/codes/code-types';
import { formatDate } from '@/domain/documents/phrases';
import type { Rng } from '@/domain/rng/rng';
import { addDays } from '@/domain/time/dates';
import neighboursFile from '../data/icd10-neighbours.json';
import vaccineFile from '../data/vaccine-statements.json';
import { multipleChoice, personPhrase, uniq, type Draft, type KindContext } from '../question-kit';
import { QUIZ_REF_DATE } from '../quiz-charts';

/**
 * Code assignment: pick (or type) the ICD-10-CM, LOINC or CVX code for a documented statement.
 * Distractors come from the same family, so the choice takes reading, not elimination: other
 * conditions of the same ICD-10-CM chapter and same-category codes that need documentation the
 * statement lacks; other tests of the same panel and same-analyte look-alikes; other vaccines of
 * the same age group. Every choice is a real code and never the answer's code.
 */

interface Coded {
  code: string;
  display: string;
}

const NEIGHBOURS = new Map<string, Coded[]>(
  (neighboursFile as { entries: { condition: string; codes: Coded[] }[] }).entries.map((e) => [e.condition, e.codes]),
);

interface VaccineStatement {
  vaccine: string;
  plain: string;
  family?: string;
}
const VACCINE_FILE = vaccineFile as { entries: VaccineStatement[]; families: Record<string, string> };
const VACCINE_STATEMENTS = new Map(VACCINE_FILE.entries.map((e) => [e.vaccine, e]));

/** ICD-10-CM chapters by first letter, for feedback. */
const CHAPTERS: Record<string, string> = {
  A: 'infectious and parasitic diseases',
  D: 'diseases of the blood',
  E: 'endocrine, nutritional and metabolic diseases',
  F: 'mental and behavioral disorders',
  G: 'diseases of the nervous system',
  H: 'diseases of the eye and ear',
  I: 'diseases of the circulatory system',
  J: 'diseases of the respiratory system',
  K: 'diseases of the digestive system',
  L: 'diseases of the skin',
  M: 'diseases of the musculoskeletal system',
  N: 'diseases of the genitourinary system',
  R: 'symptoms, signs and abnormal findings',
  Z: 'factors influencing health status (history and status codes)',
};

export function codeAssignmentQuestion(ctx: KindContext): Draft | undefined {
  const family = ctx.rng.weighted(['icd', 'loinc', 'cvx'] as const, (f) => (f === 'icd' ? 5 : f === 'loinc' ? 3 : 2));
  if (family === 'icd') return icdQuestion(ctx);
  if (family === 'loinc') return loincQuestion(ctx);
  return cvxQuestion(ctx);
}

const withDisplay = (c: Coded) => `${c.code} — ${c.display}`;

// --- ICD-10-CM -------------------------------------------------------------------------------

/** Other condition modules' codes, same chapter first, then the nearest chapters by letter. */
function chapterNeighbours(rng: Rng, module: ConditionModule): Coded[] {
  const letter = module.icd10.code.charCodeAt(0);
  const others = CONDITIONS.filter((m) => m.icd10.code !== module.icd10.code);
  const same = rng.shuffle(others.filter((m) => m.icd10.code.charCodeAt(0) === letter));
  const rest = rng.shuffle(others.filter((m) => m.icd10.code.charCodeAt(0) !== letter)).sort(
    (a, b) => Math.abs(a.icd10.code.charCodeAt(0) - letter) - Math.abs(b.icd10.code.charCodeAt(0) - letter),
  );
  return [...same, ...rest].map((m) => m.icd10);
}

function patientFor(rng: Rng, module: ConditionModule): { age: number; sex: Sex } | undefined {
  const sexes = (['female', 'male'] as const).filter((s) => agesAllowing(module, s));
  if (sexes.length === 0) return undefined;
  const sex = rng.pick(sexes);
  const [lo, hi] = agesAllowing(module, sex) as [number, number];
  return { sex, age: rng.int(Math.max(lo, 1), Math.min(hi, 92)) };
}

function icdQuestion(ctx: KindContext): Draft | undefined {
  const { rng, difficulty } = ctx;
  const module = rng.pick(CONDITIONS);
  const patient = patientFor(rng, module);
  if (!patient) return undefined;
  const person = personPhrase(patient.age, patient.sex);
  const setting = rng.pick(
    module.kind === 'surgical-history'
      ? ['Past surgical history', 'Surgical history on the H&P']
      : module.kind === 'resolved'
        ? ['Past medical history', 'History on the H&P']
        : module.kind === 'acute'
          ? ['Reason for the visit', 'Discharge diagnosis', 'Assessment']
          : ['Problem list entry', 'Assessment', 'Discharge diagnosis (secondary)'],
  );
  const answer = module.icd10;
  // Intro names the condition in plain words and shows each code's title; the harder levels give
  // the full diagnostic statement and ask for the code itself, with same-category look-alikes.
  const statement = difficulty === 'intro' ? module.name : answer.display;
  const siblings = rng.shuffle(NEIGHBOURS.get(module.id) ?? []);
  const chapter = chapterNeighbours(rng, module);
  const stem = `${setting} for ${person}: "${statement}".`;
  const chapterName = CHAPTERS[answer.code[0] as string] ?? 'the same chapter';
  if (difficulty === 'advanced') {
    return {
      prompt: `${stem} Type the ICD-10-CM code.`,
      format: 'typed',
      answer: answer.code,
      match: 'code',
      explanation: `"${answer.display}" is ICD-10-CM ${answer.code} (chapter: ${chapterName}).${siblingNote(siblings)}`,
      source: { type: 'code-table', table: 'conditions' },
    };
  }
  const pool = difficulty === 'intro' ? chapter : [...siblings, ...chapter];
  const byText = new Map(pool.map((c) => [difficulty === 'intro' ? withDisplay(c) : c.code, c]));
  const correctText = difficulty === 'intro' ? withDisplay(answer) : answer.code;
  const mc = multipleChoice(rng, correctText, [...byText.keys()], (text) => byText.get(text)?.code === answer.code);
  if (!mc) return undefined;
  const shown = (mc.choices ?? []).filter((c) => !c.correct).map((c) => byText.get(c.text) as Coded);
  return {
    prompt: `${stem} Which ICD-10-CM code fits?`,
    ...mc,
    explanation: `"${module.name}" is coded ${answer.code}, "${answer.display}". The other choices are different diagnoses or need documentation the statement does not give: ${shown.map((c) => `${c.code} ${c.display}`).join('; ')}.`,
    source: { type: 'code-table', table: 'conditions' },
  };
}

function siblingNote(siblings: readonly Coded[]): string {
  if (siblings.length === 0) return '';
  const [a, b] = siblings;
  return ` Neighbouring codes need more documentation: ${[a, b].filter((c): c is Coded => !!c).map((c) => `${c.code} ${c.display}`).join('; ')}.`;
}

// --- LOINC -----------------------------------------------------------------------------------

const STOP = new Set(['in', 'of', 'by', 'the', 'and', 'serum', 'plasma', 'blood', 'urine', 'mass', 'volume', 'moles', 'units', 'automated', 'count', 'test', 'strip', 'total', 'ratio', 'enzymatic', 'activity', 'ag', 'level', 'method', 'poor', 'platelet', 'sediment']);

function tokens(test: LabTest): Set<string> {
  const words = [test.shortName, ...test.abbreviations, test.loinc.display.split(/ \[| in | by /)[0] as string]
    .join(' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return new Set(words.filter((w) => w.length >= 2 && !STOP.has(w) && !/^\d+$/.test(w)));
}

/**
 * A test's code is not a fair distractor for a more specific variant of the same measurement: a
 * fasting glucose may be sent as a plain serum glucose, and hs-CRP is still a C-reactive protein.
 */
const GENERAL_OF: Record<string, string[]> = { 'glucose-fasting': ['glucose'], 'hs-crp': ['crp'] };

function loincQuestion(ctx: KindContext): Draft | undefined {
  const { rng, difficulty } = ctx;
  const test = rng.pick(LABS);
  const mine = tokens(test);
  const excluded = new Set([test.id, ...(GENERAL_OF[test.id] ?? [])]);
  const panelMates = uniq(PANELS.filter((p) => p.tests.length > 1 && p.tests.includes(test.id)).flatMap((p) => p.tests)).filter((id) => !excluded.has(id));
  const lookAlikes = LABS.filter((t) => !excluded.has(t.id) && [...tokens(t)].some((w) => mine.has(w))).map((t) => t.id);
  const sameSpecimen = LABS.filter((t) => !excluded.has(t.id) && t.specimen === test.specimen).map((t) => t.id);
  const order =
    difficulty === 'intro'
      ? [...rng.shuffle(panelMates), ...rng.shuffle(sameSpecimen)]
      : [...rng.shuffle(lookAlikes), ...rng.shuffle(panelMates), ...rng.shuffle(sameSpecimen)];
  const byText = new Map(LABS.map((t) => [withDisplay(t.loinc), t]));
  const candidates = order.map((id) => withDisplay((LABS.find((t) => t.id === id) as LabTest).loinc));
  const mc = multipleChoice(rng, withDisplay(test.loinc), candidates, (text) => byText.get(text)?.loinc.code === test.loinc.code);
  if (!mc) return undefined;
  const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
  const person = personPhrase(rng.int(18, 90), sex);
  const specimen = test.specimen.toLowerCase();
  let stem: string;
  if (difficulty === 'advanced') {
    const ref = referenceFor(test, sex);
    const lo = ref.low ?? (ref.high ?? 1) * 0.5;
    const hi = ref.high ?? lo * 1.5;
    const value = rng.float(Math.min(lo, hi), Math.max(lo, hi), test.decimals).toFixed(test.decimals);
    const abbreviation = rng.pick(test.abbreviations);
    const unit = test.unitDisplay ?? (test.ucum.startsWith('{') || test.ucum === '1' ? '' : test.ucum);
    stem = `An interface message for ${person} carries the result line "${abbreviation} ${value}${unit ? ` ${unit}` : ''}" (specimen: ${specimen}).`;
  } else {
    stem = `A ${test.shortName} (specimen: ${specimen}) was resulted for ${person}.`;
  }
  const panels = PANELS.filter((p) => p.tests.length > 1 && p.tests.includes(test.id)).map((p) => p.shortName);
  return {
    prompt: `${stem} Which LOINC code identifies the test?`,
    ...mc,
    explanation: `${test.shortName}${test.abbreviations.length ? ` (${test.abbreviations.join(', ')})` : ''} on ${specimen} is LOINC ${test.loinc.code}, "${test.loinc.display}". Read the LOINC name's parts: the analyte, the property in brackets, the specimen after "in" and any method after "by"; a different specimen or method is a different code.${panels.length ? ` It is reported in the ${panels.join(', ')} panel${panels.length > 1 ? 's' : ''}.` : ''} LOINC is © Regenstrief Institute.`,
    source: { type: 'code-table', table: 'labs' },
  };
}

// --- CVX -------------------------------------------------------------------------------------

type AgeGroup = 'infant' | 'adolescent' | 'adult' | 'any';

function ageGroup(v: Vaccine): AgeGroup {
  if (v.seasonalFromMonths !== undefined) return 'any';
  if (v.adultFromYears !== undefined) return 'adult';
  return Math.min(...(v.scheduleMonths ?? [0])) >= 132 ? 'adolescent' : 'infant';
}

/** An age at which the vaccine is given, in months, and a date it could have been given. */
function whenGiven(rng: Rng, v: Vaccine): { months: number; day: string } {
  let months: number;
  if (v.scheduleMonths) months = rng.pick(v.scheduleMonths);
  else if (v.adultFromYears !== undefined) months = 12 * rng.int(Math.max(v.adultFromYears, 19), Math.max(v.adultFromYears, 19) + 25);
  else months = 12 * rng.int(1, 80);
  let day = addDays(QUIZ_REF_DATE, -rng.int(10, 900));
  if (v.availableUntilYear !== undefined && Number(day.slice(0, 4)) > v.availableUntilYear) day = `${v.availableUntilYear}-${day.slice(5, 10)}`;
  return { months, day };
}

function cvxQuestion(ctx: KindContext): Draft | undefined {
  const { rng, difficulty } = ctx;
  const vaccine = rng.pick(VACCINES);
  const statement = VACCINE_STATEMENTS.get(vaccine.id);
  if (!statement) return undefined;
  const group = ageGroup(vaccine);
  const { months, day } = whenGiven(rng, vaccine);
  const sex: Sex = vaccine.sex ?? (rng.chance(0.5) ? 'female' : 'male');
  const person = personPhrase(Math.floor(months / 12), sex, months);
  const given = difficulty === 'intro' ? `${vaccine.shortName} (${statement.plain})` : statement.plain;
  const stem = `${person.charAt(0).toUpperCase()}${person.slice(1)} received ${given} on ${formatDate(day, 'us')}.`;
  const familyNote = statement.family ? ` ${VACCINE_FILE.families[statement.family]}` : '';
  const explanation = `${vaccine.shortName} is CVX ${vaccine.cvx.code}, "${vaccine.cvx.display}".${familyNote} CVX codes identify the product on the immunization record and in registry (IIS) messages.`;
  if (difficulty === 'advanced') {
    return {
      prompt: `${stem} Type the CVX code for the immunization record.`,
      format: 'typed',
      answer: vaccine.cvx.code,
      match: 'code',
      explanation,
      source: { type: 'code-table', table: 'vaccines' },
    };
  }
  const family = VACCINE_FILE.entries.filter((e) => e.family && e.family === statement.family && e.vaccine !== vaccine.id).map((e) => getVaccine(e.vaccine));
  const sameAge = VACCINES.filter((v) => v.id !== vaccine.id && (group === 'any' || ageGroup(v) === group || ageGroup(v) === 'any'));
  const rest = VACCINES.filter((v) => v.id !== vaccine.id);
  const candidates = uniq([...rng.shuffle(family), ...rng.shuffle(sameAge), ...rng.shuffle(rest)]).map((v) => withDisplay(v.cvx));
  const byText = new Map(VACCINES.map((v) => [withDisplay(v.cvx), v]));
  const mc = multipleChoice(rng, withDisplay(vaccine.cvx), candidates, (text) => byText.get(text)?.cvx.code === vaccine.cvx.code);
  if (!mc) return undefined;
  return { prompt: `${stem} Which CVX code goes on the immunization record?`, ...mc, explanation, source: { type: 'code-table', table: 'vaccines' } };
}
