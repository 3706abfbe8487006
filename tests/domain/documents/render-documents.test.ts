import { describe, expect, it } from 'vitest';
import type { Chart, DocumentKind, SourceDocument } from '@/domain/chart/chart-types';
import { generateChart } from '@/domain/chart/generate-chart';
import { createRng, deriveSeed } from '@/domain/rng/rng';
import { chartIndex } from '@/domain/documents/chart-index';
import { factTexts, findDocumentsFor } from '@/domain/documents/fact-text';
import { renderDocuments } from '@/domain/documents/render-documents';

const REF_DATE = '2026-06-30';
const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

const charts = new Map<string, Chart>();
function chart(seed: number, admission = false): Chart {
  const key = `${seed}|${admission}`;
  let c = charts.get(key);
  if (!c) {
    c = generateChart({ seed, refDate: REF_DATE, admission });
    charts.set(key, c);
  }
  return c;
}

const ref = (r: { resourceType: string; id?: string }) => `${r.resourceType}/${r.id}`;

function kinds(c: Chart): DocumentKind[] {
  return c.documents.map((d) => d.kind);
}

function spanProblems(c: Chart, d: SourceDocument): string[] {
  const problems: string[] = [];
  const index = chartIndex(c);
  for (const s of d.spans) {
    const where = `seed ${c.meta.seed} ${d.kind} [${s.start},${s.end}) ${s.ref} ${s.field}`;
    if (!(s.start >= 0 && s.end > s.start && s.end <= d.text.length)) {
      problems.push(`${where}: out of bounds`);
      continue;
    }
    const quote = d.text.slice(s.start, s.end);
    if (quote.includes('\n')) problems.push(`${where}: crosses a line end: ${JSON.stringify(quote)}`);
    if (quote !== quote.trim()) problems.push(`${where}: has surrounding spaces: ${JSON.stringify(quote)}`);
    if (!index.byRef.has(s.ref)) {
      problems.push(`${where}: ref does not resolve`);
      continue;
    }
    const accepted = factTexts(c, s.ref, s.field).map((t) => t.toLowerCase());
    if (!accepted.includes(quote.toLowerCase())) problems.push(`${where}: "${quote}" not in [${accepted.join(' | ')}]`);
  }
  return problems;
}

