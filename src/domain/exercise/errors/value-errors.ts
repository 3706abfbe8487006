import type { CodeableConcept } from '@medplum/fhirtypes';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { interpretation } from '@/domain/chart/fhir-builders';
import { CONDITIONS } from '@/domain/codes/code-tables';
import { SYSTEMS } from '@/domain/codes/code-types';
import { drugFor, labTestFor } from '@/domain/documents/code-lookup';
import { flagCode, icd10Of, observationNumber, upperFirst } from '@/domain/documents/phrases';
import { printDate } from '@/domain/time/dates';
import { dosesIn, mentionsDose, outermostMentions, says, statesRightValue, unitMentions } from './correction-match';
import { docRef, editDocument, lineAt, spanText, spansOf, type Located } from './document-edit';
import { byDate, docLabel, evidenceAt, evidenceOf, freeDocs, isFree, refTo, type ErrorKind, type PlantContext } from './planting';

/** Errors in a charted value: a unit, a flag, a side, a code, or vital signs carried over. */

// ---------------------------------------------------------------------------------------------
// Unit error

const UCUM_MASS: Record<string, string> = { mg: 'mg', mcg: 'ug' };
const OTHER_MASS_UNIT: Record<string, string> = { mg: 'mcg', mcg: 'mg' };
/** Lab units keyed with the same number but the wrong unit (conventional vs SI). */
const OTHER_LAB_UNIT: Record<string, string> = { 'mg/dL': 'mmol/L', 'mmol/L': 'mg/dL' };

const DOSE_SOURCES: readonly string[] = ['medication-list', 'lab-report', 'discharge-summary', 'history-physical', 'progress-note', 'registration'];

/** "75 mcg" → 75 and "mcg", for a plain mass strength. */
function massStrength(strength: string): { value: number; unit: string } | undefined {
  const m = /^(\d+(?:\.\d+)?) (mg|mcg)$/.exec(strength);
  return m ? { value: Number(m[1]), unit: m[2] as string } : undefined;
}

