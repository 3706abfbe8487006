import type { MedicationStatement, Observation } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import { flagFor } from '@/domain/chart/fhir-builders';
import { ALLERGENS, conflictsWithAllergens, DRUGS, getDrug, getFrequency, getReaction, referenceFor } from '@/domain/codes/code-tables';
import type { Allergen, Drug, LabTest, Sex } from '@/domain/codes/code-types';
import { allergenFor, drugFor, labTestFor } from '@/domain/documents/code-lookup';
import { formatDate, isNoKnownAllergy, printableUnit, reactionName } from '@/domain/documents/phrases';
import { ERROR_CATALOG } from '@/domain/exercise/error-catalog';
import { transpositionsOf } from '@/domain/exercise/mpi';
import type { Rng } from '@/domain/rng/rng';
import { ageOn } from '@/domain/time/dates';
import { linesWithSpan, multipleChoice, usDate, type Draft, type KindContext } from '../question-kit';
import type { Difficulty } from '../question-schema';
import { QUIZ_REF_DATE } from '../quiz-charts';
import { documentLabel, patientName } from './abstraction';
import { FLAG_WORDS } from './result-interpretation';

/**
 * Spot the error: a short excerpt built from a generated chart (a medication list, a lab table,
 * document headers) with exactly one planted error from the error catalog's repertoire; the
 * answer is the wrong line. Every other line is the chart's own, checked to be consistent, so the
 * planted line is the only one a careful reader can object to.
 */

type Planter = (chart: Chart, rng: Rng, difficulty: Difficulty) => Draft | undefined;

const BY_LEVEL: Record<Difficulty, Planter[]> = {
  intro: [doseUnitError, (c, r, d) => unflaggedAbnormal(c, r, d)],
  intermediate: [allergyConflict, transposedIdentifier, labUnitError],
  advanced: [allergyConflict, transposedIdentifier, unflaggedAbnormal],
};

export function spotTheErrorQuestion(ctx: KindContext): Draft | undefined {
  const chart = ctx.chart;
  if (!chart) return undefined;
  const planters = ctx.rng.shuffle(BY_LEVEL[ctx.difficulty]);
  for (const plant of planters) {
    const draft = plant(chart, ctx.rng, ctx.difficulty);
    if (draft) return { ...draft, source: { type: 'chart', seed: chart.meta.seed, refDate: chart.meta.refDate } };
  }
  return undefined;
}

function numbered(lines: readonly string[]): string[] {
  return lines.map((l, i) => `${i + 1}. ${l}`);
}

/** The draft for "which line is wrong": choices are the numbered lines, the answer the planted one. */
function whichLine(rng: Rng, context: string[], lines: string[], wrong: number, prompt: string, explanation: string): Draft | undefined {
  const all = [...context, ...lines];
  const { excerpt, evidence } = linesWithSpan(all, context.length + wrong);
  const mc = multipleChoice(rng, (lines[wrong] as string).trim(), lines.filter((_, i) => i !== wrong).map((l) => l.trim()), undefined, 5);
  if (!mc) return undefined;
  return { prompt, excerpt, evidence, ...mc, explanation };
}

// --- Medication lists ------------------------------------------------------------------------

interface MedLine {
  drug: Drug;
  ms: MedicationStatement;
}

/** A line of a printed medication list: a charted statement, or a drug written with its usual sig. */
interface Line {
  drug: Drug;
  ms: MedicationStatement | undefined;
}

/** Active medications and recently completed courses, as a printed medication list shows them. */
function listedMeds(chart: Chart): MedLine[] {
  return chart.medications
    .filter((ms) => ms.status === 'active' || ms.status === 'completed')
    .map((ms) => ({ ms, drug: drugFor(ms.medicationCodeableConcept) }))
    .filter((m): m is MedLine => !!m.drug);
}

const ROUTE_SIG: Record<Drug['route'], string> = {
  oral: 'by mouth',
  subcutaneous: 'subcutaneously',
  inhalation: 'by inhalation',
  topical: 'topically',
  intramuscular: 'intramuscularly',
  ophthalmic: 'in the eye',
  nasal: 'in each nostril',
  transdermal: 'to the skin',
  sublingual: 'under the tongue',
};

