import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIO_TITLE = 'Allergies and home medications from the intake form';

type Row = Record<string, string>;
interface KeySubmission {
  format: string;
  version: number;
  scenarioId: string;
  seed: number;
  answers: { kind: 'recording'; allergies: Row[]; medications: Row[] };
}

/** The answer key, from the CLI exactly as a user would ask for it. */
function cliKey(seed: number): KeySubmission {
  const out = execFileSync(process.execPath, ['bin/chartlab.mjs', 'scenario', 'key', 'allergy-intake-intro', '--seed', String(seed)], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as KeySubmission;
}

/** Field labels of the form, in the order of the answer fields. */
const FIELDS = {
  allergies: [
    ['substance', 'Substance'],
    ['reaction', 'Reaction'],
    ['severity', 'Severity'],
  ],
  medications: [
    ['drug', 'Drug'],
    ['dose', 'Dose'],
    ['route', 'Route'],
    ['frequency', 'Frequency'],
  ],
} as const;

const NOUN = { allergies: 'allergy', medications: 'medication' } as const;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Type the rows keyboard-first: Enter moves to the next field, and to a new row after the last one. */
async function fillSection(page: Page, section: keyof typeof FIELDS, rows: Row[]) {
  await page.getByRole('tab', { name: new RegExp(`^${section}`, 'i') }).click();
  if (rows.length === 0) return;
  await page.getByRole('button', { name: `Add ${NOUN[section]}` }).click();
  for (const [index, row] of rows.entries()) {
    const group = page.getByRole('group', { name: `${NOUN[section].charAt(0).toUpperCase()}${NOUN[section].slice(1)} ${index + 1}` });
    const fields = FIELDS[section];
    for (const [fieldIndex, [name, label]] of fields.entries()) {
      const input = group.getByLabel(label, { exact: true });
      await expect(input).toBeFocused();
      await page.keyboard.type(row[name] ?? '');
      const last = fieldIndex === fields.length - 1;
      if (!last || index < rows.length - 1) await input.press('Enter');
    }
  }
}

test('a learner records the intake form, submits with one mistake and sees it explained with its evidence', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });

  // The library.
  await page.goto('/#/exercises');
  await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ exercises$/ })).toBeVisible();
  expect(await axeViolations(page), 'library').toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-library.png', fullPage: false });

  // Open the scenario; the seed is in the link.
  const card = page.getByRole('article', { name: SCENARIO_TITLE });
  await card.getByRole('link', { name: new RegExp(`^Start ${SCENARIO_TITLE}`) }).click();
  await expect(page).toHaveURL(/#\/exercise\/allergy-intake-intro\?seed=\d+$/);
  const seed = Number(new URL(page.url()).hash.match(/seed=(\d+)/)?.[1]);
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: SCENARIO_TITLE })).toBeFocused();

  // The key from the CLI, with one field made wrong on purpose.
  const key = cliKey(seed);
  expect(key).toMatchObject({ format: 'chartlab.submission', version: 1, scenarioId: 'allergy-intake-intro', seed });
  const answers = structuredClone(key.answers);
  const allergyIndex = answers.allergies.findIndex((a) => a.severity);
  const allergy = answers.allergies[allergyIndex];
  let wrong: { section: string; row: string; label: string; field: string; expected: string; entered: string };
  if (allergy) {
    const entered = allergy.severity === 'mild' ? 'severe' : 'mild';
    wrong = { section: 'Allergies', row: `Allergy ${allergyIndex + 1}`, label: `Allergy: ${allergy.substance} — severity`, field: 'Severity', expected: allergy.severity as string, entered };
    allergy.severity = entered;
  } else {
    const medication = answers.medications[0] as Row;
    const entered = (medication.dose ?? '').replace(/^\d+(\.\d+)?/, (n) => String(Number(n) * 2));
    wrong = { section: 'Medications', row: 'Medication 1', label: `Medication: ${medication.drug} — dose`, field: 'Dose', expected: medication.dose as string, entered };
    medication.dose = entered;
  }
  // The report names an item as the chart does; the key may differ in case ("Penicillin G").
  const label = new RegExp(escape(wrong.label), 'i');

  await fillSection(page, 'allergies', answers.allergies);
  await fillSection(page, 'medications', answers.medications);
  await expect(page.getByRole('tab', { name: /^Allergies/ })).toContainText(String(answers.allergies.length));
  expect(await axeViolations(page), 'workspace').toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-workspace.png', fullPage: false });

  // Submit, confirm.
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('No section is empty and no field is blank.');
  expect(await axeViolations(page), 'confirm dialog').toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-submit-dialog.png', fullPage: false });
  await dialog.getByRole('button', { name: 'Submit for scoring' }).click();

  // The score: above 0, below 100.
  const report = page.getByRole('region', { name: 'Score report' });
  await expect(report.getByRole('heading', { name: 'Score report' })).toBeFocused();
  const percentText = (await report.locator('.score-gauge__text').textContent()) ?? '';
  const percent = Number(percentText.replace('%', ''));
  expect(percent).toBeGreaterThan(0);
  expect(percent).toBeLessThan(100);
  await expect(report.getByRole('img', { name: `Score ${percent}%, pass mark 80%` })).toBeVisible();
  expect(await axeViolations(page), 'report').toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-report.png', fullPage: false });

  // Only what I missed: the wrong field, with what was expected.
  await report.getByRole('checkbox', { name: 'Only what I missed' }).check();
  const item = report.locator('.feedback-item').filter({ hasText: label });
  await expect(report.locator('.feedback-item')).toHaveCount(1);
  await expect(item.locator('.verdict-badge')).toHaveText('Wrong');
  await expect(item.getByRole('definition').first()).toHaveText(wrong.expected);
  await expect(item.getByRole('definition').nth(1)).toHaveText(wrong.entered);

  // Show evidence: the source document with the passage marked, scrolled into view.
  await item.getByRole('button', { name: new RegExp(`^Show evidence for ${label.source}`, 'i') }).click();
  const evidenceText = item.getByRole('region', { name: new RegExp(`^Evidence for ${label.source}: text of `, 'i') });
  const mark = evidenceText.locator('mark').first();
  await expect(mark).toBeVisible();
  await expect(mark).toBeInViewport();
  expect((await mark.textContent())?.toLowerCase()).toContain(wrong.expected.toLowerCase());
  expect(await axeViolations(page), 'report with evidence').toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-evidence.png', fullPage: false });

  // The answers, read-only with the verdict in place.
  await page.getByRole('tab', { name: 'Your answers with feedback' }).click();
  await page.getByRole('tab', { name: new RegExp(`^${wrong.section}`) }).click();
  const field = page.getByRole('group', { name: wrong.row }).getByLabel(wrong.field, { exact: true });
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).toHaveAccessibleDescription(new RegExp(`^Wrong.*Expected: ${escape(wrong.expected)}`));
  expect(await axeViolations(page), 'answers with feedback').toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-answers-feedback.png', fullPage: false });
});

test('the library and an exercise reflow to one column on a phone without axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#/exercises');
  await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible({ timeout: 30_000 });
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-library-narrow.png', fullPage: false });

  await page.goto('/#/exercise/allergy-intake-intro?seed=1101');
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Add allergy' }).click();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('heading', { name: 'Abstraction form' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/exercise-workspace-narrow.png', fullPage: false });
});
