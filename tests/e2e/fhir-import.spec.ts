import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { buildLargeBundle } from '../../bench/large-bundle';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CRIS = path.resolve(repoRoot, '../shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');
const ROLAND = path.resolve(repoRoot, '../shared/fixtures/fhir/synthea/Roland928_Nienow652_13b1a0f2-dceb-37a2-f32b-f0ca6e3b9925.json');
const BROKEN = path.resolve(repoRoot, 'tests/fixtures/fhir/bad/not-json.json');
const STU3 = path.resolve(repoRoot, 'tests/fixtures/fhir/bad/stu3-condition.json');

/** axe on the Import page itself (the app header belongs to other features and has its own checks). */
const axe = (page: Page) =>
  new AxeBuilder({ page }).include('.fhir-import').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();

/**
 * A Synthea patient grown to `mb` MB of observations and lab reports (thousands of them), as a
 * file on disk: the browser reads it as it would a user's file (a buffer would be copied into the
 * page by the test harness first, which itself stalls the page).
 */
function largeBundle(mb: number): { file: string; observations: number } {
  const large = buildLargeBundle(readFileSync(CRIS, 'utf8'), mb * 1024 * 1024);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'chartlab-e2e-import-')), `synthea-large-${mb}mb.json`);
  writeFileSync(file, large.text);
  return { file, observations: large.observations };
}

/**
 * Longest gap between animation frames while `during` runs: a page blocked by the import would
 * stop painting for the whole parse (hundreds of ms for a few MB).
 */
async function longestFrameGap(page: Page, during: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __gap: number; __stop: boolean };
    w.__gap = 0;
    w.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__gap = Math.max(w.__gap, now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await during();
  return page.evaluate(() => {
    const w = window as unknown as { __gap: number; __stop: boolean };
    w.__stop = true;
    return w.__gap;
  });
}

test('a Synthea bundle imports with progress and a summary, and opens in the chart viewer', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a FHIR record' })).toBeVisible();

  await page.getByLabel('FHIR file').setInputFiles(CRIS);
  const summary = page.getByRole('heading', { name: 'Imported Cris921 Rath779' });
  await expect(summary).toBeVisible({ timeout: 30_000 });
  const sections = page.getByRole('table', { name: 'Chart sections imported' });
  await expect(sections.getByRole('row', { name: /Immunizations 19/ })).toBeVisible();
  await expect(sections.getByRole('row', { name: /Lab results 10/ })).toBeVisible();
  await expect(page.getByText('Claim × 11')).toBeVisible();
  expect((await axe(page)).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/fhir-import-summary.png', fullPage: true });

  await page.getByRole('button', { name: 'Open in chart viewer' }).click();
  await expect(page).toHaveURL(/#\/chart$/);
  await expect(page.getByRole('heading', { level: 2, name: 'RATH779, Cris921' })).toBeVisible();
  await expect(page.getByText('Showing a chart imported from Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json')).toBeVisible();
  const tabs = page.getByRole('tablist', { name: 'Chart sections' });
  await tabs.getByRole('tab', { name: /^Immunizations/ }).click();
  await expect(page.getByRole('tabpanel').getByText(/varicella/i).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/fhir-import-chart-viewer.png', fullPage: false });
});

test('a several-MB bundle imports in a worker with a progress bar, without freezing the page, and its long lists stay usable', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const big = largeBundle(12);
  expect(big.observations).toBeGreaterThan(8_000);
  await page.goto('/#/import');
  await expect(page.getByLabel('FHIR file')).toBeVisible();

  const gap = await longestFrameGap(page, async () => {
    await page.getByLabel('FHIR file').setInputFiles(big.file);
    await expect(page.getByRole('progressbar')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Importing synthea-large-12mb\.json/ })).toBeVisible();
    await page.screenshot({ path: 'test-results/fhir-import-progress.png' });
    await expect(page.getByRole('heading', { name: 'Imported Cris921 Rath779' })).toBeVisible({ timeout: 60_000 });
  });
  // The parse and mapping (over a second for 12 MB) happen off the page's thread: frames keep coming.
  expect(gap).toBeLessThan(700);

  await page.getByRole('button', { name: 'Open in chart viewer' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'RATH779, Cris921' })).toBeVisible({ timeout: 30_000 });
  const tabs = page.getByRole('tablist', { name: 'Chart sections' });
  for (const name of ['Labs', 'Vitals', 'Encounters']) {
    const started = Date.now();
    await tabs.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
    await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2 }).first()).toBeVisible();
    expect(Date.now() - started, `${name} opens quickly`).toBeLessThan(3000);
  }
  await tabs.getByRole('tab', { name: /^Labs/ }).click();
  await page.screenshot({ path: 'test-results/fhir-import-large-labs.png' });
  // Thousands of panels come 50 at a time.
  await expect(page.getByRole('tabpanel').getByRole('heading', { level: 3 })).toHaveCount(50);
  await expect(page.getByText(/^Showing 50 of [\d,]+ panels\.$/)).toBeVisible();
  const more = page.getByRole('button', { name: 'Show 50 more' });
  await more.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/fhir-import-large-labs-more.png' });
  await more.click();
  await expect(page.getByRole('tabpanel').getByRole('heading', { level: 3 })).toHaveCount(100);
});