/** The table's usual sig in the words the generated lists use: "1 tablet by mouth twice daily". */
function usualSig(drug: Drug): string {
  // "2 sprays each nostril" and "1 drop each eye" already say where.
  const route = /\beach\b/.test(drug.usualDose) ? '' : ` ${ROUTE_SIG[drug.route]}`;
  return `${drug.usualDose}${route} ${getFrequency(drug.usualFrequency).text}`;
}

function medText(name: string, strength: string, drug: Drug, ms: MedicationStatement | undefined): string {
  const sig = ms?.dosage?.[0]?.text ?? usualSig(drug);
  return `${name} ${strength} ${drug.doseForm.toLowerCase()} — ${sig}${ms?.status === 'completed' ? ' (course completed)' : ''}`;
}

/**
 * Everyday drugs that fill a short list up to three correct lines: no allergy classes, and never
 * a second drug of a class already listed (a duplicate therapy would be a second error).
 */
const FILLERS = ['cetirizine-10-tab', 'loratadine-10-tab', 'acetaminophen-500-tab', 'omeprazole-20-cap', 'docusate-100-tab', 'fluticasone-50-nasal'];

/** Brand names fit to print: none that carries a "Do Not Use" abbreviation (IU, U), which would be a second error. */
const printableBrands = (d: Drug) => d.brandNames.filter((b) => !/\b(IU|U)\b/.test(b));

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

function withFillers(rng: Rng, meds: MedLine[], want: number): Line[] {
  // Generated charts can hold two drugs of one class (two statins); showing both would offer a
  // duplicate therapy as a second thing to object to, so one per class.
  const lines: Line[] = [];
  for (const m of meds) if (!lines.some((l) => l.drug.drugClass === m.drug.drugClass)) lines.push({ drug: m.drug, ms: m.ms });
  for (const id of rng.shuffle(FILLERS)) {
    if (lines.length >= want) break;
    const drug = getDrug(id);
    if (lines.some((l) => l.drug.drugClass === drug.drugClass || l.drug.ingredient === drug.ingredient)) continue;
    lines.push({ drug, ms: undefined });
  }
  return lines;
}

function allergyLine(chart: Chart, extra?: string): string {
  const listed = chart.allergies.filter((a) => !isNoKnownAllergy(a)).map((a) => `${a.code?.text ?? ''} (${reactionName(a.reaction?.[0]?.manifestation?.[0])})`);
  const all = extra ? [...listed, extra] : listed;
  return `Allergies: ${all.length > 0 ? all.join('; ') : 'NKDA'}`;
}

function chartAllergenIds(chart: Chart): string[] {
  return chart.allergies.map((a) => allergenFor(a.code)?.id).filter((id): id is string => !!id);
}

function doseUnitError(chart: Chart, rng: Rng): Draft | undefined {
  const own = chartAllergenIds(chart);
  const meds = rng.sample(listedMeds(chart).filter((m) => !conflictsWithAllergens(m.drug, own)), 4);
  const shown = rng.shuffle(withFillers(rng, meds, 4));
  const simple = shown.filter((m) => /^\d+(\.\d+)? (mg|mcg)$/.test(m.drug.strength));
  if (shown.length < 3 || simple.length === 0) return undefined;
  const target = rng.pick(simple);
  const [value, unit] = target.drug.strength.split(' ') as [string, string];
  const wrongUnit = unit === 'mcg' ? 'mg' : 'g';
  const wrong = shown.indexOf(target);
  const lines = numbered(shown.map((m) => medText(m.drug.ingredient, m === target ? `${value} ${wrongUnit}` : m.drug.strength, m.drug, m.ms)));
  const name = patientName(chart.patient);
  return whichLine(
    rng,
    [`MEDICATION LIST — ${name}   Printed ${usDate(QUIZ_REF_DATE)}`, allergyLine(chart)],
    lines,
    wrong,
    `One line of this medication list for ${name} has a unit error. Which line is wrong?`,
    `Line ${wrong + 1} gives ${target.drug.ingredient} as ${value} ${wrongUnit}; the product is ${target.drug.strength} (RxNorm ${target.drug.rxnorm.code}, ${target.drug.rxnorm.display}), so the unit is off by a factor of 1,000. ${ERROR_CATALOG['unit-error'].whyItMatters}`,
  );
}

