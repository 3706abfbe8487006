import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { strFromU8 } from 'fflate';
import { expect, test } from '@playwright/test';
import { cliKey, flag, repoRoot, submit } from './audit-helpers';
import { scormCalls, startStubLms, unpackZip, type StubLms } from './scorm-lms';

/**
 * An instructor with no terminal: create an assignment in the instructor UI, click "Download
 * SCORM 1.2 package" (the player comes from the app's own build, packed in the browser), and the
 * package runs in an LMS frame and reports the learner's score through the SCORM 1.2 API.
 */

const SHIPPED = 'lab-data-quality';
const IMSCP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';

let lms: StubLms | undefined;
test.afterEach(async () => {
  await lms?.close();
  lms = undefined;
});

test('an instructor downloads an assignment as a SCORM 1.2 package from the app, and it reports the score to an LMS', async ({ page }) => {
  test.slow();
  const key = cliKey(SHIPPED);
  await page.setViewportSize({ width: 1440, height: 1000 });

  // --- Instructor: a one-item assignment ---------------------------------------------------------
  await page.goto('/#/instructor/assignments');
  const builder = page.locator('form', { has: page.getByRole('heading', { name: 'New assignment' }) });
  await expect(builder).toBeVisible({ timeout: 30_000 });
  await builder.getByLabel('Title').fill('Week 4: lab audit');
  await builder.getByLabel('Scenario 1', { exact: true }).selectOption(SHIPPED);
  await expect(builder.getByLabel('Seed 1')).toHaveValue(String(key.seed));
  await builder.getByRole('button', { name: 'Create assignment' }).click();
  await expect(page.getByText(/Created “Week 4: lab audit”/)).toBeVisible();
  const card = page.getByRole('article', { name: 'Week 4: lab audit' });
  const download = card.getByRole('button', { name: 'Download SCORM 1.2 package' });

  // The server going away is said plainly, and nothing is downloaded.
  await page.route('**/scorm-player/files.json', (route) => route.abort('internetdisconnected'));
  await download.click();
  await expect(card.getByRole('alert')).toContainText('Could not reach the server ChartLab is served from to fetch the SCORM player');
  const audit = await new AxeBuilder({ page }).include('.assignment-card').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(audit.violations).toEqual([]);
  await page.unroute('**/scorm-player/files.json');

  // The package, made in the browser from the app's own files.
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toBe('week-4-lab-audit.scorm12.zip');
  await expect(card.getByRole('status')).toContainText(/Downloaded week-4-lab-audit\.scorm12\.zip \([\d.]+ (kB|MB)\)/);
  await expect(card.getByRole('alert')).toHaveCount(0);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:'))).toEqual([]);
  await card.screenshot({ path: 'test-results/scorm-download.png' });

  const dir = mkdtempSync(join(tmpdir(), 'chartlab-scorm-ui-'));
  const zipPath = join(dir, file.suggestedFilename());
  await file.saveAs(zipPath);
  const files = unpackZip(new Uint8Array(readFileSync(zipPath)), join(dir, 'pkg'));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['imsmanifest.xml', 'index.html', 'assignment.js']));

  // imsmanifest.xml, read by the browser's XML parser: one SCO that names every other file.
  const manifest = await page.evaluate(
    ({ xml, imscp, adlcp }) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const resource = doc.getElementsByTagNameNS(imscp, 'resource')[0];
      return {
        wellFormed: doc.getElementsByTagName('parsererror').length === 0,
        root: doc.documentElement.namespaceURI,
        version: doc.getElementsByTagNameNS(imscp, 'schemaversion')[0]?.textContent,
        title: doc.getElementsByTagNameNS(imscp, 'title')[0]?.textContent,
        mastery: doc.getElementsByTagNameNS(adlcp, 'masteryscore')[0]?.textContent,
        scormType: resource?.getAttributeNS(adlcp, 'scormtype'),
        launch: resource?.getAttribute('href'),
        files: Array.from(resource?.getElementsByTagNameNS(imscp, 'file') ?? [], (f) => f.getAttribute('href')),
      };
    },
    { xml: strFromU8(files['imsmanifest.xml'] as Uint8Array), imscp: IMSCP, adlcp: ADLCP },
  );
  expect(manifest).toMatchObject({ wellFormed: true, root: IMSCP, version: '1.2', title: 'Week 4: lab audit', mastery: '70', scormType: 'sco', launch: 'index.html' });
  expect([...manifest.files].sort()).toEqual(Object.keys(files).filter((f) => f !== 'imsmanifest.xml').sort());

  // --- Learner, in an LMS frame with a SCORM 1.2 API stub ------------------------------------------
  lms = await startStubLms(join(dir, 'pkg'));
  await page.goto(`${lms.base}/lms.html`);
  const frame = page.frame({ name: 'sco' });
  if (!frame) throw new Error('no SCO frame');
  await expect(frame.getByRole('heading', { name: 'Week 4: lab audit' })).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByText('Connected to your LMS as Lopez, Maria')).toBeVisible();
  await frame.getByRole('link', { name: 'Start: Laboratory data quality' }).click();
  await expect(frame.getByRole('region', { name: /^Findings/ })).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByText(`Seed ${key.seed}`, { exact: false }).first()).toBeVisible();
  for (const finding of key.answers.findings) await flag(frame, finding);
  await submit(frame);
  await expect(frame.getByRole('img', { name: /^Score 100%/ })).toBeVisible();
  await frame.getByRole('link', { name: /The assignment/ }).click();
  await expect(frame.getByText(/Score so far: 100% \(passed\)/)).toBeVisible();
  await frame.getByRole('button', { name: 'Finish and send my score' }).click();
  await expect(frame.getByText(/Finished: your score was sent/)).toBeVisible();
  await page.screenshot({ path: 'test-results/scorm-download-lms.png', fullPage: false });

  const calls = await scormCalls(page);
  const names = calls.map((c) => c[0]);
  expect(names[0]).toBe('LMSInitialize');
  expect(names.at(-1)).toBe('LMSFinish');
  const last = (element: string) => calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === element).at(-1)?.[2];
  expect(last('cmi.core.score.raw')).toBe('100');
  expect(last('cmi.core.lesson_status')).toBe('passed');
  expect(last('cmi.core.session_time')).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
});

