import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readAssignment, serializeAssignment } from '@/domain/instructor/assignment';
import { fetchPlayerFiles, fetchScenarioBundles, fetchScormPackage, PlayerFilesError } from '@/lms/fetch-player-files';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { buildPlayerFiles, playerAssets } from '@/lms/player/build-player';
import { PLAYER_DIR, PLAYER_FILE_LIST, playerFileList } from '@/lms/player-files';
import { main as scormCli, readPlayerDir, readScenarioBundles } from '@/lms/scorm-cli';
import { playerDataFor, ScormPackageError, scormPackageName } from '@/lms/scorm-package';
import { SCENARIO_BUNDLE_URLS } from '@/ui/app/scenario-bundles';
import { lookupShipped, syntheaAssignment } from '../domain/instructor/instructor-fixtures';

/**
 * The instructor UI packs SCORM packages in the browser from the player the app's build ships
 * (dist/scorm-player/); `npm run scorm` packs them in Node. Both must give the same package.
 */

const FIXTURE = join(__dirname, 'fixtures/lab-audit.assignment.json');
const HOST = 'https://chartlab.test/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** A static server over a folder, as `vite preview` serves dist/, as a fetch function. */
function serveFolder(root: string, requests: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(String(input), HOST);
    requests.push(url.pathname);
    try {
      const bytes = readFileSync(join(root, decodeURIComponent(url.pathname)));
      return new Response(bytes, { status: 200, headers: { 'Content-Type': TYPES[extname(url.pathname)] ?? 'application/octet-stream' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  }) as typeof fetch;
}

function writeTree(root: string, files: Record<string, Uint8Array>) {
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
}

let dist = '';
let built: Record<string, Uint8Array> = {};

beforeAll(async () => {
  // The real player, built as `vite build` builds it for the app, laid out as in dist/.
  built = await buildPlayerFiles();
  dist = mkdtempSync(join(tmpdir(), 'chartlab-dist-'));
  writeTree(dist, playerAssets(built));
  // The shipped bundles where the app's glob says they are (in vitest, their repository paths).
  const bundle = 'scenarios/bundles/synthea-cris-rath.json';
  writeTree(dist, { [bundle]: new Uint8Array(readFileSync(join(__dirname, '../..', bundle))) });
}, 120_000);

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the SCORM package made in the browser', () => {
  it('is the package npm run scorm makes: the same entries, manifest, assignment data and player bytes', async () => {
    const zipPath = join(dist, 'cli.zip');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await scormCli([FIXTURE, '--player-dir', join(dist, PLAYER_DIR), '--out', zipPath]);
    stderr.mockRestore();
    expect(code).toBe(0);
    const cli = unzipSync(new Uint8Array(readFileSync(zipPath)));

    const assignment = await readAssignment(readFileSync(FIXTURE, 'utf8'), DEFAULT_HASHING);
    const requests: string[] = [];
    const browser = await fetchScormPackage(assignment, lookupShipped, { playerBase: `${HOST}${PLAYER_DIR}/`, fetch: serveFolder(dist, requests) });
    const fromBrowser = unzipSync(browser.bytes);

    expect(Object.keys(fromBrowser).sort()).toEqual(Object.keys(cli).sort());
    expect(Object.keys(fromBrowser).sort()).toEqual(['assignment.js', 'imsmanifest.xml', ...Object.keys(built)].sort());
    for (const [path, bytes] of Object.entries(cli)) expect(fromBrowser[path], path).toEqual(bytes);
    const manifest = strFromU8(fromBrowser['imsmanifest.xml']!);
    for (const path of Object.keys(fromBrowser).filter((p) => p !== 'imsmanifest.xml')) expect(manifest).toContain(`<file href="${path}"/>`);
    expect(browser.fileName).toBe('lab-audit-scorm.scorm12.zip');
    // Only the app's own player folder was asked for: the list, then each file once.
    expect(requests).toEqual([`/${PLAYER_DIR}/${PLAYER_FILE_LIST}`, ...playerFileList(Object.keys(built)).files.map((f) => `/${PLAYER_DIR}/${f}`)]);
  });

  it('carries the chart file of scenarios on an imported chart, as npm run scorm does, fetched once from the app', async () => {
    const assignment = await syntheaAssignment();
    const file = join(dist, 'synthea.assignment.json');
    writeFileSync(file, serializeAssignment(assignment));
    const zipPath = join(dist, 'cli-synthea.zip');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await scormCli([file, '--player-dir', join(dist, PLAYER_DIR), '--out', zipPath]);
    stderr.mockRestore();
    expect(code).toBe(0);
    const cli = unzipSync(new Uint8Array(readFileSync(zipPath)));

    const requests: string[] = [];
    const browser = unzipSync(
      (await fetchScormPackage(assignment, lookupShipped, { playerBase: `${HOST}${PLAYER_DIR}/`, bundleUrls: SCENARIO_BUNDLE_URLS, fetch: serveFolder(dist, requests) })).bytes,
    );
    expect(Object.keys(browser).sort()).toEqual(Object.keys(cli).sort());
    for (const [path, bytes] of Object.entries(cli)) expect(browser[path], path).toEqual(bytes);
    expect(browser['scenarios/bundles/synthea-cris-rath.json']).toEqual(new Uint8Array(readFileSync(join(__dirname, '../../scenarios/bundles/synthea-cris-rath.json'))));
    expect(strFromU8(browser['imsmanifest.xml']!)).toContain('<file href="scenarios/bundles/synthea-cris-rath.json"/>');
    // Two scenarios on the one file: fetched once.
    expect(requests.filter((r) => r.endsWith('synthea-cris-rath.json'))).toEqual(['/scenarios/bundles/synthea-cris-rath.json']);
  });

  it('ships the built player without source maps, with a list naming every file', () => {
    const list = JSON.parse(readFileSync(join(dist, PLAYER_DIR, PLAYER_FILE_LIST), 'utf8')) as { format: string; files: string[] };
    expect(list.format).toBe('chartlab.scorm-player');
    expect(list.files).toContain('index.html');
    expect(list.files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(list.files.some((f) => f.endsWith('.map'))).toBe(false);
    expect(Object.keys(readPlayerDir(join(dist, PLAYER_DIR))).sort()).toEqual(list.files);
    // The player's page loads the assignment data the packager writes beside it.
    expect(strFromU8(built['index.html']!)).toContain('<script src="./assignment.js"></script>');
  });

  it('reports its progress file by file', async () => {
    const progress: string[] = [];
    await fetchPlayerFiles(`${HOST}${PLAYER_DIR}/`, { fetch: serveFolder(dist), onProgress: (done, total) => progress.push(`${done}/${total}`) });
    const total = Object.keys(built).length;
    expect(progress).toEqual(Array.from({ length: total + 1 }, (_, i) => `${i}/${total}`));
  });
});

describe('when the player cannot be fetched', () => {
  const base = `${HOST}${PLAYER_DIR}/`;
  const fail = async (fetchFn: typeof fetch) => {
    try {
      await fetchPlayerFiles(base, { fetch: fetchFn });
    } catch (error) {
      expect(error).toBeInstanceOf(PlayerFilesError);
      return (error as Error).message;
    }
    throw new Error('fetchPlayerFiles did not fail');
  };

  it('says the server cannot be reached when the request fails', async () => {
    const message = await fail((() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch);
    expect(message).toMatch(/^Could not reach the server ChartLab is served from to fetch the SCORM player \(Failed to fetch\)/);
  });

  it('says this copy has no player when the list is missing', async () => {
    const message = await fail((async () => new Response('Not found', { status: 404 })) as typeof fetch);
    expect(message).toMatch(/^This copy of ChartLab has no SCORM player \(scorm-player\/files\.json: HTTP 404\)\. .*npm run build/);
  });

  it('is not fooled by a single-page-app server answering with its index.html', async () => {
    const html = (async () => new Response('<!doctype html><title>ChartLab</title>', { status: 200, headers: { 'Content-Type': 'text/html' } })) as typeof fetch;
    expect(await fail(html)).toMatch(/is not a player file list/);
    const listThenHtml = (async (input: RequestInfo | URL) =>
      String(input).endsWith(PLAYER_FILE_LIST)
        ? Response.json(playerFileList(['index.html', 'assets/app.js']))
        : new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } })) as typeof fetch;
    expect(await fail(listThenHtml)).toMatch(/incomplete: assets\/app\.js is missing \(the server sent a web page instead\)/);
  });

  it('names a listed file that is missing, and refuses a list that leaves the package', async () => {
    const missing = (async (input: RequestInfo | URL) =>
      String(input).endsWith(PLAYER_FILE_LIST) ? Response.json(playerFileList(['index.html', 'assets/app.js'])) : new Response('Not found', { status: 404 })) as typeof fetch;
    expect(await fail(missing)).toMatch(/incomplete: assets\/app\.js is missing \(HTTP 404\)/);
    const escaping = (async () => Response.json({ format: 'chartlab.scorm-player', files: ['index.html', '../secret.txt'] })) as typeof fetch;
    expect(await fail(escaping)).toMatch(/is not a player file list/);
  });

  it('fetches nothing for an assignment it cannot pack', async () => {
    const assignment = await readAssignment(readFileSync(FIXTURE, 'utf8'), DEFAULT_HASHING);
    const fetchFn = vi.fn(serveFolder(dist));
    await expect(fetchScormPackage(assignment, () => undefined, { playerBase: base, fetch: fetchFn })).rejects.toThrow(ScormPackageError);
    expect(fetchFn).not.toHaveBeenCalled();
  });
});