describe('renderDocuments', () => {
  it('renders byte-identical documents for the same seed and different ones for another seed', () => {
    const a = generateChart({ seed: 42, refDate: REF_DATE, admission: true });
    const b = generateChart({ seed: 42, refDate: REF_DATE, admission: true });
    expect(JSON.stringify(a.documents)).toBe(JSON.stringify(b.documents));
    const again = renderDocuments(a, createRng(deriveSeed(42, 5)));
    expect(again.map((d) => d.text)).toEqual(a.documents.map((d) => d.text));
    const other = generateChart({ seed: 43, refDate: REF_DATE, admission: true });
    expect(other.documents.map((d) => d.text).join('')).not.toBe(a.documents.map((d) => d.text).join(''));
  });

  it('varies the wording of the same chart with the rng it is given', () => {
    const c = chart(42, true);
    const one = renderDocuments(c, createRng(1)).map((d) => d.text);
    const two = renderDocuments(c, createRng(2)).map((d) => d.text);
    expect(one).not.toEqual(two);
  });

  it('cites, in every span of 200 charts, exactly the words of an accepted rendering of a fact that exists', () => {
    const problems: string[] = [];
    for (const seed of SEEDS) {
      const c = chart(seed);
      for (const d of c.documents) problems.push(...spanProblems(c, d));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('cites valid facts in the H&P and discharge summary of admitted patients', () => {
    const problems: string[] = [];
    for (const seed of SEEDS.slice(0, 60)) {
      const c = chart(seed, true);
      for (const d of c.documents) problems.push(...spanProblems(c, d));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('cites every allergy (or the no-known-allergies statement), active problem, active medication, immunization and lab result', () => {
    const missing: string[] = [];
    for (const seed of SEEDS) {
      for (const admission of [false, true]) {
        if (admission && seed > 60) continue;
        const c = chart(seed, admission);
        const cited = new Set<string>();
        for (const d of c.documents) for (const s of d.spans) cited.add(s.ref);
        const facts = [
          ...c.allergies,
          ...c.conditions.filter((x) => x.clinicalStatus?.coding?.[0]?.code === 'active'),
          ...c.medications.filter((m) => m.status === 'active'),
          ...c.immunizations,
          ...c.labs,
        ];
        for (const f of facts) if (!cited.has(ref(f))) missing.push(`seed ${seed}${admission ? ' (admission)' : ''}: ${ref(f)}`);
      }
    }
    expect(missing.slice(0, 20)).toEqual([]);
  });

  it('renders an H&P and a discharge summary for every admission', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const c = chart(seed, true);
      const admissions = c.encounters.filter((e) => e.class?.code === 'IMP');
      expect(admissions.length).toBeGreaterThan(0);
      for (const e of admissions) {
        const forStay = c.documents.filter((d) => d.encounter === ref(e)).map((d) => d.kind);
        expect(forStay).toContain('history-physical');
        expect(forStay).toContain('discharge-summary');
      }
    }
  });

  it('renders a new-patient H&P for the first clinic visit when there is no admission', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const c = chart(seed);
      if (c.encounters.some((e) => e.class?.code === 'IMP')) continue;
      const hp = c.documents.filter((d) => d.kind === 'history-physical');
      if (c.encounters.length === 0) {
        expect(hp).toHaveLength(0);
        continue;
      }
      expect(hp).toHaveLength(1);
      const oldest = c.encounters.reduce((min, e) => ((e.period?.start ?? '') < (min.period?.start ?? '') ? e : min));
      expect(hp[0]?.encounter).toBe(ref(oldest));
      expect(hp[0]?.title).toMatch(/new patient/i);
    }
  });

  it('renders progress notes for up to four latest clinic visits other than the H&P visit', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const c = chart(seed);
      const notes = c.documents.filter((d) => d.kind === 'progress-note');
      const hp = c.documents.find((d) => d.kind === 'history-physical');
      const clinic = c.encounters.filter((e) => e.class?.code !== 'IMP' && ref(e) !== hp?.encounter);
      expect(notes.length).toBe(Math.min(4, clinic.length));
      const latest = clinic
        .map((e) => e.period?.start ?? '')
        .sort()
        .slice(-4);
      expect(notes.map((d) => d.date).sort()).toEqual(latest);
    }
  });

  it('renders one lab report per encounter-day with results, and always a registration form, medication list and immunization record', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const c = chart(seed);
      const draws = new Set(c.labs.map((o) => `${o.encounter?.reference}|${o.effectiveDateTime?.slice(0, 10)}`));
      expect(kinds(c).filter((k) => k === 'lab-report')).toHaveLength(draws.size);
      for (const k of ['registration', 'medication-list', 'immunization-record'] as const) expect(kinds(c).filter((x) => x === k)).toHaveLength(1);
    }
  });

  it('signs every H&P, progress note and discharge summary by its author at or after the encounter starts', () => {
    for (const seed of SEEDS.slice(0, 60)) {
      for (const admission of [false, true]) {
        const c = chart(seed, admission);
        for (const d of c.documents) {
          if (d.kind !== 'history-physical' && d.kind !== 'progress-note' && d.kind !== 'discharge-summary') continue;
          const e = c.encounters.find((x) => ref(x) === d.encounter);
          expect(e, `${d.kind} of seed ${seed} names its encounter`).toBeDefined();
          expect(d.signed?.by).toBe(d.author);
          expect(d.signed?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00$/);
          expect(Date.parse(d.signed?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(e?.period?.start ?? ''));
          if (d.kind === 'discharge-summary') expect(Date.parse(d.signed?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(e?.period?.end ?? ''));
        }
      }
    }
  });

  it('keeps printed lines to a readable width', () => {
    const tooWide: string[] = [];
    for (const seed of SEEDS.slice(0, 50)) {
      for (const d of chart(seed).documents) {
        // Medication tables may run landscape; everything else fits a portrait page with a little slack.
        const limit = d.kind === 'medication-list' || d.kind === 'immunization-record' ? 120 : 100;
        for (const line of d.text.split('\n')) if (line.length > limit) tooWide.push(`seed ${seed} ${d.kind}: ${line}`);
      }
    }
    expect(tooWide.slice(0, 10)).toEqual([]);
  });
});

