import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { AllergyIntolerance, Bundle, Patient } from '@medplum/fhirtypes';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const NO_KNOWN_ALLERGY = '716186003';

interface CliPatient {
  mrn: string;
  name: string;
  substances: string[];
  noKnownAllergies: boolean;
}

/** Run the CLI the way a user would and read back the one bundle it writes (the CLI contract). */
function generateWithCli(seed: number): CliPatient {
  const out = mkdtempSync(path.join(tmpdir(), 'chartlab-e2e-'));
  try {
    execFileSync(process.execPath, ['bin/chartlab.mjs', 'generate', '--seed', String(seed), '--count', '1', '--out', out], {
      cwd: repoRoot,
      stdio: 'pipe',
      timeout: 60_000,
    });
    const files = readdirSync(out).filter((f) => f.endsWith('.json'));
    expect(files, 'the CLI writes exactly one <patient-id>.json').toHaveLength(1);
    const bundle = JSON.parse(readFileSync(path.join(out, files[0] as string), 'utf8')) as Bundle;
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    const resources = (bundle.entry ?? []).map((e) => e.resource);
    const patient = resources.find((r): r is Patient => r?.resourceType === 'Patient');
    if (!patient) throw new Error('The bundle has no Patient');
    expect(files[0]).toBe(`${patient.id}.json`);
    const mrn = patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value;
    if (!mrn) throw new Error('The Patient has no MR identifier');
    const allergies = resources.filter((r): r is AllergyIntolerance => r?.resourceType === 'AllergyIntolerance');
    const isNka = (a: AllergyIntolerance) => a.code?.coding?.some((c) => c.code === NO_KNOWN_ALLERGY) ?? false;
    const official = patient.name?.[0];
    return {
      mrn,
      name: [official?.family?.toUpperCase(), official?.given?.join(' ')].filter(Boolean).join(', '),
      substances: allergies
        .filter((a) => !isNka(a))
        .map((a) => a.code?.text ?? a.code?.coding?.[0]?.display ?? '')
        .sort(),
      noKnownAllergies: allergies.some(isNka),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function openSeed(page: Page, seed: number) {
  await page.goto('/');
  await page.getByLabel('Seed').fill(String(seed));
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Showing seed ${seed}` })).toBeVisible({ timeout: 30_000 });
}

test('the banner shows the MRN and allergies the CLI wrote for seed 42', async ({ page }) => {
  const cli = generateWithCli(42);
  await openSeed(page, 42);

  const banner = page.getByRole('region', { name: cli.name });
  await expect(banner).toBeVisible();
  await expect(banner.getByText(cli.mrn, { exact: true })).toBeVisible();

  const allergies = banner.getByRole('list', { name: 'Allergies' });
  if (cli.noKnownAllergies) {
    await expect(allergies.getByRole('button', { name: /^NKA/ })).toBeVisible();
  }
  const shown = (await allergies.locator('.allergy-badge__substance').allTextContents()).map((s) => s.trim()).sort();
  expect(shown).toEqual(cli.substances);
  await expect(page).toHaveURL(/#\/chart\?seed=42$/);
});

test('the chart view passes axe on its main sections, and looks right', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/#/chart?seed=42');
  await expect(page.getByRole('status').filter({ hasText: 'Showing seed 42' })).toBeVisible({ timeout: 30_000 });

  const axe = () => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const tabs = page.getByRole('tablist', { name: 'Chart sections' });
  for (const name of ['Summary', 'Problems', 'Medications', 'Allergies', 'Immunizations', 'Vitals', 'Labs', 'Encounters', 'History', 'Documents']) {
    await tabs.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
    await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2 }).first()).toBeVisible();
    const results = await axe();
    expect(results.violations.map((v) => `${name}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
  }

  // Pick an allergy in the banner: the documents pane reports its evidence (or that there is none).
  await tabs.getByRole('tab', { name: /^Summary/ }).click();
  await page.getByRole('list', { name: 'Allergies' }).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: /Source documents/ }).getByText(/Highlighted|No evidence found/)).toBeVisible();
  expect((await axe()).violations).toEqual([]);

  await tabs.getByRole('tab', { name: /^Vitals/ }).click();
  await page.screenshot({ path: 'test-results/chart-viewer-vitals.png', fullPage: false });
  await tabs.getByRole('tab', { name: /^Labs/ }).click();
  await page.screenshot({ path: 'test-results/chart-viewer-labs.png', fullPage: false });
  await tabs.getByRole('tab', { name: /^Summary/ }).click();
  await page.screenshot({ path: 'test-results/chart-viewer.png', fullPage: true });
});

test('the chart reflows to one column on a phone without axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#/chart?seed=42');
  await expect(page.getByRole('status').filter({ hasText: 'Showing seed 42' })).toBeVisible({ timeout: 30_000 });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/chart-viewer-narrow.png', fullPage: false });
});
