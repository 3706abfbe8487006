import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIO_DIR } from '@/cli/scenario-files';
import type { Chart } from '@/domain/chart/chart-types';
import { CRIS, FIXTURES, SYNTHEA } from './import-helpers';

const ROOT = resolve(__dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'chartlab-import-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `node bin/chartlab.mjs …` as a user would; a non-zero exit is returned, not thrown. */
function chartlab(...args: string[]): { status: number; stdout: string; stderr: string; ms: number } {
  const started = Date.now();
  try {
    const stdout = execFileSync(process.execPath, ['bin/chartlab.mjs', ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 });
    return { status: 0, stdout, stderr: '', ms: Date.now() - started };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr, ms: Date.now() - started };
  }
}

describe('chartlab import', () => {
  it('prints the counts per section, what was kept aside, and writes the chart with --out', () => {
    const out = join(tmp, 'cris.json');
    const run = chartlab('import', CRIS, '--out', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Imported Cris921 Rath779 \(Patient\/d4519c92-d241-b2b2-7360-291d60be699e\) from Cris921_Rath779_.*\.json \(batch\), reference date 2020-03-25/);
    expect(run.stdout).toMatch(/^ {2}Immunizations +19$/m);
    expect(run.stdout).toMatch(/^ {2}Lab results +10$/m);
    expect(run.stdout).toMatch(/^ {2}Claim +11 {2}Claim is not a chart section$/m);
    expect(run.stdout).toMatch(/Skipped \(not imported\)\n {2}none/);
    expect(run.stdout).toContain(`Wrote the chart to ${out}`);
    const chart = JSON.parse(readFileSync(out, 'utf8')) as Chart;
    expect(chart.patient.name?.[0]?.family).toBe('Rath779');
    expect(chart.immunizations).toHaveLength(19);
  });

  it('lists skipped resources with their reasons', () => {
    const run = chartlab('import', join(FIXTURES, 'bundles/multi-patient.json'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}Condition +1 {2}belongs to Patient\/second, not Patient\/first \(c-second\)$/m);
    const second = chartlab('import', join(FIXTURES, 'bundles/multi-patient.json'), '--patient', 'second');
    expect(second.stdout).toMatch(/^Imported Zofia Kowalski/);
  });

  const bad: [name: string, file: string, message: RegExp][] = [
    ['not JSON', 'bad/not-json.json', /This file is not JSON, so it cannot be FHIR: .*\(line 5, column 60\)/],
    ['JSON but not FHIR', 'bad/not-fhir.json', /This is JSON but not FHIR: it has no resourceType/],
    ['STU3', 'bad/stu3-condition.json', /This looks like FHIR STU3 \(3\.0\), not FHIR R4/],
    ['DSTU2', 'bad/dstu2-medication-order.json', /This looks like FHIR DSTU2 \(1\.0\), not FHIR R4/],
    ['an impossible date', 'bad/impossible-date.json', /onsetDateTime "2021-02-30" is not a calendar date/],
    ['a code outside a required binding', 'bad/bad-gender.json', /gender "unknown-x" is not allowed/],
    ['a dangling patient reference', 'bad/dangling-patient.json', /AllergyIntolerance\/dp-a patient "Patient\/nobody-here" points to nothing in the file/],
    ['no patient', `${SYNTHEA}/hospitalInformation1603148702656.json`, /There is no Patient in this file \(it holds 17 Organization\)/],
  ];
  for (const [name, file, message] of bad) {
    it(`exits 1 with a clear message for ${name}`, () => {
      const run = chartlab('import', file.startsWith('/') ? file : join(FIXTURES, file));
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^chartlab import: /);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    });
  }

  it('refuses a 100 MB file by its size, without reading it', () => {
    const big = join(tmp, 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    const help = chartlab('import', '--help');
    const run = chartlab('import', big);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`chartlab import: ${big}: The file is 100.0 MB; ChartLab imports files up to 50.0 MB. Export one patient per file and import that.\n`);
    // No slower than starting the CLI at all, give or take: the file is never parsed.
    expect(run.ms).toBeLessThan(help.ms + 3000);
  });

  it('reports a missing file and a missing argument', () => {
    expect(chartlab('import', join(tmp, 'nope.json')).stderr).toMatch(/cannot read .*nope\.json: no such file/);
    const none = chartlab('import');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/import takes exactly one file/);
  });

  it('validates a scenario that names a bundle next to it', () => {
    const dir = join(tmp, 'scenarios');
    mkdirSync(join(dir, 'bundles'), { recursive: true });
    copyFileSync(CRIS, join(dir, 'bundles', 'synthea-cris-rath.json'));
    copyFileSync(join(SCENARIO_DIR, 'synthea-chart-audit.json'), join(dir, 'synthea-chart-audit.json'));
    const run = chartlab('scenario', 'validate', join(dir, 'synthea-chart-audit.json'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/valid scenario "synthea-chart-audit" \(validation, intermediate\)/);
    // Without its bundle beside it, the scenario is reported, naming the file it looked for.
    const lone = join(tmp, 'lone');
    mkdirSync(lone, { recursive: true });
    copyFileSync(join(SCENARIO_DIR, 'synthea-chart-audit.json'), join(lone, 'synthea-chart-audit.json'));
    const missing = chartlab('scenario', 'validate', join(lone, 'synthea-chart-audit.json'));
    expect(missing.stderr).toMatch(/names the bundle bundles\/synthea-cris-rath\.json, which cannot be imported .*lone\/bundles\/synthea-cris-rath\.json\): no such file/);
  });
});
