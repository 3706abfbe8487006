import type { AllergyIntolerance, Condition, Immunization, MedicationStatement, Observation, Patient } from '@medplum/fhirtypes';
import type { Chart, EvidenceSpan, SourceDocument } from '@/domain/chart/chart-types';
import { DRUGS, FREQUENCIES, getReaction, REACTIONS } from '@/domain/codes/code-tables';
import { allergenFor, drugFor, frequencyFor, labTestFor } from '@/domain/documents/code-lookup';
import { factTexts } from '@/domain/documents/fact-text';
import { dateTexts, formatDate, printableUnit } from '@/domain/documents/phrases';
import { ERROR_CATALOG } from '@/domain/exercise/error-catalog';
import { transpositionsOf } from '@/domain/exercise/mpi';
import { matchesAny, sameDose, sameNumber } from '@/domain/scoring/match';
import { addDays, addYears } from '@/domain/time/dates';
import type { Rng } from '@/domain/rng/rng';
import { acceptedOther, dateStyleOf, excerptAround, multipleChoice, plainNumber, usDate, type Draft, type KindContext } from '../question-kit';
import type { Difficulty } from '../question-schema';
import { QUIZ_REF_DATE } from '../quiz-charts';

/**
 * Abstraction: read a value off a few lines of a generated document. The answer is the text at
 * an evidence span (so it is in the excerpt, where the UI highlights it); typed answers accept
 * every rendering `factTexts` knows for that fact, so "PCN" or "b.i.d." count.
 */

interface Probe {
  doc: SourceDocument;
  span: EvidenceSpan;
  build: (p: ProbeContext) => Draft | undefined;
}

interface ProbeContext {
  rng: Rng;
  chart: Chart;
  doc: SourceDocument;
  span: EvidenceSpan;
  /** The text at the span. */
  text: string;
  label: string;
  name: string;
}

type Handler = (p: ProbeContext) => Draft | undefined;

/** Which facts each level asks about, by `ResourceType.field`. */
const LEVELS: Record<Difficulty, Record<string, Handler>> = {
  intro: { 'Patient.mrn': mrnQuestion, 'Patient.birthDate': (p) => birthDateQuestion(p, false), 'AllergyIntolerance.reaction': reactionQuestion },
  intermediate: {
    'MedicationStatement.dose': (p) => doseQuestion(p, false),
    'MedicationStatement.frequency': frequencyQuestion,
    'Observation.value': (p) => labValueQuestion(p, false),
    'Immunization.date': immunizationDateQuestion,
  },
  advanced: {
    'MedicationStatement.dose': (p) => doseQuestion(p, true),
    'Observation.value': (p) => labValueQuestion(p, true),
    'Observation.unit': labUnitQuestion,
    'Condition.icd10': icd10Question,
    'Patient.birthDate': (p) => birthDateQuestion(p, true),
    'AllergyIntolerance.code': allergenQuestion,
  },
};

export function abstractionQuestion(ctx: KindContext): Draft | undefined {
  const chart = ctx.chart;
  if (!chart) return undefined;
  const handlers = LEVELS[ctx.difficulty];
  // Probes grouped by fact type, so a type with many spans (lab values) does not crowd out the rest.
  const byType = new Map<string, Probe[]>();
  for (const doc of chart.documents) {
    for (const span of doc.spans) {
      const type = `${span.ref.slice(0, span.ref.indexOf('/'))}.${span.field}`;
      const handler = handlers[type];
      if (!handler) continue;
      const list = byType.get(type) ?? [];
      list.push({ doc, span, build: handler });
      byType.set(type, list);
    }
  }
  const types = [...byType.keys()].sort();
  const name = patientName(chart.patient);
  for (let tries = 0; tries < 8 && types.length > 0; tries++) {
    const probe = ctx.rng.pick(byType.get(ctx.rng.pick(types)) as Probe[]);
    const { doc, span } = probe;
    const draft = probe.build({ rng: ctx.rng, chart, doc, span, text: doc.text.slice(span.start, span.end), label: documentLabel(doc), name });
    if (draft) return { ...draft, source: { type: 'chart', seed: chart.meta.seed, refDate: chart.meta.refDate, documentId: doc.id } };
  }
  return undefined;
}

