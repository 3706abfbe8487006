import { fromBundleText, type ImportProgress } from '@/domain/fhir/from-bundle';
import { toBundle } from '@/domain/fhir/to-bundle';

export interface ImportTiming {
  totalMs: number;
  /** Milliseconds spent in each phase (parse, check, map, documents). */
  phases: Record<ImportProgress['phase'], number>;
  resources: number;
  exportMs: number;
}

/** One import of `text`, timed as a whole and per phase, then one export of the chart. */
export function timeImport(text: string): ImportTiming {
  const marks: [ImportProgress['phase'], number][] = [];
  const start = performance.now();
  const result = fromBundleText(text, {
    progressEvery: Number.MAX_SAFE_INTEGER,
    onProgress: (p) => {
      if (marks.at(-1)?.[0] !== p.phase) marks.push([p.phase, performance.now()]);
    },
  });
  const end = performance.now();
  const phases = { parsing: 0, checking: 0, mapping: 0, documents: 0 };
  marks.forEach(([phase, at], i) => (phases[phase] += (marks[i + 1]?.[1] ?? end) - at));
  const exportStart = performance.now();
  JSON.stringify(toBundle(result.chart));
  return {
    totalMs: end - start,
    phases,
    resources: result.summary.reduce((n, s) => n + (s.section === 'documents' ? 0 : s.count), 0),
    exportMs: performance.now() - exportStart,
  };
}
