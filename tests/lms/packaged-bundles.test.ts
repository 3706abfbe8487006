import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importScenarioChart } from '@/domain/fhir/import-scenario';
import { packagedBundleUrls, packagedInputsLoader, runPlayerImport } from '@/lms/player/packaged-bundles';
import { playerDataFor } from '@/lms/scorm-package';
import { ScenarioBundleError } from '@/ui/features/fhir-import/scenario-inputs-loader';
import { lookupShipped, syntheaAssignment } from '../domain/instructor/instructor-fixtures';
import { inProcessImport } from '../ui/fhir-import/in-process-import';

/**
 * The SCORM player's loader for scenarios on an imported chart: the file comes from the package
 * (a URL relative to index.html) and is imported by the app's own code.
 */

const BUNDLE_FILE = join(__dirname, '../../scenarios/bundles/synthea-cris-rath.json');
const options = () => ({ signal: new AbortController().signal, onProgress: () => undefined });

/** The package as the LMS serves it: the bundle at its relative path, or nothing. */
function servePackage(files: Record<string, string>) {
  return vi.fn(async (url: string) => (url in files ? new Response(readFileSync(files[url]!), { status: 200 }) : new Response('Not found', { status: 404, statusText: 'Not Found' })));
}

describe('the SCORM player’s chart files', () => {
  it('are looked up inside the package, relative to the player', async () => {
    const data = playerDataFor(await syntheaAssignment(), lookupShipped);
    expect(packagedBundleUrls(data)).toEqual({ '/scenarios/bundles/synthea-cris-rath.json': './scenarios/bundles/synthea-cris-rath.json' });
  });

  it('import into the chart chartlab builds from the same file', async () => {
    const data = playerDataFor(await syntheaAssignment(), lookupShipped);
    const fetch = servePackage({ './scenarios/bundles/synthea-cris-rath.json': BUNDLE_FILE });
    const scenario = data.scenarios[0]!;
    const { chart } = await packagedInputsLoader(data, fetch, inProcessImport())(scenario, options());
    expect(fetch).toHaveBeenCalledWith('./scenarios/bundles/synthea-cris-rath.json', expect.anything());
    expect(chart).toEqual(importScenarioChart(scenario, readFileSync(BUNDLE_FILE, 'utf8')));
    // A scenario on generated charts asks for nothing.
    expect(await packagedInputsLoader(data, fetch, inProcessImport())(data.scenarios[1]!, options())).toEqual({});
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('import on the page, with progress, where there is no Worker', async () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const data = playerDataFor(await syntheaAssignment(), lookupShipped);
    const scenario = data.scenarios[2]!;
    const labels: string[] = [];
    const load = packagedInputsLoader(data, servePackage({ './scenarios/bundles/synthea-cris-rath.json': BUNDLE_FILE }), runPlayerImport);
    const { chart } = await load(scenario, { signal: new AbortController().signal, onProgress: (p) => labels.push(p.label) });
    expect(chart).toEqual(importScenarioChart(scenario, readFileSync(BUNDLE_FILE, 'utf8')));
    expect(labels).toEqual(expect.arrayContaining(['Downloading the file', 'Parsing JSON', 'Building the chart']));
  });

  it('missing from the package are named, with what the learner can do', async () => {
    const data = playerDataFor(await syntheaAssignment(), lookupShipped);
    const load = packagedInputsLoader(data, servePackage({}), inProcessImport());
    await expect(load(data.scenarios[0]!, options())).rejects.toThrow(
      new ScenarioBundleError(
        'This exercise uses the imported chart bundles/synthea-cris-rath.json, but the file is missing from this SCORM package (scenarios/bundles/synthea-cris-rath.json). Tell your instructor: the package needs to be made again and uploaded to the LMS.',
      ),
    );
  });
});
