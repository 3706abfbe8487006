import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import allergensFile from '@/domain/codes/data/allergens.json';
import conditionsFile from '@/domain/codes/data/conditions.json';
import drugsFile from '@/domain/codes/data/drugs.json';
import frequenciesFile from '@/domain/codes/data/frequencies.json';
import labsFile from '@/domain/codes/data/labs.json';
import panelsFile from '@/domain/codes/data/panels.json';
import reactionsFile from '@/domain/codes/data/reactions.json';
import vaccinesFile from '@/domain/codes/data/vaccines.json';
import vitalsFile from '@/domain/codes/data/vitals.json';
import type {
  Allergen,
  Coded,
  ConditionModule,
  Drug,
  Frequency,
  Interval,
  LabPanel,
  LabTest,
  Reaction,
  TableFile,
  Vaccine,
  VitalSign,
} from '@/domain/codes/code-types';

// ---------------------------------------------------------------------------------------------
// Reference lists in ../shared/reference (CMS ICD-10-CM FY2018, NLM LOINC lab/vitals list)
// ---------------------------------------------------------------------------------------------

const here = path.dirname(fileURLToPath(import.meta.url));
const referenceDir = path.resolve(here, '../../../../shared/reference');

/** CMS list: `code,"description"`, codes without the dot. */
function loadIcd10cm(): Map<string, string> {
  const map = new Map<string, string>();
  const lines = readFileSync(path.join(referenceDir, 'icd10cm-fy2018-codes.csv'), 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const match = /^([^,]+),"(.*)"$/.exec(line);
    if (match?.[1] && match[2] !== undefined) map.set(match[1], match[2].replace(/""/g, '"'));
  }
  return map;
}

/** NLM flowsheet list: tab-separated, `loinc` then `long_common_name`. */
function loadLoinc(): Map<string, string> {
  const map = new Map<string, string>();
  const lines = readFileSync(path.join(referenceDir, 'loinc-lab-vitals-nlm.tsv'), 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const [code, longName] = line.split('\t');
    if (code && longName !== undefined) map.set(code, longName);
  }
  return map;
}

const ICD10CM = loadIcd10cm();
const LOINC = loadLoinc();

/**
 * FY2018 ICD-10-CM codes that the reference CSV lacks. The CSV is a partial list (24,628 rows; the
 * FY2018 release has about 71,700 billable codes), so these valid billable codes are missing from
 * it. Each code and its exact CMS description were checked against the CMS FY2018 descriptions as
 * reproduced in several independent public code bases (claims test data dated 2017-2018, HCC and
 * coding tables), found with the search tool's `find_string`. N18.3 was retired on 2020-10-01.
 */
const ICD10CM_VERIFIED_ELSEWHERE: Readonly<Record<string, string>> = {
  N183: 'Chronic kidney disease, stage 3 (moderate)',
  E039: 'Hypothyroidism, unspecified',
  E0590: 'Thyrotoxicosis, unspecified without thyrotoxic crisis or storm',
  J45909: 'Unspecified asthma, uncomplicated',
  J449: 'Chronic obstructive pulmonary disease, unspecified',
  I4891: 'Unspecified atrial fibrillation',
  I2510: 'Atherosclerotic heart disease of native coronary artery without angina pectoris',
  K219: 'Gastro-esophageal reflux disease without esophagitis',
  F411: 'Generalized anxiety disorder',
  M810: 'Age-related osteoporosis without current pathological fracture',
  N401: 'Benign prostatic hyperplasia with lower urinary tract symptoms',
  G43909: 'Migraine, unspecified, not intractable, without status migrainosus',
  G40909: 'Epilepsy, unspecified, not intractable, without status epilepticus',
  G309: "Alzheimer's disease, unspecified",
  D509: 'Iron deficiency anemia, unspecified',
  E559: 'Vitamin D deficiency, unspecified',
  E538: 'Deficiency of other specified B group vitamins',
  G4733: 'Obstructive sleep apnea (adult) (pediatric)',
  R7303: 'Prediabetes',
  F17210: 'Nicotine dependence, cigarettes, uncomplicated',
  G4700: 'Insomnia, unspecified',
  J209: 'Acute bronchitis, unspecified',
  J189: 'Pneumonia, unspecified organism',
  N3000: 'Acute cystitis without hematuria',
  J0190: 'Acute sinusitis, unspecified',
  J020: 'Streptococcal pharyngitis',
  L0390: 'Cellulitis, unspecified',
  H6690: 'Otitis media, unspecified, unspecified ear',
  J069: 'Acute upper respiratory infection, unspecified',
  Z8781: 'Personal history of (healed) traumatic fracture',
  Z951: 'Presence of aortocoronary bypass graft',
  Z90710: 'Acquired absence of both cervix and uterus',
  Z98891: 'History of uterine scar from previous surgery',
};