const ON_BUNDLE = 'synthea-chart-audit';
const BUNDLE_ENTRY = 'scenarios/bundles/synthea-cris-rath.json';

test('a package for a scenario on an imported Synthea chart carries the bundle, and the player imports it from the package and reports the score', async ({ page }) => {
  test.slow();
  const key = cliKey(ON_BUNDLE);
  await page.setViewportSize({ width: 1440, height: 1000 });

  // --- Instructor: a one-item assignment on the imported chart ------------------------------------
  await page.goto('/#/instructor/assignments');
  const builder = page.locator('form', { has: page.getByRole('heading', { name: 'New assignment' }) });
  await expect(builder).toBeVisible({ timeout: 30_000 });
  await builder.getByLabel('Title').fill('Week 5: Synthea audit');
  await builder.getByLabel('Scenario 1', { exact: true }).selectOption(ON_BUNDLE);
  await expect(builder.getByLabel('Seed 1')).toHaveValue(String(key.seed));
  await builder.getByRole('button', { name: 'Create assignment' }).click();
  const card = page.getByRole('article', { name: 'Week 5: Synthea audit' });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const [file] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download SCORM 1.2 package' }).click()]);
  await expect(card.getByRole('status')).toContainText('Downloaded week-5-synthea-audit.scorm12.zip');
  await expect(card.getByRole('alert')).toHaveCount(0);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:'))).toEqual([]);

  const dir = mkdtempSync(join(tmpdir(), 'chartlab-scorm-fhir-'));
  const zipPath = join(dir, file.suggestedFilename());
  await file.saveAs(zipPath);
  const pkg = join(dir, 'pkg');
  const files = unpackZip(new Uint8Array(readFileSync(zipPath)), pkg);
  // The bundle as shipped, byte for byte, and named in the manifest like every other file.
  expect(files[BUNDLE_ENTRY]).toEqual(new Uint8Array(readFileSync(join(repoRoot, BUNDLE_ENTRY))));
  expect(strFromU8(files['imsmanifest.xml'] as Uint8Array)).toContain(`<file href="${BUNDLE_ENTRY}"/>`);

  // --- Learner, in an LMS frame: the chart is imported from the package, in the import worker ------
  lms = await startStubLms(pkg);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const lmsRequests: string[] = [];
  page.on('request', (request) => lmsRequests.push(request.url()));
  await page.goto(`${lms.base}/lms.html`);
  const frame = page.frame({ name: 'sco' });
  if (!frame) throw new Error('no SCO frame');
  await expect(frame.getByRole('heading', { name: 'Week 5: Synthea audit' })).toBeVisible({ timeout: 30_000 });
  await frame.getByRole('link', { name: 'Start: Audit an imported Synthea chart' }).click();
  await expect(frame.getByRole('region', { name: /^Findings/ })).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByText('Imported chart synthea-cris-rath.json', { exact: false }).first()).toBeVisible();
  expect(lmsRequests).toContain(`${lms.base}/pkg/${BUNDLE_ENTRY}`);
  expect(lmsRequests.filter((url) => !url.startsWith(lms!.base))).toEqual([]);
  expect(workers.some((url) => url.startsWith(`${lms!.base}/pkg/assets/`))).toBe(true);
  for (const finding of key.answers.findings) await flag(frame, finding);
  await submit(frame);
  await expect(frame.getByRole('img', { name: /^Score 100%/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/scorm-fhir-lms.png', fullPage: false });
  await frame.getByRole('link', { name: /The assignment/ }).click();
  await expect(frame.getByText(/Score so far: 100% \(passed\)/)).toBeVisible();
  await frame.getByRole('button', { name: 'Finish and send my score' }).click();
  await expect(frame.getByText(/Finished: your score was sent/)).toBeVisible();
  const calls = await scormCalls(page);
  const last = (element: string) => calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === element).at(-1)?.[2];
  expect(last('cmi.core.score.raw')).toBe('100');
  expect(last('cmi.core.lesson_status')).toBe('passed');
  expect(calls.at(-1)?.[0]).toBe('LMSFinish');

  // A package that lost its chart file says so in the player, naming the file.
  rmSync(join(pkg, BUNDLE_ENTRY));
  await page.goto(`${lms.base}/lms.html`);
  const again = page.frame({ name: 'sco' });
  if (!again) throw new Error('no SCO frame');
  await again.getByRole('link', { name: 'Start: Audit an imported Synthea chart' }).click();
  await expect(again.getByRole('alert')).toContainText(
    'This exercise uses the imported chart bundles/synthea-cris-rath.json, but the file is missing from this SCORM package (scenarios/bundles/synthea-cris-rath.json).',
    { timeout: 30_000 },
  );
  await page.screenshot({ path: 'test-results/scorm-fhir-missing.png', fullPage: false });
});