describe('wording varies across charts the way real notes do', () => {
  const quotes = (field: string, refPrefix: string) => {
    const out: string[] = [];
    for (const seed of SEEDS.slice(0, 50)) {
      for (const admission of [false, true]) {
        const c = chart(seed, admission);
        for (const d of c.documents) {
          for (const s of d.spans) if (s.field === field && s.ref.startsWith(refPrefix)) out.push(d.text.slice(s.start, s.end));
        }
      }
    }
    return out;
  };

  it('writes the no-known-allergies statement as NKDA and in other words', () => {
    const nka = new Set<string>();
    for (const seed of SEEDS.slice(0, 50)) {
      const c = chart(seed);
      const statement = c.allergies.find((a) => a.code?.coding?.[0]?.code === '716186003');
      if (!statement) continue;
      for (const { document, span } of findDocumentsFor(c, ref(statement))) nka.add(document.text.slice(span.start, span.end));
    }
    expect(nka).toContain('NKDA');
    expect([...nka].some((t) => t !== 'NKDA')).toBe(true);
  });

  it('writes frequencies both as order codes (daily, BID) and spelled out (once daily, twice daily)', () => {
    const texts = new Set(quotes('frequency', 'MedicationStatement/'));
    expect(texts).toContain('BID');
    expect(texts.has('twice daily') || texts.has('twice a day')).toBe(true);
    expect(texts).toContain('daily');
    expect(texts).toContain('once daily');
    // QD is on The Joint Commission "Do Not Use" list; generated notes never write it.
    expect(texts).not.toContain('QD');
  });

  it('writes routes as PO/po and as "by mouth"', () => {
    const texts = new Set(quotes('route', 'MedicationStatement/'));
    expect(texts).toContain('PO');
    expect(texts).toContain('po');
    expect(texts).toContain('by mouth');
  });

  it('writes conditions by name and by table abbreviation, and prints ICD-10-CM codes only sometimes', () => {
    const texts = new Set(quotes('code', 'Condition/'));
    expect(texts).toContain('HTN');
    expect([...texts].some((t) => t.toLowerCase() === 'essential hypertension')).toBe(true);
    expect(quotes('icd10', 'Condition/').length).toBeGreaterThan(0);
  });

  it('names drugs by generic and by brand name', () => {
    const texts = new Set(quotes('drug', 'MedicationStatement/'));
    expect(texts).toContain('lisinopril');
    expect([...texts].some((t) => t[0] === t[0]?.toUpperCase() && /^[A-Z][a-z]+/.test(t) && !['Lisinopril'].includes(t))).toBe(true);
  });

  it('prints dates in U.S., short U.S. and long styles', () => {
    const texts = quotes('birthDate', 'Patient/');
    expect(texts.some((t) => /^\d{2}\/\d{2}\/\d{4}$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\d{1,2}\/\d{1,2}\/\d{2}$/.test(t))).toBe(true);
    expect(texts.some((t) => /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/.test(t))).toBe(true);
  });
});

describe('findDocumentsFor', () => {
  it('finds every span citing a fact, with the document that holds it', () => {
    const c = chart(7, true);
    const lab = c.labs[0];
    expect(lab).toBeDefined();
    const hits = findDocumentsFor(c, ref(lab as NonNullable<typeof lab>));
    expect(hits.length).toBeGreaterThan(0);
    for (const { document, span } of hits) {
      expect(c.documents).toContain(document);
      expect(span.ref).toBe(ref(lab as NonNullable<typeof lab>));
    }
    expect(hits.some((h) => h.document.kind === 'lab-report' && h.span.field === 'value')).toBe(true);
    expect(findDocumentsFor(c, 'Observation/does-not-exist')).toEqual([]);
  });
});

describe('a name suffix (Jr., Sr.)', () => {
  /** Seed 42's admitted patient, made a junior, his documents rendered again. */
  function junior(): Chart {
    const c = structuredClone(chart(42, true));
    const name = c.patient.name?.[0];
    if (!name) throw new Error('seed 42 has no name');
    name.suffix = ['Jr.'];
    c.documents = renderDocuments(c, createRng(deriveSeed(42, 5)));
    return c;
  }

  it('prints the suffix wherever a document names the patient, inside the name’s evidence span', () => {
    const plain = chart(42, true);
    const c = junior();
    const patient = ref(c.patient);
    const family = (c.patient.name?.[0]?.family ?? '').toLowerCase();
    let names = 0;
    for (const d of c.documents) {
      for (const s of d.spans.filter((x) => x.ref === patient && x.field === 'name')) {
        const quote = d.text.slice(s.start, s.end);
        expect(quote.toLowerCase(), `${d.kind}: ${quote}`).toContain(family);
        expect(quote, d.kind).toMatch(/ Jr\.$/i);
        names++;
      }
      expect(spanProblems(c, d)).toEqual([]);
    }
    expect(names).toBeGreaterThanOrEqual(c.documents.length);
    // The same chart without a suffix prints none.
    for (const d of plain.documents) expect(d.text).not.toMatch(/\bJr\./i);
  });

  it('accepts the name with its suffix as the name fact, and not without it', () => {
    const c = junior();
    const { given = [], family = '' } = c.patient.name?.[0] ?? {};
    const [first = '', middle = ''] = given;
    const texts = factTexts(c, ref(c.patient), 'name');
    expect(texts).toEqual(expect.arrayContaining([`${first} ${family} Jr.`, `${family}, ${first} ${middle[0]} Jr.`, `${first} ${middle} ${family} Jr.`]));
    expect(texts).not.toContain(`${first} ${family}`);
  });
});
