import { readFileSync, writeFileSync } from 'node:fs';
import { buildLargeBundle } from '/work/main/bench/large-bundle';
import { fromBundleText } from '@/domain/fhir/from-bundle';
const b = buildLargeBundle(readFileSync('/work/shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json', 'utf8'), 5 * 1024 * 1024);
writeFileSync('/tmp/large-bundle.json', b.text);
console.log(b.text.length, b.observations, b.resources);
for (let i = 0; i < 3; i++) {
  const t: Record<string, number> = {}; const t0 = performance.now();
  const r = fromBundleText(b.text, { onProgress: (p) => { if (!(p.phase in t)) t[p.phase] = performance.now() - t0; } });
  console.log((performance.now() - t0).toFixed(0), 'ms', t, r.summary.filter(s => s.count).map(s => `${s.section}:${s.count}`).join(' '));
}