/** A medication allergen with drugs in its class, written as a class name or a note's shorthand. */
function allergyConflict(chart: Chart, rng: Rng, difficulty: Difficulty): Draft | undefined {
  const own = chartAllergenIds(chart);
  const shownMeds = withFillers(rng, rng.sample(listedMeds(chart), 3), 3);
  if (shownMeds.some((m) => conflictsWithAllergens(m.drug, own))) return undefined;
  const fits = (a: Allergen) =>
    a.drugClasses.length > 0 && DRUGS.some((d) => d.allergyClasses.some((c) => a.drugClasses.includes(c))) && !shownMeds.some((m) => conflictsWithAllergens(m.drug, [a.id]));
  // The patient's own drug allergy when it fits, otherwise one added to the list for the drill.
  const pool = ALLERGENS.filter((a) => a.category === 'medication' && fits(a));
  const allergen = ALLERGENS.find((a) => own.includes(a.id) && fits(a)) ?? (pool.length > 0 ? rng.pick(pool) : undefined);
  if (!allergen) return undefined;
  const conflicting = DRUGS.filter((d) => d.allergyClasses.some((c) => allergen.drugClasses.includes(c)) && !shownMeds.some((m) => m.drug.ingredient === d.ingredient));
  if (conflicting.length === 0) return undefined;
  const drug = rng.pick(conflicting);
  const advanced = difficulty === 'advanced';
  // The advanced level writes brand names and a note's shorthand for the allergy, on every line.
  const nameOf = (d: Drug) => (advanced && printableBrands(d).length > 0 && rng.chance(0.7) ? rng.pick(printableBrands(d)) : d.ingredient);
  const drugName = advanced && printableBrands(drug).length > 0 ? rng.pick(printableBrands(drug)) : drug.ingredient;
  const allergyText = advanced ? rng.pick(allergen.synonyms) : allergen.code.display;
  const reaction = getReaction(allergen.reactions[0] ?? 'rash').plain;
  const planted: Line = { drug, ms: undefined };
  const shown = rng.shuffle([...shownMeds, planted]);
  const wrong = shown.indexOf(planted);
  const lines = numbered(shown.map((m) => (m === planted ? medText(drugName, drug.strength, drug, undefined) : medText(nameOf(m.drug), m.drug.strength, m.drug, m.ms))));
  const ownEntry = chart.allergies.find((a) => allergenFor(a.code)?.id === allergen.id);
  const listed = ownEntry ? allergyLine(chart) : allergyLine(chart, `${allergyText} (${reaction})`);
  const name = patientName(chart.patient);
  const classes = drug.allergyClasses.filter((c) => allergen.drugClasses.includes(c)).join(' / ');
  return whichLine(
    rng,
    [`MEDICATION LIST — ${name}   Printed ${usDate(QUIZ_REF_DATE)}`, listed],
    lines,
    wrong,
    advanced
      ? `One line of this medication list for ${name} is a problem. Which line?`
      : `One medication on this list for ${name} conflicts with the documented ${allergyText} allergy. Which line?`,
    `${drugName}${drugName !== drug.ingredient ? ` (${drug.ingredient})` : ''} is ${article(drug.drugClass)} ${drug.drugClass}, in the ${classes} allergy class, and the allergy list names ${ownEntry?.code?.text ?? allergyText}. ${ERROR_CATALOG['drug-allergy-conflict'].whyItMatters}`,
  );
}

// --- Lab tables ------------------------------------------------------------------------------

interface Row {
  obs: Observation;
  test: LabTest;
}

function labRows(chart: Chart, rng: Rng): { rows: Row[]; day: string } | undefined {
  const reports = chart.labReports.filter((r) => (r.result?.length ?? 0) >= 4);
  if (reports.length === 0) return undefined;
  const report = rng.pick(reports);
  const byId = new Map(chart.labs.map((o) => [`Observation/${o.id}`, o]));
  const all = (report.result ?? [])
    .map((r) => byId.get(r.reference ?? ''))
    .filter((o): o is Observation => !!o)
    .map((obs) => ({ obs, test: labTestFor(obs.code) }))
    .filter((r): r is Row => !!r.test && r.obs.valueQuantity?.value !== undefined);
  if (all.length < 4) return undefined;
  const start = rng.int(0, Math.max(0, all.length - 5));
  return { rows: all.slice(start, start + 5), day: (report.effectiveDateTime ?? '').slice(0, 10) };
}

