import { readFileSync } from 'node:fs';
import { generateChart, cohortSeeds } from '@/domain/chart/generate-chart';
import { toBundle } from '@/domain/fhir/to-bundle';
import { fromBundle, fromBundleText } from '@/domain/fhir/from-bundle';
import { isDeepStrictEqual } from 'node:util';
const keys = ['patient','organizations','coverage','practitioners','encounters','allergies','conditions','procedures','familyHistory','socialHistory','medications','immunizations','vitals','labs','labReports'] as const;
let bad = 0;
for (const seed of cohortSeeds(5, 20)) {
  const chart = generateChart({ seed, refDate: '2026-06-30', admission: seed % 3 === 0 });
  const t0 = performance.now();
  const r = fromBundle(JSON.parse(JSON.stringify(toBundle(chart))));
  const ms = performance.now() - t0;
  for (const k of keys) if (!isDeepStrictEqual(JSON.parse(JSON.stringify(chart[k])), JSON.parse(JSON.stringify(r.chart[k])))) { bad++; console.log('diff', seed, k); }
  const docsSame = isDeepStrictEqual(chart.documents, r.chart.documents);
  console.log(seed, ms.toFixed(0), 'ms', 'docs same', docsSame, r.warnings, r.skipped.length, r.chart.meta.refDate === chart.meta.refDate, r.chart.unmapped?.length);
}
console.log('bad', bad);
const c = fromBundleText(readFileSync('/work/shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json','utf8')).chart;
for (const d of c.documents.slice(0, 3)) console.log(d.title, '\n', d.text.slice(0, 1500));