/** LOINC codes missing from the NLM list, with the long common name each was verified against. */
const LOINC_VERIFIED_ELSEWHERE: Readonly<Record<string, string>> = {
  // Synthea vital-signs observations and the FHIR R4 vital-signs profile (BMI code).
  '39156-5': 'Body mass index (BMI) [Ratio]',
  // Synthea CBC observations; HL7 FHIR implementation guides (e.g. the Swiss lab IG) use the same names.
  '6690-2': 'Leukocytes [#/volume] in Blood by Automated count',
  '777-3': 'Platelets [#/volume] in Blood by Automated count',
  // Panel codes: HL7 FHIR IG profiles/instances and EHR panel mapping tables (VistA lab mapping).
  '58410-2': 'CBC panel - Blood by Automated count',
  '57021-8': 'CBC W Auto Differential panel - Blood',
  '51990-0': 'Basic metabolic panel - Blood',
  '24323-8': 'Comprehensive metabolic 2000 panel - Serum or Plasma',
  '24331-1': 'Lipid 1996 panel - Serum or Plasma',
  '24325-3': 'Hepatic function 2000 panel - Serum or Plasma',
  '50190-8': 'Iron and Iron binding capacity panel - Serum or Plasma',
  '34528-0': 'PT panel - Platelet poor plasma by Coagulation assay',
};

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

const asTable = <T,>(file: unknown) => file as TableFile<T>;
const labsTable = asTable<LabTest>(labsFile);
const panelsTable = asTable<LabPanel>(panelsFile);
const vitalsTable = asTable<VitalSign>(vitalsFile);
const drugsTable = asTable<Drug>(drugsFile);
const frequenciesTable = asTable<Frequency>(frequenciesFile);
const allergensTable = asTable<Allergen>(allergensFile);
const reactionsTable = asTable<Reaction>(reactionsFile);
const vaccinesTable = asTable<Vaccine>(vaccinesFile);
const conditionsTable = asTable<ConditionModule>(conditionsFile);

const LABS = labsTable.entries;
const PANELS = panelsTable.entries;
const VITALS = vitalsTable.entries;
const DRUGS = drugsTable.entries;
const FREQUENCIES = frequenciesTable.entries;
const ALLERGENS = allergensTable.entries;
const REACTIONS = reactionsTable.entries;
const VACCINES = vaccinesTable.entries;
const CONDITIONS = conditionsTable.entries;

const ALL_TABLES: [string, TableFile<unknown>][] = [
  ['labs', labsTable],
  ['panels', panelsTable],
  ['vitals', vitalsTable],
  ['drugs', drugsTable],
  ['frequencies', frequenciesTable],
  ['allergens', allergensTable],
  ['reactions', reactionsTable],
  ['vaccines', vaccinesTable],
  ['conditions', conditionsTable],
];

const labById = new Map(LABS.map((l) => [l.id, l]));
const vitalById = new Map(VITALS.map((v) => [v.id, v]));
const panelIds = new Set(PANELS.map((p) => p.id));
const drugIds = new Set(DRUGS.map((d) => d.id));
const frequencyCodes = new Set(FREQUENCIES.map((f) => f.code));
const reactionIds = new Set(REACTIONS.map((r) => r.id));
const conditionIds = new Set(CONDITIONS.map((c) => c.id));

// ---------------------------------------------------------------------------------------------
// Runtime shape checks (JSON imports are not type-checked against code-types.ts)
// ---------------------------------------------------------------------------------------------

type Problems = string[];

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function checkCoded(v: unknown, where: string, problems: Problems): void {
  const c = v as Partial<Coded> | undefined;
  if (!c || !isString(c.code) || !isString(c.display)) problems.push(`${where}: expected { code, display }`);
}

function checkInterval(v: unknown, where: string, problems: Problems): void {
  if (typeof v !== 'object' || v === null) {
    problems.push(`${where}: expected an interval object`);
    return;
  }
  const i = v as Interval;
  for (const key of Object.keys(i)) if (key !== 'low' && key !== 'high') problems.push(`${where}: unknown key ${key}`);
  if (i.low !== undefined && !isNumber(i.low)) problems.push(`${where}.low: not a number`);
  if (i.high !== undefined && !isNumber(i.high)) problems.push(`${where}.high: not a number`);
  if (isNumber(i.low) && isNumber(i.high) && i.low > i.high) problems.push(`${where}: low > high`);
}

function checkKeys(obj: object, allowed: readonly string[], required: readonly string[], where: string, problems: Problems): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) problems.push(`${where}: unknown key "${key}"`);
  for (const key of required) if (!(key in obj)) problems.push(`${where}: missing "${key}"`);
}

const DRUG_ROUTES = ['oral', 'subcutaneous', 'inhalation', 'topical', 'intramuscular', 'ophthalmic', 'nasal', 'transdermal', 'sublingual'];
const VITAL_IDS = ['heart-rate', 'respiratory-rate', 'body-temperature', 'systolic-bp', 'diastolic-bp', 'body-weight', 'body-height', 'bmi', 'oxygen-saturation', 'pain-score'];