function rowText(test: LabTest, value: string, flag: string, unit: string, range: string): string {
  return `${test.shortName.padEnd(28)} ${value.padEnd(7)} ${flag.padEnd(4)} ${unit.padEnd(14)} ${range}`.trimEnd();
}

function labHeader(chart: Chart, day: string): string[] {
  const sex = chart.patient.gender === 'male' ? 'M' : 'F';
  const age = ageOn(chart.patient.birthDate as string, day);
  return [
    `LAB REPORT — ${patientName(chart.patient)} (${sex}, ${age} y)   Collected ${usDate(day)}`,
    `   ${'Test'.padEnd(28)} ${'Result'.padEnd(7)} ${'Flag'.padEnd(4)} ${'Units'.padEnd(14)} Ref. range`,
  ];
}

function unflaggedAbnormal(chart: Chart, rng: Rng, difficulty: Difficulty): Draft | undefined {
  const table = labRows(chart, rng);
  if (!table) return undefined;
  const sex = (chart.patient.gender === 'male' ? 'male' : 'female') as Sex;
  const candidates = table.rows.filter((r) => r.test.reference.high !== undefined || (r.test.reference.low ?? 0) > 0);
  if (candidates.length === 0) return undefined;
  const advanced = difficulty === 'advanced';
  const target = rng.pick(candidates);
  const ref = referenceFor(target.test, sex);
  const step = 10 ** -target.test.decimals;
  const high = ref.high !== undefined && (ref.low === undefined || ref.low <= 0 || rng.chance(0.6));
  let value: number;
  if (high) value = advanced ? (ref.high as number) + step * rng.int(1, 3) : (ref.high as number) * 1.25 + step;
  else value = advanced ? (ref.low as number) - step * rng.int(1, 3) : (ref.low as number) * 0.8 - step;
  value = Number(value.toFixed(target.test.decimals));
  const flag = flagFor(value, ref, target.test.critical);
  if (flag !== 'H' && flag !== 'L') return undefined;
  const wrong = table.rows.indexOf(target);
  const lines = numbered(
    table.rows.map((r) => {
      const v = r === target ? value.toFixed(r.test.decimals) : (r.obs.valueQuantity?.value as number).toFixed(r.test.decimals);
      const f = r === target ? '' : (r.obs.interpretation?.[0]?.coding?.[0]?.code ?? '').replace(/^N$/, '');
      return rowText(r.test, v, f, printableUnit(r.obs.valueQuantity?.unit), r.obs.referenceRange?.[0]?.text ?? '');
    }),
  );
  const name = patientName(chart.patient);
  const range = target.obs.referenceRange?.[0]?.text ?? '';
  return whichLine(
    rng,
    labHeader(chart, table.day),
    lines,
    wrong,
    advanced
      ? `One row of this lab report for ${name} (collected ${usDate(table.day)}) is wrong. Which row?`
      : `One abnormal result in this lab report for ${name} (collected ${usDate(table.day)}) is not flagged. Which row?`,
    `${target.test.shortName} ${value.toFixed(target.test.decimals)} is ${high ? 'above' : 'below'} the reference range ${range} for a ${sex === 'male' ? 'man' : 'woman'}, so it should carry the flag ${flag} (${FLAG_WORDS[flag]}); the row shows none. ${ERROR_CATALOG['abnormal-not-flagged'].whyItMatters}`,
  );
}

/** A unit another common test uses, never one that means the same quantity. */
const WRONG_UNIT: Record<string, string[]> = {
  'mg/dL': ['mmol/L', 'g/dL'],
  'mmol/L': ['mg/dL'],
  'g/dL': ['mg/dL', 'mmol/L'],
  'x10^3/uL': ['x10^6/uL', 'mg/dL'],
  'x10^6/uL': ['x10^3/uL'],
  'U/L': ['mg/dL', 'ng/mL'],
  '%': ['mg/dL', 'g/dL'],
  'ng/mL': ['ng/dL', 'mg/dL'],
  'pg/mL': ['ng/mL'],
  fL: ['pg', '%'],
  pg: ['fL', 'g/dL'],
};