export const unitError: ErrorKind = {
  type: 'unit-error',
  label: 'Unit error (mg vs mcg)',
  description: 'A dose or result is charted with the wrong unit (mg for mcg, mmol/L for mg/dL) while the number stays the same.',
  whyItMatters:
    'A mg/mcg mix-up is a thousand-fold dosing error (ISMP lists both among error-prone abbreviations); a lab value with the wrong unit is misread against the wrong reference range.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    type Option = { ref: string; located: Located[]; apply: () => void; wrong: string; right: string; what: string };
    const options: Option[] = [];
    for (const m of chart.medications) {
      const drug = drugFor(m.medicationCodeableConcept);
      const strength = drug ? massStrength(drug.strength) : undefined;
      const dosage = m.dosage?.[0];
      const quantity = dosage?.doseAndRate?.[0]?.doseQuantity;
      // One tablet or capsule per dose, so the dose is the label strength.
      if (!drug || !strength || !dosage || quantity?.value !== 1 || !isFree(taken, refTo(m))) continue;
      const located = spansOf(chart, refTo(m), ['dose']).filter((l) => spanText(l.doc, l.span) === drug.strength);
      if (located.length === 0) continue;
      const wrongUnit = OTHER_MASS_UNIT[strength.unit] as string;
      const wrong = `${strength.value} ${wrongUnit}`;
      options.push({
        ref: refTo(m),
        located,
        wrong,
        right: drug.strength,
        what: `${drug.ingredient} dose`,
        apply: () => {
          const rate = dosage.doseAndRate?.[0];
          if (rate) rate.doseQuantity = { value: strength.value, unit: wrongUnit, system: SYSTEMS.ucum, code: UCUM_MASS[wrongUnit] };
          if (dosage.text?.startsWith(drug.usualDose)) dosage.text = `${wrong}${dosage.text.slice(drug.usualDose.length)}`;
          else dosage.text = `${wrong} ${dosage.text ?? ''}`.trim();
        },
      });
    }
    for (const o of chart.labs) {
      const q = o.valueQuantity;
      const other = q?.code ? OTHER_LAB_UNIT[q.code] : undefined;
      if (!q || !other || !isFree(taken, refTo(o))) continue;
      const located = spansOf(chart, refTo(o), ['unit', 'value']).filter((l) => l.doc.kind === 'lab-report');
      if (!located.some((l) => l.span.field === 'unit')) continue;
      const number = observationNumber(o);
      options.push({
        ref: refTo(o),
        located,
        wrong: `${number} ${other}`,
        right: `${number} ${q.code}`,
        what: `${o.code?.text ?? 'result'} of ${printDate(o.effectiveDateTime ?? '', 'us')}`,
        apply: () => {
          q.unit = other;
          q.code = other;
        },
      });
    }
    if (options.length === 0) return undefined;
    // Dose errors are the classic; lab unit slips fill in when no mg/mcg drug is listed.
    const doses = options.filter((o) => o.ref.startsWith('MedicationStatement/'));
    const o = doses.length > 0 && rng.chance(0.75) ? rng.pick(doses) : rng.pick(options);
    o.apply();
    // The medication list (or lab report) first: the document a technician checks a dose against.
    const cited = o.located.slice().sort((a, b) => DOSE_SOURCES.indexOf(a.doc.kind) - DOSE_SOURCES.indexOf(b.doc.kind)).slice(0, 4);
    return {
      error: {
        id: ctx.errorId,
        type: 'unit-error',
        target: o.ref,
        alsoAccept: [...new Set(cited.map((l) => docRef(l.doc)))],
        description: `The ${o.what} is charted as ${o.wrong}; the source document gives ${o.right}.`,
        correction: o.right,
        evidence: evidenceOf(cited),
      },
      touched: [o.ref],
    };
  },
  matches(error, entered) {
    const m = /^(\d+(?:\.\d+)?) (.+)$/.exec(error.correction);
    if (!m) return false;
    const value = Number(m[1]);
    const unit = m[2] as string;
    if (OTHER_MASS_UNIT[unit]) {
      // "75 mcg", "0.075 mg", "75mcg not 75 mg"; or just the unit, "mcg", when no dose is typed.
      if (dosesIn(entered).length > 0) return mentionsDose(entered, error.correction);
      const wrong = OTHER_MASS_UNIT[unit] as string;
      const mentions = [...unitMentions(entered, unit), ...unitMentions(entered, wrong)].sort((a, b) => a.index - b.index);
      return statesRightValue(entered, mentions, (u) => unitMentions(u, unit).length > 0);
    }
    const wrong = OTHER_LAB_UNIT[unit];
    const mentions = [...unitMentions(entered, unit), ...(wrong ? unitMentions(entered, wrong) : [])].sort((a, b) => a.index - b.index);
    if (!statesRightValue(entered, mentions, (u) => unitMentions(u, unit).length > 0)) return false;
    const numbers = [...entered.replace(/mg\/dl|mmol\/l/gi, ' ').matchAll(/\d+(?:\.\d+)?/g)].map((x) => Number(x[0]));
    return numbers.length === 0 || numbers.some((n) => Math.abs(n - value) < 1e-9);
  },
};

// ---------------------------------------------------------------------------------------------
// Abnormal result not flagged

const FLAG_WORDS: Record<string, readonly string[]> = {
  H: ['H', 'high', 'abnormal high', 'elevated', 'hi', 'above range', 'above normal', 'above reference range'],
  L: ['L', 'low', 'abnormal low', 'decreased', 'lo', 'below range', 'below normal', 'below reference range'],
  HH: ['HH', 'critical high', 'critically high', 'panic high', 'crit h', 'crit high'],
  LL: ['LL', 'critical low', 'critically low', 'panic low', 'crit l', 'crit low'],
  N: ['N', 'normal', 'WNL', 'within normal limits', 'no flag'],
};

