import { readFileSync } from 'node:fs';
import { loadScenario } from '@/domain/scenario/load-scenario';
import { buildExercise, keyAnswers, scoreAnswers } from '@/domain/exercise/build-exercise';
import { fromBundleText } from '@/domain/fhir/from-bundle';
const r = loadScenario('synthea-chart-audit.json', readFileSync('tests/fixtures/fhir/scenarios/synthea-chart-audit.json', 'utf8'));
if (!r.ok) throw new Error();
const chart = fromBundleText(readFileSync('/work/shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json','utf8')).chart;
for (const seed of [11,12,13,14,15]) {
const ex = buildExercise(r.scenario, seed, { chart });
if (ex.kind !== 'validation') throw new Error();
const rep = scoreAnswers(ex, keyAnswers(ex));
console.log(seed, rep.score, ex.errors.map(e => [e.type, JSON.stringify(e.target), e.correction]));
for (const i of rep.items.filter((i: any) => i.verdict !== "correct")) { const { evidence, whyItMatters, ...rest } = i as any; console.log(JSON.stringify(rest)); }
}