function labUnitError(chart: Chart, rng: Rng): Draft | undefined {
  const table = labRows(chart, rng);
  if (!table) return undefined;
  const candidates = table.rows.filter((r) => WRONG_UNIT[printableUnit(r.obs.valueQuantity?.unit)]);
  if (candidates.length === 0) return undefined;
  const target = rng.pick(candidates);
  const right = printableUnit(target.obs.valueQuantity?.unit);
  const wrongUnit = rng.pick(WRONG_UNIT[right] as string[]);
  const wrong = table.rows.indexOf(target);
  const lines = numbered(
    table.rows.map((r) => {
      const f = (r.obs.interpretation?.[0]?.coding?.[0]?.code ?? '').replace(/^N$/, '');
      const unit = r === target ? wrongUnit : printableUnit(r.obs.valueQuantity?.unit);
      return rowText(r.test, (r.obs.valueQuantity?.value as number).toFixed(r.test.decimals), f, unit, r.obs.referenceRange?.[0]?.text ?? '');
    }),
  );
  const name = patientName(chart.patient);
  return whichLine(
    rng,
    labHeader(chart, table.day),
    lines,
    wrong,
    `One row of this lab report for ${name} (collected ${usDate(table.day)}) carries the wrong unit. Which row?`,
    `${target.test.shortName} is reported in ${right} (UCUM ${target.test.ucum}), not ${wrongUnit}; the reference range ${target.obs.referenceRange?.[0]?.text ?? ''} only makes sense in ${right}. ${ERROR_CATALOG['unit-error'].whyItMatters}`,
  );
}

// --- Identity in document headers ------------------------------------------------------------

function transposedIdentifier(chart: Chart, rng: Rng, difficulty: Difficulty): Draft | undefined {
  const mrn = chart.patient.identifier?.[0]?.value;
  const dob = chart.patient.birthDate;
  if (!mrn || !dob) return undefined;
  const labels = new Map<string, string>();
  for (const doc of rng.shuffle(chart.documents)) {
    const label = documentLabel(doc);
    if (!labels.has(label)) labels.set(label, doc.id);
  }
  if (labels.size < 3) return undefined;
  const chosen = [...labels.keys()].slice(0, 4);
  const useDob = difficulty === 'advanced';
  let bad: string;
  let what: string;
  if (useDob) {
    const options = transpositionsOf(dob, QUIZ_REF_DATE);
    if (options.length === 0) return undefined;
    bad = formatDate(rng.pick(options), 'us');
    what = `date of birth ${bad} where the registration has ${formatDate(dob, 'us')}`;
  } else {
    const positions = Array.from({ length: mrn.length - 1 }, (_, i) => i).filter((i) => mrn[i] !== mrn[i + 1]);
    if (positions.length === 0) return undefined;
    const i = rng.pick(positions);
    bad = mrn.slice(0, i) + mrn[i + 1] + mrn[i] + mrn.slice(i + 2);
    what = `MRN ${bad} where the registration has ${mrn} (two adjacent digits swapped)`;
  }
  const wrong = rng.int(0, chosen.length - 1);
  const lines = numbered(
    chosen.map((label, i) => {
      const m = !useDob && i === wrong ? bad : mrn;
      const d = useDob && i === wrong ? bad : formatDate(dob, 'us');
      return `${label.charAt(0).toUpperCase()}${label.slice(1)} — MRN ${m}, DOB ${d}`;
    }),
  );
  const name = patientName(chart.patient);
  const type = useDob ? 'transposed-birth-date' : 'transposed-mrn';
  return whichLine(
    rng,
    [`Registration: ${name} — MRN ${mrn}, DOB ${formatDate(dob, 'us')}`, 'Documents filed to this chart:'],
    lines,
    wrong,
    useDob
      ? `Check these ${chosen.length} document headers filed to ${name}'s chart (${chosen[0]} first) against the registration. Which header is wrong?`
      : `One of these ${chosen.length} documents filed to ${name}'s chart (${chosen[0]} first) has an identifier error in its header. Which one?`,
    `Line ${wrong + 1} shows ${what}. ${ERROR_CATALOG[type].description} ${ERROR_CATALOG[type].whyItMatters}`,
  );
}

