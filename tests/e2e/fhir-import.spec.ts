import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { buildLargeBundle } from '../../bench/large-bundle';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CRIS = path.resolve(repoRoot, '../shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');
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