test('an import can be cancelled, and changes nothing', async ({ page }) => {
  await page.goto('/#/chart?seed=42');
  await expect(page.getByRole('status').filter({ hasText: 'Showing seed 42' })).toBeVisible({ timeout: 30_000 });
  const patient = await page.getByRole('heading', { level: 2 }).first().textContent();
  await page.goto('/#/import');
  await page.getByLabel('FHIR file').setInputFiles(largeBundle(30).file);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The import of synthea-large-30mb.json was cancelled. Nothing was changed.' })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart viewer' }).click();
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(patient ?? '');
});

test('a broken file shows what is wrong and imports nothing', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/#/import');
  await page.getByLabel('FHIR file').setInputFiles(BROKEN);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('not-json.json was not imported.');
  await expect(alert).toContainText('This file is not JSON, so it cannot be FHIR');
  await expect(alert).toContainText('(line 5, column 60)');
  await expect(page.getByRole('button', { name: 'Open in chart viewer' })).toHaveCount(0);

  await page.getByLabel('FHIR file').setInputFiles(STU3);
  await expect(alert).toContainText('This looks like FHIR STU3 (3.0), not FHIR R4');
  expect((await axe(page)).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/fhir-import-error.png', fullPage: true });

  // Nothing changed: the chart viewer has no chart.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart viewer' }).click();
  await expect(page.getByRole('heading', { name: 'No chart open' })).toBeVisible();
});

/** Both Synthea patients in one collection bundle, as a file on disk. */
function twoPatientFile(): string {
  const entries = [CRIS, ROLAND].flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as { entry: unknown[] }).entry);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'chartlab-e2e-two-')), 'two-patients.json');
  writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries }));
  return file;
}