const FLAG_LABEL: Record<string, string> = { H: 'High', L: 'Low', HH: 'Critical high', LL: 'Critical low' };

export const abnormalNotFlagged: ErrorKind = {
  type: 'abnormal-not-flagged',
  label: 'Abnormal result not flagged',
  description: 'A result outside its reference range is charted with a normal interpretation.',
  whyItMatters:
    'Clinicians, decision support and result-tracking queues rely on the abnormal flag; an unflagged abnormal result can go unnoticed and untreated.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    const options = chart.labs
      .filter((o) => ['H', 'L', 'HH', 'LL'].includes(flagCode(o) ?? '') && isFree(taken, refTo(o)))
      .map((o) => ({ o, located: spansOf(chart, refTo(o), ['flag', 'value']).filter((l) => l.doc.kind === 'lab-report') }))
      .filter((x) => x.located.some((l) => l.span.field === 'flag'));
    if (options.length === 0) return undefined;
    const { o, located } = rng.pick(options);
    const flag = flagCode(o) as string;
    o.interpretation = interpretation('N');
    const name = labTestFor(o.code)?.shortName ?? o.code?.text ?? 'result';
    return {
      error: {
        id: ctx.errorId,
        type: 'abnormal-not-flagged',
        target: refTo(o),
        alsoAccept: [...new Set(located.map((l) => docRef(l.doc)))],
        description: `${upperFirst(name)} ${observationNumber(o)} ${o.valueQuantity?.unit ?? ''} on ${printDate(o.effectiveDateTime ?? '', 'us')} is outside ${o.referenceRange?.[0]?.text ?? 'its reference range'} but is charted as normal.`.replace(/ {2,}/g, ' '),
        correction: `${flag} (${FLAG_LABEL[flag]})`,
        evidence: evidenceOf(located),
      },
      touched: [refTo(o)],
    };
  },
  matches(error, entered) {
    const flag = error.correction.split(' ')[0] as string;
    // A plain H for an HH result understates it: the critical flag must be named.
    const mentions = outermostMentions(entered, Object.entries(FLAG_WORDS).map(([value, terms]) => ({ value, terms })));
    return statesRightValue(entered, mentions, (code) => code === flag);
  },
};

// ---------------------------------------------------------------------------------------------
// Wrong laterality

const SIDE_WORDS = { left: ['left', 'lt', 'l'], right: ['right', 'rt', 'r'] } as const;
const SITE_FLIP: Record<string, { code: string; display: string }> = {
  LA: { code: 'RA', display: 'right arm' },
  RA: { code: 'LA', display: 'left arm' },
  LT: { code: 'RT', display: 'right thigh' },
  RT: { code: 'LT', display: 'left thigh' },
};
const SNOMED_SIDE = {
  left: { code: '7771000', display: 'Left (qualifier value)' },
  right: { code: '24028007', display: 'Right (qualifier value)' },
};

function sideOf(text: string | undefined): 'left' | 'right' | undefined {
  if (!text) return undefined;
  if (/\bleft\b/i.test(text)) return 'left';
  if (/\bright\b/i.test(text)) return 'right';
  return undefined;
}