/** "KUVALIS, Oceane". */
export function patientName(p: Patient): string {
  const n = p.name?.[0];
  return `${(n?.family ?? '').toUpperCase()}, ${n?.given?.[0] ?? ''}`;
}

/** "clinic note of 05/03/2025"; "CBC, CMP lab report of May 9, 2024" (a lab report's title carries its collection date). */
export function documentLabel(doc: SourceDocument): string {
  const lab = /^Lab report: (.*) \(([^()]*)\)$/.exec(doc.title);
  if (doc.kind === 'lab-report') return lab ? `${lab[1]} lab report of ${lab[2]}` : `lab report of ${usDate(doc.date)}`;
  return doc.kind === 'history-physical' ? `History and Physical of ${usDate(doc.date)}` : `${doc.title.toLowerCase()} of ${usDate(doc.date)}`;
}

function resource<T>(chart: Chart, ref: string): T | undefined {
  const [type, id] = ref.split('/');
  const lists: Record<string, readonly { id?: string }[]> = {
    Patient: [chart.patient],
    AllergyIntolerance: chart.allergies,
    MedicationStatement: chart.medications,
    Observation: chart.labs,
    Immunization: chart.immunizations,
    Condition: chart.conditions,
  };
  return lists[type ?? '']?.find((r) => r.id === id) as T | undefined;
}

/** The span of `field` for the same fact nearest before `at` (same line first), e.g. the drug name of a dose. */
function companion(doc: SourceDocument, ref: string, field: string, at: number): EvidenceSpan | undefined {
  let best: EvidenceSpan | undefined;
  for (const s of doc.spans) {
    if (s.ref !== ref || s.field !== field) continue;
    if (!best || Math.abs(s.start - at) < Math.abs(best.start - at)) best = s;
  }
  return best;
}

