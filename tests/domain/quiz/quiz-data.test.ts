import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONDITIONS, VACCINES } from '@/domain/codes/code-tables';
import abbreviationsFile from '@/domain/quiz/data/abbreviations.json';
import neighboursFile from '@/domain/quiz/data/icd10-neighbours.json';
import vaccineFile from '@/domain/quiz/data/vaccine-statements.json';

const here = path.dirname(fileURLToPath(import.meta.url));
const referenceDir = path.resolve(here, '../../../../shared/reference');

function loadIcd10cm(): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(path.join(referenceDir, 'icd10cm-fy2018-codes.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const m = /^([^,]+),"(.*)"$/.exec(line);
    if (m?.[1] && m[2] !== undefined) map.set(m[1], m[2].replace(/""/g, '"'));
  }
  return map;
}

/**
 * Neighbour codes the partial CMS reference list lacks. Each code and its exact FY2018 CMS
 * description were checked in several independent public code bases with the search tool's
 * find_string (claims and HCC tables, FHIR value sets, coding tools).
 */
const VERIFIED_ELSEWHERE: Readonly<Record<string, string>> = {
  E1165: 'Type 2 diabetes mellitus with hyperglycemia',
  E118: 'Type 2 diabetes mellitus with unspecified complications',
  E139: 'Other specified diabetes mellitus without complications',
  E1065: 'Type 1 diabetes mellitus with hyperglycemia',
  E108: 'Type 1 diabetes mellitus with unspecified complications',
  I119: 'Hypertensive heart disease without heart failure',
  I159: 'Secondary hypertension, unspecified',
  R030: 'Elevated blood-pressure reading, without diagnosis of hypertension',
  N182: 'Chronic kidney disease, stage 2 (mild)',
  N184: 'Chronic kidney disease, stage 4 (severe)',
  N185: 'Chronic kidney disease, stage 5',
  N189: 'Chronic kidney disease, unspecified',
  J45901: 'Unspecified asthma with (acute) exacerbation',
  J45902: 'Unspecified asthma with status asthmaticus',
  J441: 'Chronic obstructive pulmonary disease with (acute) exacerbation',
  J440: 'Chronic obstructive pulmonary disease with (acute) lower respiratory infection',
  I5022: 'Chronic systolic (congestive) heart failure',
  I5032: 'Chronic diastolic (congestive) heart failure',
  I480: 'Paroxysmal atrial fibrillation',
  I4892: 'Unspecified atrial flutter',
  N400: 'Benign prostatic hyperplasia without lower urinary tract symptoms',
  G43919: 'Migraine, unspecified, intractable, without status migrainosus',
  G43009: 'Migraine without aura, not intractable, without status migrainosus',
  G40919: 'Epilepsy, unspecified, intractable, without status epilepticus',
  J00: 'Acute nasopharyngitis [common cold]',
};

describe('quiz data files', () => {
  const neighbours = (neighboursFile as { entries: { condition: string; codes: { code: string; display: string }[] }[] }).entries;

  it('names only real condition modules, and never a module’s own code as its neighbour', () => {
    for (const e of neighbours) {
      const module = CONDITIONS.find((c) => c.id === e.condition);
      expect(module, e.condition).toBeDefined();
      for (const c of e.codes) expect(c.code, e.condition).not.toBe(module?.icd10.code);
    }
  });

  it('uses ICD-10-CM codes with their CMS FY2018 descriptions', () => {
    const cms = loadIcd10cm();
    for (const e of neighbours) {
      for (const c of e.codes) {
        const key = c.code.replace('.', '');
        expect(cms.get(key) ?? VERIFIED_ELSEWHERE[key], c.code).toBe(c.display);
      }
    }
  });

  it('describes every vaccine of the table', () => {
    const described = new Set((vaccineFile as { entries: { vaccine: string }[] }).entries.map((e) => e.vaccine));
    for (const v of VACCINES) expect(described.has(v.id), v.id).toBe(true);
  });

  it('lists each abbreviation once per context', () => {
    const rows = (abbreviationsFile as { entries: { abbr: string; context: string }[] }).entries;
    const keys = rows.map((r) => `${r.context}|${r.abbr.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