describe('when a chart file cannot be had', () => {
  const base = `${HOST}${PLAYER_DIR}/`;

  it('names a bundle this copy does not ship, and fetches nothing', async () => {
    const fetchFn = vi.fn(serveFolder(dist));
    await expect(fetchScormPackage(await syntheaAssignment(), lookupShipped, { playerBase: base, bundleUrls: {}, fetch: fetchFn })).rejects.toThrow(
      new ScormPackageError('The chart file bundles/synthea-cris-rath.json (item 1, synthea-chart-audit) is not part of this copy of ChartLab, so it cannot go into the package.'),
    );
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('says the server did not give it: missing, a web page instead, or no connection', async () => {
    const data = playerDataFor(await syntheaAssignment(), lookupShipped);
    const urls = { '/scenarios/bundles/synthea-cris-rath.json': `${HOST}assets/synthea-cris-rath-abc.json` };
    const gone = (async () => new Response('Not found', { status: 404 })) as typeof fetch;
    await expect(fetchScenarioBundles(data, urls, gone)).rejects.toThrow(PlayerFilesError);
    await expect(fetchScenarioBundles(data, urls, gone)).rejects.toThrow(/^The chart file bundles\/synthea-cris-rath\.json could not be fetched for the package \(HTTP 404\)\. .*npm run build/);
    const html = (async () => new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } })) as typeof fetch;
    await expect(fetchScenarioBundles(data, urls, html)).rejects.toThrow(/could not be fetched for the package \(the server sent a web page instead\)/);
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(fetchScenarioBundles(data, urls, offline)).rejects.toThrow(
      'Could not reach the server ChartLab is served from to fetch the chart file bundles/synthea-cris-rath.json (Failed to fetch). Check the connection to it and try again.',
    );
  });

  it('npm run scorm names a bundle missing from scenarios/', async () => {
    const assignment = await syntheaAssignment();
    const empty = mkdtempSync(join(tmpdir(), 'chartlab-scenarios-'));
    expect(() => readScenarioBundles(playerDataFor(assignment, lookupShipped), empty)).toThrow(
      `the chart file bundles/synthea-cris-rath.json (item 1, synthea-chart-audit) cannot be read (${join(empty, 'bundles/synthea-cris-rath.json')}): no such file.`,
    );
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('npm run scorm with a built player', () => {
  it('tells what is wrong with a folder that is not a built player', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'chartlab-empty-'));
    const errors: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => errors.push(String(text)) > 0);
    const code = await scormCli([FIXTURE, '--player-dir', empty, '--out', join(empty, 'x.zip')]);
    stderr.mockRestore();
    expect(code).toBe(1);
    expect(errors.join('')).toContain(`${empty} has no files.json`);
    rmSync(empty, { recursive: true, force: true });
  });

  it('names packages after the assignment title', () => {
    expect(scormPackageName({ id: 'week-3-lab-audit-a1b2c3', title: 'Week 3: Lab audit (Section B)' })).toBe('week-3-lab-audit-section-b.scorm12.zip');
    expect(scormPackageName({ id: 'x1', title: '***' })).toBe('x1.scorm12.zip');
  });
});