// ---------------------------------------------------------------------------------------------

describe('code tables: files', () => {
  it.each(ALL_TABLES)('%s has a source list and entries', (_name, table) => {
    expect(Object.keys(table).sort()).toEqual(['entries', 'source']);
    expect(isStringArray(table.source) && table.source.length > 0).toBe(true);
    expect(Array.isArray(table.entries)).toBe(true);
  });

  it('meets the minimum sizes', () => {
    expect(VITALS.map((v) => v.id).sort()).toEqual([...VITAL_IDS].sort());
    expect(LABS.length).toBeGreaterThanOrEqual(55);
    expect(DRUGS.length).toBeGreaterThanOrEqual(85);
    expect(ALLERGENS.length).toBeGreaterThanOrEqual(16);
    expect(REACTIONS.length).toBeGreaterThanOrEqual(12);
    expect(VACCINES.length).toBeGreaterThanOrEqual(16);
    expect(CONDITIONS.length).toBeGreaterThanOrEqual(45);
    expect(FREQUENCIES.length).toBeGreaterThanOrEqual(10);
  });

  it('has unique ids (frequency codes) in every table', () => {
    const keyed: [string, string[]][] = [
      ['labs', LABS.map((x) => x.id)],
      ['panels', PANELS.map((x) => x.id)],
      ['vitals', VITALS.map((x) => x.id)],
      ['drugs', DRUGS.map((x) => x.id)],
      ['frequencies', FREQUENCIES.map((x) => x.code)],
      ['allergens', ALLERGENS.map((x) => x.id)],
      ['reactions', REACTIONS.map((x) => x.id)],
      ['vaccines', VACCINES.map((x) => x.id)],
      ['conditions', CONDITIONS.map((x) => x.id)],
    ];
    for (const [table, ids] of keyed) {
      const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(duplicates, table).toEqual([]);
      for (const id of ids) expect(isString(id), `${table}: empty id`).toBe(true);
    }
  });

  it('uses kebab-case ids', () => {
    const ids = [LABS, PANELS, DRUGS, ALLERGENS, REACTIONS, VACCINES, CONDITIONS].flatMap((t) => t.map((x) => x.id));
    for (const id of ids) expect(id, id).toMatch(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/);
  });

  it('has the required panels', () => {
    for (const id of ['cbc', 'bmp', 'cmp', 'lipid', 'hba1c', 'tsh', 'ua', 'hepatic', 'iron', 'coag']) {
      expect(panelIds.has(id), id).toBe(true);
    }
  });
});

