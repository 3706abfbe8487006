import { readFileSync } from 'node:fs';
import { fromBundleText } from '@/domain/fhir/from-bundle';
for (const f of process.argv.slice(2)) {
  const t0 = performance.now();
  try {
    const r = fromBundleText(readFileSync(f, 'utf8'), { fileName: f });
    console.log(f, (performance.now() - t0).toFixed(0), 'ms');
    console.log(r.summary.map((s) => `${s.label}: ${s.count}${s.detail ? ` (${s.detail})` : ''}`).join('\n'));
    console.log('skipped', r.skipped, 'unmapped', r.unmapped, 'ext', r.extensions, 'warnings', r.warnings, r.chart.meta);
  } catch (e) { console.log(f, (e as Error).name, (e as {kind?: string}).kind, (e as Error).message); }
}