function lineIndexOf(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function source(doc: SourceDocument, s: EvidenceSpan): string {
  return doc.text.slice(s.start, s.end);
}

// --- Identity --------------------------------------------------------------------------------

function mrnQuestion(p: ProbeContext): Draft | undefined {
  const mrn = p.text;
  if (!/^\d{6,}$/.test(mrn)) return undefined;
  const swaps: string[] = [];
  for (let i = 0; i + 1 < mrn.length; i++) {
    if (mrn[i] !== mrn[i + 1]) swaps.push(mrn.slice(0, i) + mrn[i + 1] + mrn[i] + mrn.slice(i + 2));
  }
  const changes: string[] = [];
  for (let k = 0; k < 4; k++) {
    const i = p.rng.int(0, mrn.length - 1);
    const digit = String((Number(mrn[i]) + p.rng.int(1, 9)) % 10);
    changes.push(mrn.slice(0, i) + digit + mrn.slice(i + 1));
  }
  const mc = multipleChoice(p.rng, mrn, [...p.rng.sample(swaps, 2), ...changes], (c) => c === mrn);
  if (!mc) return undefined;
  return {
    prompt: `What MRN does this ${p.label} show for ${p.name}?`,
    ...excerptAround(p.doc.text, p.span, { before: 1, after: 1 }),
    ...mc,
    explanation: `The header of the ${p.label} prints MRN ${mrn}. Compare an MRN digit by digit: the other choices swap two adjacent digits or change one. ${ERROR_CATALOG['transposed-mrn'].whyItMatters}`,
  };
}

function birthDateQuestion(p: ProbeContext, typed: boolean): Draft | undefined {
  const iso = p.chart.patient.birthDate;
  if (!iso) return undefined;
  const style = dateStyleOf(p.text, iso);
  if (!style) return undefined;
  const excerpt = excerptAround(p.doc.text, p.span, { before: 1, after: 0 });
  const long = formatDate(iso, 'long');
  const base = {
    prompt: typed ? `Type the date of birth this ${p.label} shows for ${p.name}.` : `What date of birth does this ${p.label} show for ${p.name}?`,
    ...excerpt,
  };
  const explanation = `The ${p.label} gives the date of birth as ${p.text} (${long}). ${ERROR_CATALOG['transposed-birth-date'].whyItMatters}`;
  if (typed) {
    return { ...base, format: 'typed', answer: p.text, accepted: acceptedOther(p.text, [iso, ...dateTexts(iso)]), match: 'date', explanation };
  }
  const near = [...transpositionsOf(iso, QUIZ_REF_DATE), addYears(iso, -1), addYears(iso, 1), addDays(iso, 1), addDays(iso, -1), addYears(iso, -10)];
  const candidates = p.rng.shuffle(near.filter((d) => d !== iso)).map((d) => formatDate(d, style));
  const mc = multipleChoice(p.rng, p.text, candidates);
  if (!mc) return undefined;
  return { ...base, ...mc, explanation: `${explanation} The other choices transpose digits or are a day, a year or a decade off.` };
}

// --- Allergies -------------------------------------------------------------------------------

function reactionQuestion(p: ProbeContext): Draft | undefined {
  const allergy = resource<AllergyIntolerance>(p.chart, p.span.ref);
  const codeSpan = companion(p.doc, p.span.ref, 'code', p.span.start);
  if (!allergy || !codeSpan || lineIndexOf(p.doc.text, codeSpan.start) !== lineIndexOf(p.doc.text, p.span.start)) return undefined;
  const allergenText = source(p.doc, codeSpan);
  const documented = factTexts(p.chart, p.span.ref, 'reaction');
  const allergen = allergenFor(allergy.code);
  const typical = (allergen?.reactions ?? []).map((id) => getReaction(id).plain);
  const others = p.rng.shuffle(REACTIONS.map((r) => r.plain));
  const mc = multipleChoice(p.rng, p.text, [...p.rng.shuffle(typical), ...others], (c) => matchesAny(c, documented));
  if (!mc) return undefined;
  const severity = allergy.reaction?.[0]?.severity;
  const classes = allergen?.drugClasses.length ? ` The allergy also rules out other drugs of the ${allergen.drugClasses.join(' / ')} class.` : '';
  return {
    prompt: `In this ${p.label}, what reaction is recorded for the ${allergenText} allergy?`,
    ...excerptAround(p.doc.text, p.span, { include: [codeSpan], before: 1, after: 1 }),
    ...mc,
    explanation: `The ${p.label} lists ${allergenText} with the reaction "${p.text}"${severity ? ` (${severity})` : ''}. Abstract the reaction as documented: it tells the next prescriber how dangerous a re-exposure would be.${classes}`,
  };
}

/** Typed: which substance, given the reaction; "PCN" counts for penicillin (the table's synonyms). */
function allergenQuestion(p: ProbeContext): Draft | undefined {
  const allergy = resource<AllergyIntolerance>(p.chart, p.span.ref);
  const reactionSpan = companion(p.doc, p.span.ref, 'reaction', p.span.start);
  if (!allergy || !reactionSpan || lineIndexOf(p.doc.text, reactionSpan.start) !== lineIndexOf(p.doc.text, p.span.start)) return undefined;
  const reaction = source(p.doc, reactionSpan);
  // Another allergy with the same reaction would make the question ambiguous.
  const others = p.chart.allergies.filter((a) => a.id !== allergy.id && matchesAny(reaction, factTexts(p.chart, `AllergyIntolerance/${a.id}`, 'reaction')));
  if (others.length > 0) return undefined;
  return {
    prompt: `Type the substance ${p.name} is allergic to, with the reaction "${reaction}", per this ${p.label}.`,
    ...excerptAround(p.doc.text, p.span, { include: [reactionSpan], before: 1, after: 1 }),
    format: 'typed',
    answer: p.text,
    accepted: acceptedOther(p.text, factTexts(p.chart, p.span.ref, 'code')),
    match: 'text',
    explanation: `The ${p.label} lists "${p.text}" with the reaction "${reaction}". Notes name the same allergen in several ways (${factTexts(p.chart, p.span.ref, 'code').join(', ')}); any of them identifies it, but the structured allergy list carries one coded substance.`,
  };
}

// --- Medications -----------------------------------------------------------------------------

const STRENGTH = /^(\d+(?:\.\d+)?)\s?(mg|mcg|g|units)$/;

function doseQuestion(p: ProbeContext, typed: boolean): Draft | undefined {
  const m = STRENGTH.exec(p.text);
  const ms = resource<MedicationStatement>(p.chart, p.span.ref);
  const drugSpan = companion(p.doc, p.span.ref, 'drug', p.span.start);
  if (!m || !ms || !drugSpan) return undefined;
  const drugText = source(p.doc, drugSpan);
  const excerpt = excerptAround(p.doc.text, p.span, { include: [drugSpan], before: 1, after: 1 });
  // Another drug line with the same name in view would make "the dose" ambiguous.
  const clash = p.doc.spans.some(
    (s) => s.field === 'drug' && s.ref !== p.span.ref && matchesAny(source(p.doc, s), [drugText]) && Math.abs(lineIndexOf(p.doc.text, s.start) - lineIndexOf(p.doc.text, p.span.start)) <= 3,
  );
  if (clash) return undefined;
  const accepted = factTexts(p.chart, p.span.ref, 'dose');
  const drug = drugFor(ms.medicationCodeableConcept);
  const sig = ms.dosage?.[0]?.text;
  const explanation = `The ${p.label} documents ${drugText} ${p.text}${sig ? ` (sig: ${sig})` : ''}.${drug ? ` ${drug.ingredient} ${drug.strength} ${drug.doseForm} is RxNorm ${drug.rxnorm.code}; another strength is another product.` : ''} mg and mcg differ a thousandfold, so read the unit as carefully as the number.`;
  const base = { ...excerpt, explanation };
  if (typed) {
    return { prompt: `Type the dose of ${drugText} documented in this ${p.label}.`, ...base, format: 'typed', answer: p.text, accepted: acceptedOther(p.text, accepted), match: 'dose' };
  }
  const value = Number(m[1]);
  const unit = m[2] as string;
  const sameIngredient = drug ? DRUGS.filter((d) => d.ingredient === drug.ingredient && STRENGTH.test(d.strength)).map((d) => d.strength) : [];
  const swapped = unit === 'mg' ? 'mcg' : unit === 'mcg' ? 'mg' : unit;
  const scaled = [value * 2, value / 2, value * 10, value / 10].map((v) => `${plainNumber(v)} ${unit}`);
  const candidates = [...p.rng.shuffle(sameIngredient), `${plainNumber(value)} ${swapped}`, ...p.rng.shuffle(scaled)];
  const mc = multipleChoice(p.rng, p.text, candidates, (c) => accepted.some((a) => sameDose(c, a)));
  if (!mc) return undefined;
  return { prompt: `What dose of ${drugText} is documented in this ${p.label}?`, ...base, ...mc };
}

function frequencyQuestion(p: ProbeContext): Draft | undefined {
  const ms = resource<MedicationStatement>(p.chart, p.span.ref);
  const drugSpan = companion(p.doc, p.span.ref, 'drug', p.span.start);
  const code = ms?.dosage?.[0]?.timing?.code?.text;
  const freq = frequencyFor(code);
  if (!ms || !drugSpan || !freq) return undefined;
  const drugText = source(p.doc, drugSpan);
  const asCode = FREQUENCIES.some((f) => f.code.toLowerCase() === p.text.toLowerCase());
  const timing = (f: typeof freq) => `${f.frequency}/${f.period}${f.periodUnit}${f.asNeeded ? ' prn' : ''}`;
  const others = FREQUENCIES.filter((f) => timing(f) !== timing(freq)).map((f) => (asCode ? f.code : f.text));
  const documented = factTexts(p.chart, p.span.ref, 'frequency');
  const mc = multipleChoice(p.rng, p.text, p.rng.shuffle(others), (c) => matchesAny(c, documented));
  if (!mc) return undefined;
  return {
    prompt: `How often is ${drugText} taken, per this ${p.label}?`,
    ...excerptAround(p.doc.text, p.span, { include: [drugSpan], before: 1, after: 1 }),
    ...mc,
    explanation: `The ${p.label} gives ${drugText} "${p.text}": ${freq.code} means ${freq.text}${freq.asNeeded ? ', only when needed (PRN)' : ''}. Keep the frequency apart from the dose and the route when abstracting a sig.`,
  };
}

// --- Results ---------------------------------------------------------------------------------

function labValueQuestion(p: ProbeContext, typed: boolean): Draft | undefined {
  if (p.doc.kind !== 'lab-report') return undefined;
  const obs = resource<Observation>(p.chart, p.span.ref);
  const test = labTestFor(obs?.code);
  const value = obs?.valueQuantity?.value;
  const day = obs?.effectiveDateTime?.slice(0, 10);
  if (!obs || !test || value === undefined || !day) return undefined;
  // The question names the test and the day; a second result of that test that day would make it ambiguous.
  const loinc = test.loinc.code;
  if (p.chart.labs.filter((o) => o.effectiveDateTime?.startsWith(day) && o.code?.coding?.some((c) => c.code === loinc)).length !== 1) return undefined;
  const dateSpan = companion(p.doc, p.span.ref, 'date', 0);
  const codeSpan = companion(p.doc, p.span.ref, 'code', p.span.start);
  const excerpt = excerptAround(p.doc.text, p.span, { include: [dateSpan, codeSpan].filter((s): s is EvidenceSpan => !!s), before: 2, after: 1 });
  const unit = printableUnit(obs.valueQuantity?.unit);
  const range = obs.referenceRange?.[0]?.text;
  const flag = obs.interpretation?.[0]?.coding?.[0]?.code;
  const explanation = `The ${test.shortName} row of the report collected ${usDate(day)} reads ${p.text}${unit ? ` ${unit}` : ''}${range ? ` (reference ${range}${flag && flag !== 'N' ? `, flagged ${flag}` : ''})` : ''}. Take the value from the Result column of the right row, for the right collection date.`;
  const prompt = typed
    ? `Type the ${test.shortName} result collected from ${p.name} on ${usDate(day)}.`
    : `What ${test.shortName} result was collected from ${p.name} on ${usDate(day)}?`;
  if (typed) {
    return { prompt, ...excerpt, format: 'typed', answer: p.text, accepted: acceptedOther(p.text, factTexts(p.chart, p.span.ref, 'value')), match: 'number', explanation };
  }
  const step = Math.max(10 ** -test.decimals, Number((Math.abs(value) * 0.1).toFixed(test.decimals)));
  const deltas = p.rng.shuffle([-3, -2, -1, 1, 2, 3]).map((k) => value + k * step).filter((v) => v >= 0).map((v) => v.toFixed(test.decimals));
  const line = lineIndexOf(p.doc.text, p.span.start);
  const neighbours = p.doc.spans
    .filter((s) => s.field === 'value' && s.ref !== p.span.ref && Math.abs(lineIndexOf(p.doc.text, s.start) - line) === 1)
    .map((s) => source(p.doc, s));
  const mc = multipleChoice(p.rng, p.text, [...p.rng.sample(neighbours, 1), ...deltas], (c) => sameNumber(c, value, test.decimals));
  if (!mc) return undefined;
  return { prompt, ...excerpt, ...mc, explanation };
}

/** Typed: the unit a result is reported in; "mg/dl" counts for mg/dL (UCUM synonyms). */
function labUnitQuestion(p: ProbeContext): Draft | undefined {
  if (p.doc.kind !== 'lab-report' || p.text.trim() === '') return undefined;
  const obs = resource<Observation>(p.chart, p.span.ref);
  const test = labTestFor(obs?.code);
  const day = obs?.effectiveDateTime?.slice(0, 10);
  if (!obs || !test || !day) return undefined;
  const codeSpan = companion(p.doc, p.span.ref, 'code', p.span.start);
  return {
    prompt: `Type the unit of the ${test.shortName} result collected from ${p.name} on ${usDate(day)}.`,
    ...excerptAround(p.doc.text, p.span, { include: codeSpan ? [codeSpan] : [], before: 1, after: 1 }),
    format: 'typed',
    answer: p.text,
    accepted: acceptedOther(p.text, [obs.valueQuantity?.code, obs.valueQuantity?.unit]),
    match: 'unit',
    explanation: `${test.shortName} is reported in ${p.text} (UCUM code ${test.ucum}). A value means nothing without its unit: the same number in another unit is another result.`,
  };
}

function immunizationDateQuestion(p: ProbeContext): Draft | undefined {
  const imm = resource<Immunization>(p.chart, p.span.ref);
  const iso = imm?.occurrenceDateTime?.slice(0, 10);
  const vaccineSpan = companion(p.doc, p.span.ref, 'vaccine', p.span.start);
  const lot = imm?.lotNumber;
  if (!imm || !iso || !vaccineSpan || !lot) return undefined;
  const style = dateStyleOf(p.text, iso);
  if (!style) return undefined;
  const vaccineText = source(p.doc, vaccineSpan);
  const others = p.chart.immunizations.map((i) => i.occurrenceDateTime?.slice(0, 10)).filter((d): d is string => !!d && d !== iso);
  const near = [...transpositionsOf(iso, QUIZ_REF_DATE), addDays(iso, 1), addDays(iso, -7), addYears(iso, -1)].filter((d) => d !== iso);
  const candidates = [...p.rng.sample(others, 2), ...p.rng.shuffle(near)].map((d) => formatDate(d, style));
  const mc = multipleChoice(p.rng, p.text, candidates);
  if (!mc) return undefined;
  return {
    prompt: `On what date was ${vaccineText} lot ${lot} given to ${p.name}?`,
    ...excerptAround(p.doc.text, p.span, { include: [vaccineSpan], before: 1, after: 1 }),
    ...mc,
    explanation: `The ${vaccineText} row with lot ${lot} shows ${p.text} (${formatDate(iso, 'long')}). When a vaccine was given more than once, the lot number identifies the dose.`,
  };
}

// --- Coding ----------------------------------------------------------------------------------

function icd10Question(p: ProbeContext): Draft | undefined {
  const condition = resource<Condition>(p.chart, p.span.ref);
  const nameSpan = companion(p.doc, p.span.ref, 'code', p.span.start);
  if (!condition || !nameSpan || lineIndexOf(p.doc.text, nameSpan.start) !== lineIndexOf(p.doc.text, p.span.start)) return undefined;
  const conditionText = source(p.doc, nameSpan);
  const display = condition.code?.coding?.find((c) => c.system === 'http://hl7.org/fhir/sid/icd-10-cm')?.display;
  return {
    prompt: `What ICD-10-CM code does this ${p.label} give for "${conditionText}"?`,
    ...excerptAround(p.doc.text, p.span, { include: [nameSpan], before: 1, after: 1 }),
    format: 'typed',
    answer: p.text,
    match: 'code',
    explanation: `The ${p.label} writes ${p.text}${display ? ` (${display})` : ''} next to "${conditionText}". Abstract the code exactly as written, with its decimal point: each character after the category adds specificity.`,
  };
}