export const wrongLaterality: ErrorKind = {
  type: 'wrong-laterality',
  label: 'Wrong laterality (left vs right)',
  description: 'The structured record names the opposite side (left for right) from the source document.',
  whyItMatters:
    'Laterality errors lead to wrong-site procedures and misdirected follow-up (a Joint Commission Universal Protocol concern), and a wrong-sided code misstates the diagnosis.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    type Option = { ref: string; located: Located[]; truth: string; wrong: string; what: string; apply: () => void };
    const options: Option[] = [];
    for (const c of chart.conditions) {
      const site = c.bodySite?.[0];
      const side = sideOf(site?.text ?? site?.coding?.[0]?.display);
      if (!site || !side || !isFree(taken, refTo(c))) continue;
      const located = spansOf(chart, refTo(c), ['bodySite']);
      if (located.length === 0) continue;
      const other = side === 'left' ? 'right' : 'left';
      options.push({
        ref: refTo(c),
        located,
        truth: site.text ?? side,
        wrong: other,
        what: `${c.code?.text ?? 'The problem'} is charted on the ${other} side; the source documents say ${site.text ?? side}.`,
        apply: () => flipConcept(site, side, other),
      });
    }
    for (const i of chart.immunizations) {
      const site = i.site;
      const code = site?.coding?.[0]?.code ?? '';
      const flip = SITE_FLIP[code];
      if (!site || !flip || !isFree(taken, refTo(i))) continue;
      const located = spansOf(chart, refTo(i), ['site']);
      if (located.length === 0) continue;
      options.push({
        ref: refTo(i),
        located,
        truth: site.text ?? site.coding?.[0]?.display ?? '',
        wrong: flip.display,
        what: `The ${i.vaccineCode?.text ?? 'vaccine'} dose of ${printDate(i.occurrenceDateTime ?? '', 'us')} is charted as given in the ${flip.display}; the immunization record says ${site.text ?? site.coding?.[0]?.display ?? ''}.`,
        apply: () => {
          i.site = { coding: [{ ...(site.coding?.[0] ?? {}), code: flip.code, display: flip.display }], text: flip.display };
        },
      });
    }
    if (options.length === 0) return undefined;
    const conditions = options.filter((o) => o.ref.startsWith('Condition/'));
    const o = conditions.length > 0 && rng.chance(0.8) ? rng.pick(conditions) : rng.pick(options);
    o.apply();
    return {
      error: {
        id: ctx.errorId,
        type: 'wrong-laterality',
        target: o.ref,
        alsoAccept: [...new Set(o.located.map((l) => docRef(l.doc)))],
        description: o.what,
        correction: o.truth,
        evidence: evidenceOf(o.located.slice(0, 3)),
      },
      touched: [o.ref],
    };
  },
  matches(error, entered) {
    const side = sideOf(error.correction);
    if (!side) return false;
    const mentions = outermostMentions(entered, Object.entries(SIDE_WORDS).map(([value, terms]) => ({ value, terms })));
    if (!statesRightValue(entered, mentions, (s) => s === side)) return false;
    // An immunization site names the limb too: "left thigh" is not "left arm".
    const limb = /\b(arm|thigh|deltoid|leg)\b/i.exec(error.correction)?.[1]?.toLowerCase();
    const otherLimb = limb === 'arm' || limb === 'deltoid' ? /\b(thigh|leg|vastus)\b/i : limb ? /\b(arm|deltoid)\b/i : undefined;
    return !otherLimb || !otherLimb.test(entered);
  },
};

function flipConcept(site: CodeableConcept, from: 'left' | 'right', to: 'left' | 'right'): void {
  const coding = site.coding?.[0];
  if (coding?.system === SYSTEMS.snomed && coding.code === SNOMED_SIDE[from].code) {
    coding.code = SNOMED_SIDE[to].code;
    coding.display = SNOMED_SIDE[to].display;
  }
  site.text = site.text ? site.text.replace(new RegExp(from, 'i'), (w) => (w[0] === w[0]?.toUpperCase() ? upperFirst(to) : to)) : to;
}

// ---------------------------------------------------------------------------------------------
// Code does not match the text

/**
 * A plausible wrong code for each condition of the tables: the neighbouring code a coder picks by
 * mistake (type 1 for type 2 diabetes, secondary for essential hypertension, acute for old MI,
 * diabetes for prediabetes). Codes and titles from the CMS ICD-10-CM tabular list (FY2024).
 * Conditions not listed here get the code of another condition in the same chapter.
 */