describe('code tables: shapes', () => {
  it('labs fit LabTest', () => {
    const problems: Problems = [];
    for (const l of LABS) {
      const w = `lab ${l.id}`;
      checkKeys(l, ['id', 'loinc', 'shortName', 'abbreviations', 'ucum', 'unitDisplay', 'decimals', 'reference', 'referenceBySex', 'critical', 'specimen'],
        ['id', 'loinc', 'shortName', 'abbreviations', 'ucum', 'decimals', 'reference', 'specimen'], w, problems);
      checkCoded(l.loinc, `${w}.loinc`, problems);
      if (!isString(l.shortName) || !isString(l.ucum) || !isString(l.specimen)) problems.push(`${w}: empty text field`);
      if (!isStringArray(l.abbreviations)) problems.push(`${w}: abbreviations`);
      if (!Number.isInteger(l.decimals) || l.decimals < 0 || l.decimals > 4) problems.push(`${w}: decimals`);
      checkInterval(l.reference, `${w}.reference`, problems);
      if (l.reference.low === undefined && l.reference.high === undefined) problems.push(`${w}: empty reference interval`);
      for (const [sex, interval] of Object.entries(l.referenceBySex ?? {})) {
        if (sex !== 'male' && sex !== 'female') problems.push(`${w}: referenceBySex.${sex}`);
        checkInterval(interval, `${w}.referenceBySex.${sex}`, problems);
      }
      if (l.critical) {
        checkInterval(l.critical, `${w}.critical`, problems);
        if (l.critical.low !== undefined && l.reference.low !== undefined && l.critical.low >= l.reference.low) problems.push(`${w}: critical.low inside reference`);
        if (l.critical.high !== undefined && l.reference.high !== undefined && l.critical.high <= l.reference.high) problems.push(`${w}: critical.high inside reference`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('panels fit LabPanel', () => {
    const problems: Problems = [];
    for (const p of PANELS) {
      checkKeys(p, ['id', 'loinc', 'shortName', 'tests'], ['id', 'loinc', 'shortName', 'tests'], `panel ${p.id}`, problems);
      checkCoded(p.loinc, `panel ${p.id}.loinc`, problems);
      if (!isStringArray(p.tests) || p.tests.length === 0) problems.push(`panel ${p.id}: tests`);
    }
    expect(problems).toEqual([]);
  });

  it('vitals fit VitalSign', () => {
    const problems: Problems = [];
    for (const v of VITALS) {
      checkKeys(v, ['id', 'loinc', 'shortName', 'abbreviations', 'ucum', 'unitDisplay', 'decimals', 'reference'],
        ['id', 'loinc', 'shortName', 'abbreviations', 'ucum', 'decimals', 'reference'], `vital ${v.id}`, problems);
      checkCoded(v.loinc, `vital ${v.id}.loinc`, problems);
      checkInterval(v.reference, `vital ${v.id}.reference`, problems);
      if (!Number.isInteger(v.decimals)) problems.push(`vital ${v.id}: decimals`);
    }
    expect(problems).toEqual([]);
  });

  it('drugs fit Drug', () => {
    const problems: Problems = [];
    const keys = ['id', 'rxnorm', 'ingredient', 'brandNames', 'strength', 'doseForm', 'route', 'usualDose', 'usualFrequency', 'drugClass', 'allergyClasses'];
    for (const d of DRUGS) {
      const w = `drug ${d.id}`;
      checkKeys(d, keys, keys, w, problems);
      checkCoded(d.rxnorm, `${w}.rxnorm`, problems);
      if (!/^\d+$/.test(d.rxnorm.code)) problems.push(`${w}: RxCUI must be digits`);
      for (const k of ['ingredient', 'strength', 'doseForm', 'usualDose', 'drugClass'] as const) if (!isString(d[k])) problems.push(`${w}: ${k}`);
      // Generic names are lower case; only an isomer/letter suffix may be capital ("penicillin V").
      if (!/^[a-z][a-z0-9 ,./-]*( [A-Z])?$/.test(d.ingredient.replace(/ \/ /g, '/'))) problems.push(`${w}: ingredient "${d.ingredient}" must be a lower-case generic name`);
      if (!DRUG_ROUTES.includes(d.route)) problems.push(`${w}: route ${d.route}`);
      if (!Array.isArray(d.brandNames) || !d.brandNames.every(isString)) problems.push(`${w}: brandNames`);
      if (!Array.isArray(d.allergyClasses) || !d.allergyClasses.every(isString)) problems.push(`${w}: allergyClasses`);
    }
    expect(problems).toEqual([]);
  });

  it('frequencies fit Frequency', () => {
    const problems: Problems = [];
    for (const f of FREQUENCIES) {
      checkKeys(f, ['code', 'text', 'frequency', 'period', 'periodUnit', 'asNeeded'], ['code', 'text', 'frequency', 'period', 'periodUnit'], `frequency ${f.code}`, problems);
      if (!['h', 'd', 'wk'].includes(f.periodUnit)) problems.push(`frequency ${f.code}: periodUnit`);
      if (!(f.frequency > 0 && f.period > 0)) problems.push(`frequency ${f.code}: frequency/period`);
      if (f.asNeeded !== undefined && typeof f.asNeeded !== 'boolean') problems.push(`frequency ${f.code}: asNeeded`);
      if (/PRN/.test(f.code) !== (f.asNeeded === true)) problems.push(`frequency ${f.code}: PRN codes and asNeeded must agree`);
    }
    expect(problems).toEqual([]);
  });

  it('allergens and reactions fit Allergen and Reaction', () => {
    const problems: Problems = [];
    for (const a of ALLERGENS) {
      const w = `allergen ${a.id}`;
      const keys = ['id', 'code', 'system', 'category', 'synonyms', 'drugClasses', 'reactions', 'weight'];
      checkKeys(a, keys, keys, w, problems);
      checkCoded(a.code, `${w}.code`, problems);
      if (!['snomed', 'rxnorm'].includes(a.system)) problems.push(`${w}: system`);
      if (!['medication', 'food', 'environment', 'biologic'].includes(a.category)) problems.push(`${w}: category`);
      if (!/^\d+$/.test(a.code.code)) problems.push(`${w}: code must be digits`);
      if (!isStringArray(a.synonyms) || !Array.isArray(a.drugClasses) || !isStringArray(a.reactions) || a.reactions.length === 0) problems.push(`${w}: lists`);
      if (!(a.weight > 0)) problems.push(`${w}: weight`);
      if (a.category === 'medication' && a.drugClasses.length === 0) problems.push(`${w}: a medication allergen needs drugClasses`);
      if (a.system === 'rxnorm' && a.category !== 'medication') problems.push(`${w}: RxNorm codes are for medications`);
    }
    for (const r of REACTIONS) {
      const keys = ['id', 'snomed', 'plain', 'severity'];
      checkKeys(r, keys, keys, `reaction ${r.id}`, problems);
      checkCoded(r.snomed, `reaction ${r.id}.snomed`, problems);
      if (!/^\d+$/.test(r.snomed.code)) problems.push(`reaction ${r.id}: SNOMED id must be digits`);
      if (!['mild', 'moderate', 'severe'].includes(r.severity)) problems.push(`reaction ${r.id}: severity`);
    }
    expect(problems).toEqual([]);
  });

  it('vaccines fit Vaccine', () => {
    const problems: Problems = [];
    for (const v of VACCINES) {
      const w = `vaccine ${v.id}`;
      checkKeys(v, ['id', 'cvx', 'shortName', 'route', 'site', 'scheduleMonths', 'seasonalFromMonths', 'adultFromYears', 'everyYears', 'sex', 'bornFromYear', 'availableFromYear', 'adultSeriesMonths', 'availableUntilYear'],
        ['id', 'cvx', 'shortName', 'route', 'availableFromYear'], w, problems);
      checkCoded(v.cvx, `${w}.cvx`, problems);
      if (!/^\d{2,3}$/.test(v.cvx.code)) problems.push(`${w}: CVX codes are 2-3 digits`);
      if (!['intramuscular', 'subcutaneous', 'oral', 'intranasal'].includes(v.route)) problems.push(`${w}: route`);
    }
    expect(problems).toEqual([]);
  });

  it('conditions fit ConditionModule', () => {
    const problems: Problems = [];
    for (const c of CONDITIONS) {
      const w = `condition ${c.id}`;
      checkKeys(c, ['id', 'name', 'kind', 'icd10', 'snomed', 'abbreviations', 'prevalence', 'onsetAge', 'medications', 'monitoring', 'effects', 'visitsPerYear', 'requires', 'excludes', 'procedure', 'lateral', 'remarks'],
        ['id', 'name', 'kind', 'icd10', 'snomed', 'abbreviations', 'prevalence', 'onsetAge', 'medications', 'monitoring', 'effects', 'visitsPerYear'], w, problems);
      checkCoded(c.icd10, `${w}.icd10`, problems);
      checkCoded(c.snomed, `${w}.snomed`, problems);
      if (!/^\d{6,18}$/.test(c.snomed.code)) problems.push(`${w}: SNOMED id`);
      if (!['chronic', 'acute', 'resolved', 'surgical-history'].includes(c.kind)) problems.push(`${w}: kind`);
      if (!isStringArray(c.abbreviations) || c.abbreviations.length === 0) problems.push(`${w}: abbreviations`);
      if (!(Array.isArray(c.onsetAge) && c.onsetAge.length === 2 && c.onsetAge[0] <= c.onsetAge[1] && c.onsetAge[0] >= 0 && c.onsetAge[1] <= 120)) problems.push(`${w}: onsetAge`);
      if (!(isNumber(c.visitsPerYear) && c.visitsPerYear >= 0 && c.visitsPerYear <= 12)) problems.push(`${w}: visitsPerYear`);
      if (c.prevalence.length === 0) problems.push(`${w}: no prevalence bands`);
      for (const b of c.prevalence) {
        if (!(b.minAge >= 0 && b.minAge <= b.maxAge && b.maxAge <= 120)) problems.push(`${w}: band ages ${b.minAge}-${b.maxAge}`);
        if (!(b.p > 0 && b.p <= 1)) problems.push(`${w}: band p ${b.p}`);
        if (b.sex !== undefined && b.sex !== 'male' && b.sex !== 'female') problems.push(`${w}: band sex`);
      }
      for (const m of c.medications) {
        if (!(m.p > 0 && m.p <= 1)) problems.push(`${w}: medication line p ${m.p}`);
        if (m.options.length === 0 || !m.options.every((o) => isString(o.drug) && o.weight > 0)) problems.push(`${w}: medication options`);
      }
      for (const m of c.monitoring) if (!(isString(m.panel) && m.perYear > 0 && m.perYear <= 12)) problems.push(`${w}: monitoring ${m.panel}`);
      if (c.kind === 'surgical-history') {
        if (!c.procedure) problems.push(`${w}: surgical history needs a procedure`);
        else checkCoded(c.procedure, `${w}.procedure`, problems);
      } else if (c.procedure) problems.push(`${w}: only surgical history carries a procedure`);
      if (c.lateral !== undefined && typeof c.lateral !== 'boolean') problems.push(`${w}: lateral`);
      if (c.remarks !== undefined && !isStringArray(c.remarks)) problems.push(`${w}: remarks`);
    }
    expect(problems).toEqual([]);
  });
});

describe('code tables: codes are real', () => {
  it('every ICD-10-CM code is in the CMS FY2018 list (or verified elsewhere) with its exact description', () => {
    const problems: Problems = [];
    for (const c of CONDITIONS) {
      const { code, display } = c.icd10;
      if (!/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/.test(code)) problems.push(`${c.id}: ${code} is not written like "E11.9"`);
      const bare = code.replace('.', '');
      const expected = ICD10CM.get(bare) ?? ICD10CM_VERIFIED_ELSEWHERE[bare];
      if (expected === undefined) problems.push(`${c.id}: ${code} is not a known ICD-10-CM code`);
      else if (expected !== display) problems.push(`${c.id}: ${code} display "${display}" should be "${expected}"`);
    }
    expect(problems).toEqual([]);
  });

  it('uses billable codes: no listed ICD-10-CM code has a listed child code', () => {
    const codes = [...ICD10CM.keys()];
    for (const c of CONDITIONS) {
      const bare = c.icd10.code.replace('.', '');
      const children = codes.filter((k) => k !== bare && k.startsWith(bare));
      expect(children, `${c.id} ${c.icd10.code} is a category, not a billable code`).toEqual([]);
    }
  });

  it('keeps the ICD-10-CM allow-list small and free of codes the CMS list already has', () => {
    const used = new Set(CONDITIONS.map((c) => c.icd10.code.replace('.', '')));
    for (const code of Object.keys(ICD10CM_VERIFIED_ELSEWHERE)) {
      expect(ICD10CM.has(code), `${code} is in the CMS list; drop it from the allow-list`).toBe(false);
      expect(used.has(code), `${code} is not used by any condition`).toBe(true);
    }
  });

  it('every LOINC code is in the NLM list (or the allow-list) with its long common name', () => {
    const coded: [string, Coded][] = [
      ...LABS.map((l): [string, Coded] => [`lab ${l.id}`, l.loinc]),
      ...PANELS.map((p): [string, Coded] => [`panel ${p.id}`, p.loinc]),
      ...VITALS.map((v): [string, Coded] => [`vital ${v.id}`, v.loinc]),
    ];
    const problems: Problems = [];
    for (const [where, { code, display }] of coded) {
      if (!/^\d{1,7}-\d$/.test(code)) problems.push(`${where}: ${code} is not a LOINC code`);
      const expected = LOINC.get(code) ?? LOINC_VERIFIED_ELSEWHERE[code];
      if (expected === undefined) problems.push(`${where}: ${code} is neither in the NLM list nor verified elsewhere`);
      else if (expected !== display) problems.push(`${where}: ${code} display "${display}" should be "${expected}"`);
    }
    expect(problems).toEqual([]);
    for (const code of Object.keys(LOINC_VERIFIED_ELSEWHERE)) expect(LOINC.has(code), `${code} is in the NLM list`).toBe(false);
  });

  it('a panel of one test carries that test\'s LOINC code', () => {
    for (const p of PANELS.filter((x) => x.tests.length === 1)) {
      expect(p.loinc.code, p.id).toBe(labById.get(p.tests[0] ?? '')?.loinc.code);
    }
  });

  it('LOINC codes are not reused for different tests', () => {
    const codes = LABS.map((l) => l.loinc.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });
});

describe('code tables: cross-references resolve', () => {
  it('panels list known lab tests', () => {
    for (const p of PANELS) for (const t of p.tests) expect(labById.has(t), `${p.id} -> ${t}`).toBe(true);
  });

  it('drugs use known frequencies', () => {
    for (const d of DRUGS) expect(frequencyCodes.has(d.usualFrequency), `${d.id} -> ${d.usualFrequency}`).toBe(true);
  });

  it('allergens list known reactions', () => {
    for (const a of ALLERGENS) for (const r of a.reactions) expect(reactionIds.has(r), `${a.id} -> ${r}`).toBe(true);
  });

  it('conditions reference known drugs, panels, effect targets and conditions', () => {
    const problems: Problems = [];
    for (const c of CONDITIONS) {
      for (const m of c.medications) for (const o of m.options) if (!drugIds.has(o.drug)) problems.push(`${c.id} -> drug ${o.drug}`);
      for (const m of c.monitoring) if (!panelIds.has(m.panel)) problems.push(`${c.id} -> panel ${m.panel}`);
      for (const e of c.effects) if (!labById.has(e.target) && !vitalById.has(e.target as VitalSign['id'])) problems.push(`${c.id} -> target ${e.target}`);
      for (const id of [...(c.requires ?? []), ...(c.excludes ?? [])]) {
        if (!conditionIds.has(id)) problems.push(`${c.id} -> condition ${id}`);
        if (id === c.id) problems.push(`${c.id} refers to itself`);
      }
      for (const r of c.requires ?? []) if (c.excludes?.includes(r)) problems.push(`${c.id} both requires and excludes ${r}`);
    }
    expect(problems).toEqual([]);
  });

  it('lists a module after the modules it requires', () => {
    const index = new Map(CONDITIONS.map((c, i) => [c.id, i]));
    for (const [i, c] of CONDITIONS.entries()) for (const r of c.requires ?? []) expect(index.get(r)!, `${c.id} requires ${r}`).toBeLessThan(i);
  });

  it('declares exclusions in both directions', () => {
    const byId = new Map(CONDITIONS.map((c) => [c.id, c]));
    for (const c of CONDITIONS) {
      for (const x of c.excludes ?? []) expect(byId.get(x)?.excludes ?? [], `${x} should exclude ${c.id}`).toContain(c.id);
    }
    expect(byId.get('t1dm')?.excludes).toContain('t2dm');
    expect(byId.get('hypothyroidism')?.excludes).toContain('hyperthyroidism');
  });

  it('makes allergy conflicts work for the common drug allergies', () => {
    const conflicts = (allergenId: string, drugId: string) => {
      const allergen = ALLERGENS.find((a) => a.id === allergenId);
      const drug = DRUGS.find((d) => d.id === drugId);
      if (!allergen || !drug) throw new Error(`missing ${allergenId} or ${drugId}`);
      return allergen.drugClasses.some((k) => drug.allergyClasses.includes(k));
    };
    expect(conflicts('penicillin', 'amoxicillin-500-tab')).toBe(true);
    expect(conflicts('penicillin', 'amoxicillin-clavulanate-875-tab')).toBe(true);
    expect(conflicts('penicillin', 'penicillin-vk-500-tab')).toBe(true);
    expect(conflicts('cephalosporin', 'cephalexin-500-cap')).toBe(true);
    expect(conflicts('sulfonamide-antibiotic', 'sulfamethoxazole-trimethoprim-ds-tab')).toBe(true);
    expect(conflicts('nsaid', 'ibuprofen-200-tab')).toBe(true);
    expect(conflicts('nsaid', 'naproxen-500-tab')).toBe(true);
    expect(conflicts('aspirin', 'aspirin-81-tab')).toBe(true);
    expect(conflicts('codeine', 'oxycodone-10-tab')).toBe(true);
    expect(conflicts('codeine', 'tramadol-50-tab')).toBe(true);
    expect(conflicts('ace-inhibitor', 'lisinopril-10-tab')).toBe(true);
    expect(conflicts('statin', 'atorvastatin-40-tab')).toBe(true);
    expect(conflicts('macrolide', 'azithromycin-250-tab')).toBe(true);
    expect(conflicts('fluoroquinolone', 'ciprofloxacin-500-tab')).toBe(true);
    expect(conflicts('penicillin', 'azithromycin-250-tab')).toBe(false);
    expect(conflicts('sulfonamide-antibiotic', 'hydrochlorothiazide-25-tab')).toBe(false);
  });
});

describe('code tables: clinical plausibility', () => {
  /** Physiological bounds for vital-sign effect ranges. */
  const VITAL_BOUNDS: Readonly<Record<VitalSign['id'], [number, number]>> = {
    'heart-rate': [30, 200],
    'respiratory-rate': [6, 50],
    'body-temperature': [34, 42],
    'systolic-bp': [70, 240],
    'diastolic-bp': [40, 140],
    'body-weight': [2, 300],
    'body-height': [40, 230],
    bmi: [12, 70],
    'oxygen-saturation': [70, 100],
    'pain-score': [0, 10],
  };

  it('effect ranges are ordered and physiologically plausible', () => {
    const problems: Problems = [];
    for (const c of CONDITIONS) {
      for (const e of c.effects) {
        const [lo, hi] = e.range;
        const where = `${c.id} ${e.target} [${lo}, ${hi}]`;
        if (!(isNumber(lo) && isNumber(hi) && e.range.length === 2 && lo <= hi)) problems.push(`${where}: not an ordered pair`);
        const vital = VITAL_BOUNDS[e.target as VitalSign['id']];
        const lab = labById.get(e.target);
        if (vital) {
          if (lo < vital[0] || hi > vital[1]) problems.push(`${where}: outside ${vital.join('-')}`);
        } else if (lab) {
          const top = Math.max(lab.critical?.high ?? 0, (lab.reference.high ?? lab.reference.low ?? 1) * 20);
          if (lo < 0 || hi > top) problems.push(`${where}: implausible for ${lab.shortName}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lab effects reach outside the reference interval in the direction the disease moves them', () => {
    const problems: Problems = [];
    for (const c of CONDITIONS) {
      for (const e of c.effects) {
        const lab = labById.get(e.target);
        if (!lab) continue;
        const [lo, hi] = e.range;
        const { low, high } = lab.reference;
        const above = high !== undefined && hi > high;
        const below = low !== undefined && lo < low;
        if (!above && !below) problems.push(`${c.id} ${e.target} [${lo}, ${hi}] stays inside ${low ?? ''}-${high ?? ''}`);
        if (above && below) problems.push(`${c.id} ${e.target} [${lo}, ${hi}] spans the whole reference interval`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the brief\'s anchor effects', () => {
    const effect = (condition: string, target: string) => CONDITIONS.find((c) => c.id === condition)?.effects.find((e) => e.target === target)?.range;
    expect(effect('t2dm', 'hba1c')).toEqual([6.8, 10.5]);
    expect(effect('t2dm', 'glucose')).toEqual([130, 260]);
    expect(effect('ckd-stage-3', 'creatinine')).toEqual([1.4, 2.4]);
    expect(effect('ckd-stage-3', 'egfr')).toEqual([30, 59]);
    expect(effect('essential-hypertension', 'systolic-bp')).toEqual([138, 168]);
    expect(effect('essential-hypertension', 'diastolic-bp')).toEqual([86, 102]);
    expect(effect('hyperlipidemia', 'ldl')).toEqual([160, 210]);
    expect(effect('hyperlipidemia', 'cholesterol-total')).toEqual([220, 290]);
    expect(effect('hypothyroidism', 'tsh')).toEqual([5.5, 12]);
    expect(effect('obesity', 'bmi')).toEqual([30.5, 42]);
  });

  it('has chronic, acute, resolved and surgical-history modules, with procedures only for surgery', () => {
    const kinds = new Set(CONDITIONS.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['acute', 'chronic', 'resolved', 'surgical-history']);
  });

  it('keeps sex-specific conditions to one sex', () => {
    const sexes = (id: string) => new Set(CONDITIONS.find((c) => c.id === id)?.prevalence.map((b) => b.sex));
    expect([...sexes('bph')]).toEqual(['male']);
    expect([...sexes('history-of-hysterectomy')]).toEqual(['female']);
    expect([...sexes('history-of-cesarean-section')]).toEqual(['female']);
  });

  it('gives non-empty sex-specific reference intervals', () => {
    for (const l of LABS) {
      for (const interval of Object.values(l.referenceBySex ?? {})) {
        expect(interval.low !== undefined || interval.high !== undefined, l.id).toBe(true);
      }
    }
  });

  it('orders medication lines: no add-on line is more likely than the first line', () => {
    for (const c of CONDITIONS.filter((x) => x.medications.length > 1)) {
      const first = c.medications[0]!.p;
      for (const later of c.medications.slice(1)) expect(later.p, c.id).toBeLessThanOrEqual(first);
    }
  });
});

describe('code tables: vaccine schedules', () => {
  const thisYear = new Date().getFullYear();

  it('each vaccine has exactly one kind of schedule', () => {
    for (const v of VACCINES) {
      const kinds = [v.scheduleMonths !== undefined, v.seasonalFromMonths !== undefined, v.adultFromYears !== undefined].filter(Boolean);
      expect(kinds.length, v.id).toBe(1);
    }
  });

  it('childhood schedules are ascending ages under 18', () => {
    for (const v of VACCINES.filter((x) => x.scheduleMonths)) {
      const months = v.scheduleMonths!;
      expect(months.length, v.id).toBeGreaterThan(0);
      expect([...months].sort((a, b) => a - b), v.id).toEqual(months);
      expect(new Set(months).size, v.id).toBe(months.length);
      for (const m of months) expect(Number.isInteger(m) && m >= 0 && m < 18 * 12, `${v.id} ${m}`).toBe(true);
    }
  });

  it('adult and seasonal schedules are sensible', () => {
    for (const v of VACCINES) {
      if (v.adultFromYears !== undefined) expect(v.adultFromYears >= 18 && v.adultFromYears <= 90, v.id).toBe(true);
      if (v.everyYears !== undefined) {
        expect(v.adultFromYears, `${v.id}: everyYears needs adultFromYears`).toBeDefined();
        expect(v.everyYears >= 1 && v.everyYears <= 20, v.id).toBe(true);
      }
      if (v.seasonalFromMonths !== undefined) expect(v.seasonalFromMonths >= 6 && v.seasonalFromMonths < 24, v.id).toBe(true);
    }
  });

  it('never schedules a vaccine before it existed', () => {
    for (const v of VACCINES) {
      expect(v.availableFromYear >= 1940 && v.availableFromYear <= thisYear, v.id).toBe(true);
      if (v.bornFromYear !== undefined) {
        expect(v.bornFromYear <= thisYear, v.id).toBe(true);
        const firstDoseYears = Math.floor((v.scheduleMonths?.[0] ?? 0) / 12);
        // The first cohort gets its first dose no earlier than a year before licensure (seasonal rounding).
        expect(v.bornFromYear + firstDoseYears, `${v.id}: born ${v.bornFromYear} would be dosed before ${v.availableFromYear}`).toBeGreaterThanOrEqual(v.availableFromYear - 1);
      }
    }
  });

  it('includes the key U.S. schedule vaccines with their dates', () => {
    const byCvx = new Map(VACCINES.map((v) => [v.cvx.code, v]));
    for (const cvx of ['08', '20', '10', '03', '21', '83', '115', '165', '187', '33', '43', '140']) expect(byCvx.has(cvx), cvx).toBe(true);
    expect(byCvx.get('165')?.availableFromYear).toBeGreaterThanOrEqual(2014);
    expect(byCvx.get('187')?.availableFromYear).toBe(2017);
    expect(byCvx.get('115')?.availableFromYear).toBe(2005);
    expect(byCvx.get('133')?.availableFromYear).toBe(2010);
    expect(byCvx.get('187')?.adultFromYears).toBe(50);
    expect(byCvx.get('33')?.adultFromYears).toBe(65);
    expect(byCvx.get('140')?.seasonalFromMonths).toBe(6);
  });
});