test('a file with several patients lists them; the learner picks the second by keyboard, and the choice survives going back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/#/import');
  await page.getByLabel('FHIR file').setInputFiles(twoPatientFile());
  const heading = page.getByRole('heading', { name: 'Choose a patient' });
  await expect(heading).toBeFocused({ timeout: 30_000 });
  const group = page.getByRole('group', { name: 'Patients in two-patients.json' });
  await expect(group.getByRole('row', { name: /Cris921 Rath779 02\/22\/2006 Female .*79 \(Immunization 19, Observation 16, Claim 11/ })).toBeVisible();
  await expect(group.getByRole('row', { name: /Roland928 Nienow652 08\/06\/2009 Male .*58 \(Immunization 19/ })).toBeVisible();
  await expect(group.getByRole('radio', { name: 'Cris921 Rath779' })).toBeChecked();
  expect((await axe(page)).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/fhir-import-patient-picker.png', fullPage: true });

  // Keyboard only: into the group, down to the second patient, on to the button.
  await page.keyboard.press('Tab');
  await expect(group.getByRole('radio', { name: 'Cris921 Rath779' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(group.getByRole('radio', { name: 'Roland928 Nienow652' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Import this patient' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Imported Roland928 Nienow652' })).toBeFocused({ timeout: 30_000 });
  await expect(page.getByText(/From two-patients\.json \(collection\), one of 2 patients/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Chart sections imported' }).getByRole('row', { name: /Encounters 13/ })).toBeVisible();
  expect((await axe(page)).violations).toEqual([]);

  await page.getByRole('button', { name: 'Open in chart viewer' }).click();
  const banner = page.getByRole('region', { name: 'NIENOW652, Roland928' });
  await expect(banner).toBeVisible();
  await expect(banner.getByText(/^Chart as of/)).toHaveText('Chart as of 08/20/2020 · Imported from two-patients.json');

  // Back: the summary of the chosen patient, and the list with the choice kept.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Imported Roland928 Nienow652' })).toBeVisible();
  await page.getByRole('button', { name: 'Choose another patient' }).click();
  await expect(page.getByRole('radio', { name: 'Roland928 Nienow652' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Cris921 Rath779' })).not.toBeChecked();
});

interface RecordingKey {
  answers: { immunizations: Record<string, string>[]; vitals: Record<string, string>[]; problems: Record<string, string>[] };
}

test('a scenario on an imported chart opens from the library, imports its bundle with progress, and is submitted and scored', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  // Hold the bundle back a moment so the import's progress can be seen.
  let bundleRequests = 0;
  await page.route(/\/assets\/synthea-cris-rath-[\w-]+\.json$/, async (route) => {
    bundleRequests++;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });

  await page.goto('/#/exercises');
  const card = page.getByRole('article', { name: 'Abstract a Synthea teenager’s immunizations and vitals' });
  await expect(card.getByText('Imported chart')).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText('Imported from FHIR (synthea-cris-rath.json)');
  // The library itself does not download the bundle.
  expect(bundleRequests).toBe(0);
  await card.getByRole('link', { name: /^Start / }).click();

  await expect(page.getByRole('status').filter({ hasText: /^Importing the chart bundles\/synthea-cris-rath\.json/ })).toBeVisible();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.screenshot({ path: 'test-results/bundle-scenario-importing.png' });
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  expect(bundleRequests).toBe(1);
  await expect(page.getByText(/Recording · Intro · Imported chart synthea-cris-rath\.json · Seed 1/)).toBeVisible();
  await expect(page.getByText('Registration / intake form').first()).toBeVisible();

  // Enter the answer key the CLI derives from the same bundle.
  const key = JSON.parse(
    execFileSync(process.execPath, ['bin/chartlab.mjs', 'scenario', 'key', 'synthea-immunization-abstraction'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }),
  ) as RecordingKey;
  const sections = [
    { tab: 'Immunizations', noun: 'immunization', rows: key.answers.immunizations, fields: [['vaccine', 'Vaccine'], ['date', 'Date given']] },
    { tab: 'Vital signs', noun: 'vital sign', rows: key.answers.vitals, fields: [['vital', 'Vital sign'], ['value', 'Value'], ['unit', 'Unit'], ['date', 'Date']] },
    { tab: 'Problems', noun: 'problem', rows: key.answers.problems, fields: [['problem', 'Problem'], ['onset', 'Onset'], ['status', 'Status']] },
  ] as const;
  for (const section of sections) {
    await page.getByRole('tab', { name: new RegExp(`^${section.tab}`) }).click();
    for (const [index, row] of section.rows.entries()) {
      await page.getByRole('button', { name: `Add ${section.noun}` }).click();
      const group = page.getByRole('group', { name: `${section.noun.charAt(0).toUpperCase()}${section.noun.slice(1)} ${index + 1}` });
      for (const [name, label] of section.fields) await group.getByLabel(label, { exact: true }).fill(row[name] ?? '');
    }
    await expect(page.getByRole('tab', { name: new RegExp(`^${section.tab}`) })).toContainText(String(section.rows.length));
  }
  await page.screenshot({ path: 'test-results/bundle-scenario-workspace.png' });

  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit for scoring' }).click();
  const report = page.getByRole('region', { name: 'Score report' });
  await expect(report.getByRole('heading', { name: 'Score report' })).toBeFocused();
  await expect(report.getByRole('img', { name: 'Score 100%, pass mark 80%' })).toBeVisible();
  await page.screenshot({ path: 'test-results/bundle-scenario-report.png' });

  // Everything came from the app's own origin: nothing else was asked for.
  const own = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(own) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
});