const ICD_NEIGHBOURS: Record<string, { code: string; display: string }[]> = {
  'E11.9': [{ code: 'E10.9', display: 'Type 1 diabetes mellitus without complications' }, { code: 'E13.9', display: 'Other specified diabetes mellitus without complications' }],
  'E10.9': [{ code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' }],
  I10: [{ code: 'I15.9', display: 'Secondary hypertension, unspecified' }, { code: 'I11.9', display: 'Hypertensive heart disease without heart failure' }],
  'E78.5': [{ code: 'E78.1', display: 'Pure hyperglyceridemia' }, { code: 'E78.00', display: 'Pure hypercholesterolemia, unspecified' }],
  'N18.3': [{ code: 'N18.4', display: 'Chronic kidney disease, stage 4 (severe)' }, { code: 'N18.2', display: 'Chronic kidney disease, stage 2 (mild)' }],
  'E03.9': [{ code: 'E05.90', display: 'Thyrotoxicosis, unspecified without thyrotoxic crisis or storm' }, { code: 'E06.3', display: 'Autoimmune thyroiditis' }],
  'E05.90': [{ code: 'E03.9', display: 'Hypothyroidism, unspecified' }],
  'J45.909': [{ code: 'J44.9', display: 'Chronic obstructive pulmonary disease, unspecified' }],
  'J44.9': [{ code: 'J45.909', display: 'Unspecified asthma, uncomplicated' }, { code: 'J43.9', display: 'Emphysema, unspecified' }],
  'I50.9': [{ code: 'I51.9', display: 'Heart disease, unspecified' }],
  'I48.91': [{ code: 'I49.9', display: 'Cardiac arrhythmia, unspecified' }],
  'I25.10': [{ code: 'I25.2', display: 'Old myocardial infarction' }, { code: 'I20.9', display: 'Angina pectoris, unspecified' }],
  'E66.9': [{ code: 'E66.3', display: 'Overweight' }],
  'K21.9': [{ code: 'K29.70', display: 'Gastritis, unspecified, without bleeding' }],
  'F32.9': [{ code: 'F33.9', display: 'Major depressive disorder, recurrent, unspecified' }],
  'F41.1': [{ code: 'F41.9', display: 'Anxiety disorder, unspecified' }, { code: 'F41.0', display: 'Panic disorder [episodic paroxysmal anxiety]' }],
  'M17.9': [{ code: 'M16.9', display: 'Osteoarthritis of hip, unspecified' }],
  'M06.9': [{ code: 'M35.3', display: 'Polymyalgia rheumatica' }],
  'M10.9': [{ code: 'M11.9', display: 'Crystal arthropathy, unspecified' }],
  'M81.0': [{ code: 'M85.80', display: 'Other specified disorders of bone density and structure, unspecified site' }],
  'N40.1': [{ code: 'N41.9', display: 'Inflammatory disease of prostate, unspecified' }],
  'G43.909': [{ code: 'G44.209', display: 'Tension-type headache, unspecified, not intractable' }],
  'G40.909': [{ code: 'R56.9', display: 'Unspecified convulsions' }],
  'G30.9': [{ code: 'G31.84', display: 'Mild cognitive impairment of uncertain or known etiology' }],
  'D50.9': [{ code: 'D51.9', display: 'Vitamin B12 deficiency anemia, unspecified' }],
  'E55.9': [{ code: 'E56.9', display: 'Vitamin deficiency, unspecified' }],
  'E53.8': [{ code: 'E55.9', display: 'Vitamin D deficiency, unspecified' }],
  'J30.9': [{ code: 'J31.0', display: 'Chronic rhinitis' }],
  'L40.9': [{ code: 'L30.9', display: 'Dermatitis, unspecified' }],
  'H40.9': [{ code: 'H25.9', display: 'Unspecified age-related cataract' }],
  'G47.33': [{ code: 'G47.00', display: 'Insomnia, unspecified' }],
  'G47.00': [{ code: 'G47.33', display: 'Obstructive sleep apnea (adult) (pediatric)' }],
  'R73.03': [{ code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' }],
  'F17.210': [{ code: 'Z87.891', display: 'Personal history of nicotine dependence' }],
  'J20.9': [{ code: 'J21.9', display: 'Acute bronchiolitis, unspecified' }],
  'J18.9': [{ code: 'J20.9', display: 'Acute bronchitis, unspecified' }],
  'N30.00': [{ code: 'N39.0', display: 'Urinary tract infection, site not specified' }],
  'J01.90': [{ code: 'J32.9', display: 'Chronic sinusitis, unspecified' }],
  'J02.0': [{ code: 'J02.9', display: 'Acute pharyngitis, unspecified' }],
  'L03.90': [{ code: 'L02.91', display: 'Cutaneous abscess, unspecified' }],
  'H66.90': [{ code: 'H60.90', display: 'Unspecified otitis externa, unspecified ear' }],
  A09: [{ code: 'K52.9', display: 'Noninfective gastroenteritis and colitis, unspecified' }],
  'M54.5': [{ code: 'M54.6', display: 'Pain in thoracic spine' }],
  'J11.1': [{ code: 'J06.9', display: 'Acute upper respiratory infection, unspecified' }],
  'J06.9': [{ code: 'J00', display: 'Acute nasopharyngitis [common cold]' }],
  K37: [{ code: 'K35.80', display: 'Unspecified acute appendicitis' }],
  'Z87.81': [{ code: 'S52.90XA', display: 'Unspecified fracture of unspecified forearm, initial encounter for closed fracture' }],
  'I25.2': [{ code: 'I21.9', display: 'Acute myocardial infarction, unspecified' }],
};

const ICD_PATTERN = /\b([A-TV-Z])\s?(\d{2})(?:\s?\.?\s?([0-9A-Z]{1,4}))?\b/gi;

function icdKey(code: string): string {
  return code.replace(/[\s.]/g, '').toUpperCase();
}

export const codeTextMismatch: ErrorKind = {
  type: 'code-text-mismatch',
  label: 'Code does not match the diagnosis',
  description: "A problem's ICD-10-CM code belongs to a different condition than its description.",
  whyItMatters:
    'Claims, quality measures, registries and decision support read the code, not the words; a mismatched code misstates the diagnosis, and billing the wrong code is a compliance risk.',
  category: 'coding',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    const options = chart.conditions
      .filter((c) => icd10Of(c.code) && isFree(taken, refTo(c)))
      .map((c) => {
        const located = spansOf(chart, refTo(c), ['icd10', 'code']);
        located.sort((a, b) => Number(b.span.field === 'icd10') - Number(a.span.field === 'icd10'));
        return { c, located };
      })
      .filter((o) => o.located.length > 0);
    if (options.length === 0) return undefined;
    const { c, located } = rng.pick(options);
    const right = icd10Of(c.code) as string;
    const neighbours = ICD_NEIGHBOURS[right] ?? [];
    const others = CONDITIONS.filter((m) => m.kind !== 'surgical-history' && m.icd10.code !== right).map((m) => m.icd10);
    const sameChapter = others.filter((x) => x.code[0] === right[0]);
    const wrong = neighbours.length > 0 ? rng.pick(neighbours) : rng.pick(sameChapter.length > 0 ? sameChapter : others);
    if (!wrong) return undefined;
    const coding = c.code?.coding?.find((x) => x.system === SYSTEMS.icd10cm);
    if (!coding) return undefined;
    coding.code = wrong.code;
    coding.display = wrong.display;
    return {
      error: {
        id: ctx.errorId,
        type: 'code-text-mismatch',
        target: refTo(c),
        alsoAccept: [],
        description: `"${c.code?.text}" is coded ${wrong.code} (${wrong.display}); the code for ${c.code?.text} is ${right}.`,
        correction: right,
        evidence: evidenceOf(located.slice(0, 3)),
      },
      touched: [refTo(c)],
    };
  },
  matches(error, entered) {
    const codes = [...entered.matchAll(ICD_PATTERN)].map((m) => ({ value: icdKey(m[0]), index: m.index }));
    return statesRightValue(entered, codes, (v) => v === icdKey(error.correction));
  },
};

// ---------------------------------------------------------------------------------------------
// Copy-forward vital signs

/** The vital-sign text of a note: from its first vital to the end of the line of its last. */
function vitalsRegion(doc: SourceDocument, vitalRefs: ReadonlySet<string>): { start: number; end: number } | undefined {
  const spans = doc.spans.filter((s) => vitalRefs.has(s.ref));
  if (spans.length === 0) return undefined;
  const start = Math.min(...spans.map((s) => s.start));
  const end = lineAt(doc.text, Math.max(...spans.map((s) => s.end))).end;
  return { start, end };
}

const VITALS_WORD = /\b(vitals?|vital signs?|vs|bp|blood pressures?|pulse|heart rate|hr|weight|temp\w*)\b/;
const COPY_WORD = /\b(cop\w*|clon\w*|carr\w* (forward|over)|pasted?|previous|prior|last visit|earlier|same as|identical|duplicat\w*|correct\w*|updat\w*|measured|actual|amend\w*|re ?enter\w*|today s)\b/;

export const copyForward: ErrorKind = {
  type: 'copy-forward',
  label: 'Copy-forward (cloned vital signs)',
  description: "A progress note's vital signs are copied word for word from the previous note instead of the values measured that day.",
  whyItMatters:
    'Cloned documentation misrepresents what was observed at the visit, can hide a change in the patient, and is an integrity and compliance risk (CMS and AHIMA guidance on copy-paste).',
  category: 'integrity',
  plant(ctx: PlantContext) {
    const { chart, rng } = ctx;
    const vitalRefs = new Set(chart.vitals.map(refTo));
    const notes = byDate(chart.documents.filter((d) => d.kind === 'progress-note'));
    const options: { doc: SourceDocument; prev: SourceDocument; region: { start: number; end: number }; source: { start: number; end: number } }[] = [];
    for (let i = 1; i < notes.length; i++) {
      const doc = notes[i] as SourceDocument;
      if (freeDocs(ctx, [doc]).length === 0) continue;
      const region = vitalsRegion(doc, vitalRefs);
      // The note just before it that recorded vitals is where a copy would come from.
      for (let j = i - 1; j >= 0 && region; j--) {
        const prev = notes[j] as SourceDocument;
        const source = vitalsRegion(prev, vitalRefs);
        if (!source) continue;
        if (prev.date.slice(0, 10) !== doc.date.slice(0, 10) && spanText(prev, source) !== spanText(doc, region)) options.push({ doc, prev, region, source });
        break;
      }
    }
    if (options.length === 0) return undefined;
    const { doc, prev, region, source } = rng.pick(options);
    const copied = spanText(prev, source);
    editDocument(doc, region.start, region.end, copied);
    const prevDay = printDate(prev.date, 'us');
    return {
      error: {
        id: ctx.errorId,
        type: 'copy-forward',
        target: docRef(doc),
        alsoAccept: [],
        description: `The vital signs in the ${docLabel(doc)} are copied word for word from the ${docLabel(prev)}; the vitals charted for that visit differ.`,
        correction: `Correct the vitals to the values measured that day (copied forward from ${prevDay})`,
        evidence: [evidenceAt(prev, source.start, source.end), evidenceAt(doc, region.start, region.start + copied.length)],
      },
      touched: [docRef(doc), docRef(prev)],
    };
  },
  matches(_error, entered) {
    return says(entered, VITALS_WORD) && says(entered, COPY_WORD);
  },
};

