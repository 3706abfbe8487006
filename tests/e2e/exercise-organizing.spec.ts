import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * The organizing exercises end to end: answer a filing and an MPI exercise in the app from the
 * CLI's answer key, with one deliberate mistake each, submit, and read the score and the
 * explanation of the mistake; axe checks both workspaces before and after submission.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface FilingKey {
  seed: number;
  answers: { kind: 'filing'; placements: { documentId: string; patientId: string; section: string; position: number }[] };
}

interface MpiKey {
  seed: number;
  answers: { kind: 'mpi'; groups: { recordIds: string[]; survivorId: string }[] };
}

/** The answer key as the CLI prints it (`chartlab scenario key <id>`): the submission format. */
function cliKey<T>(scenarioId: string): T {
  const out = execFileSync(process.execPath, ['bin/chartlab.mjs', 'scenario', 'key', scenarioId], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out) as T;
}

const SECTION_LABELS: Record<string, string> = {
  registration: 'Registration',
  'history-physical': 'History and physical',
  'progress-notes': 'Progress notes',
  'discharge-summary': 'Discharge summary',
  laboratory: 'Laboratory',
  medications: 'Medications',
  immunizations: 'Immunizations',
};

/** A full-page screenshot from the top, so the sticky exercise bar sits where it belongs. */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

const axe = (page: Page, scope: string) =>
  new AxeBuilder({ page }).include(scope).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();

async function submit(page: Page) {
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Submit for scoring' }).click();
  await expect(page.getByRole('heading', { name: 'Score report' })).toBeFocused();
}

/**
 * The score the report shows, as a percent: read from its "N of M points" line, and the same
 * percentage must be on screen too (the report's exact markup is the session's business).
 */
async function shownScore(page: Page): Promise<number> {
  const report = page.getByRole('region', { name: 'Score report' });
  const text = (await report.innerText()).replace(/\s+/g, ' ');
  const match = /(\d+(?:\.\d+)?) of (\d+(?:\.\d+)?) points/.exec(text);
  expect(match, `"N of M points" in the report`).not.toBeNull();
  const score = (Number(match?.[1]) / Number(match?.[2])) * 100;
  expect(text).toContain(`${Math.floor(score + 1e-9)}%`);
  return score;
}

async function reviewAnswers(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Your answers with feedback' }).click();
  return page.getByRole('tabpanel', { name: 'Your answers with feedback' });
}

test('files loose documents from the answer key with one section wrong, and the report explains it', async ({ page }) => {
  const key = cliKey<FilingKey>('file-loose-documents-intro');
  await page.goto('/#/exercise/file-loose-documents-intro');
  await expect(page.getByRole('heading', { name: /Loose documents/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.exercise-bar__meta')).toContainText(`Seed ${key.seed}`);

  // File each patient's documents oldest first, so each lands in its key position.
  const placements = [...key.answers.placements].sort((a, b) => a.patientId.localeCompare(b.patientId) || a.position - b.position);
  const mistake = placements[0];
  if (!mistake) throw new Error('the key files no document');
  const wrongSection = mistake.section === 'laboratory' ? 'medications' : 'laboratory';
  const total = placements.length;

  for (const [i, p] of placements.entries()) {
    await page.locator(`.pile-card[data-document-id="${p.documentId}"] button`).click();
    await page.locator(`input[type="radio"][value="${p.patientId}"]`).check();
    await page.getByLabel('Chart section').selectOption(p === mistake ? wrongSection : p.section);
    await page.getByRole('button', { name: 'File document' }).click();
    await expect(page.locator(".filing__progress")).toHaveText(`${i + 1} of ${total} filed`);
  }
  await expect(page.getByText('All documents are filed.')).toBeVisible();

  // Reorder down and back up from the keyboard; focus stays with the moved document.
  const firstFiled = page.locator(`.filed-doc[data-document-id="${placements[0]?.documentId}"]`);
  await firstFiled.getByRole('button', { name: /^Down:/ }).focus();
  await page.keyboard.press('Enter');
  await expect(firstFiled.locator('.filed-doc__position')).toHaveText('Position 2');
  await expect(firstFiled.getByRole('button', { name: /^Down:/ })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(firstFiled.getByRole('button', { name: /^Up:/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(firstFiled.locator('.filed-doc__position')).toHaveText('Position 1');
  // Up is disabled at the top, so focus moves on to Down of the same document.
  await expect(firstFiled.getByRole('button', { name: /^Down:/ })).toBeFocused();

  expect((await axe(page, '.filing')).violations).toEqual([]);
  await shoot(page, 'organizing-filing-workspace');

  await submit(page);
  const score = await shownScore(page);
  expect(score).toBeGreaterThan(0);
  expect(score).toBeLessThan(100);
  const report = page.getByRole('region', { name: 'Score report' });
  await expect(report).toContainText(`is filed under ${SECTION_LABELS[mistake.section]}`);
  await shoot(page, 'organizing-filing-report');

  const review = await reviewAnswers(page);
  const misfiled = review.locator(`.filed-doc[data-document-id="${mistake.documentId}"]`);
  await expect(misfiled).toContainText('Section');
  await expect(misfiled).toContainText('Wrong');
  await expect(misfiled).toContainText(`is filed under ${SECTION_LABELS[mistake.section]}`);
  await expect(review.getByRole('button', { name: 'File document' })).toHaveCount(0);
  await expect(review.getByRole('button', { name: /^Up:/ })).toHaveCount(0);
  await misfiled.getByRole('button', { name: /^Show evidence/ }).click();
  await expect(review.locator('.doc-text mark').first()).toBeVisible();
  expect((await axe(page, '.filing')).violations).toEqual([]);
  await shoot(page, 'organizing-filing-feedback');
});

test('links duplicate registrations from the answer key with one wrong survivor, and the report explains it', async ({ page }) => {
  const key = cliKey<MpiKey>('mpi-duplicates-intro');
  await page.goto('/#/exercise/mpi-duplicates-intro');
  await expect(page.getByRole('heading', { name: /Master patient index/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.exercise-bar__meta')).toContainText(`Seed ${key.seed}`);
  const groups = key.answers.groups;
  const mistaken = groups[groups.length - 1];
  if (!mistaken || groups.length < 2) throw new Error('the key has at least two groups');
  const wrongSurvivor = mistaken.recordIds.find((id) => id !== mistaken.survivorId) as string;

  const search = page.getByRole('searchbox', { name: 'Search the index' });
  for (const group of groups) {
    // Find each record by its id, as a technician searching the index would, and select it.
    for (const id of group.recordIds) {
      await search.fill(id);
      await page.getByRole('checkbox', { name: new RegExp(`^Select ${id},`) }).check();
    }
    await search.fill('');
    await expect(page.getByRole('table', { name: new RegExp(group.recordIds.join(' vs ')) })).toBeVisible();
    // The suggested survivor is the key's (earliest created).
    await expect(page.getByRole('radio', { name: new RegExp(`^${group.survivorId} `) })).toBeChecked();
    if (group === mistaken) await shoot(page, 'organizing-mpi-compare');
    await page.getByRole('button', { name: 'Link as same person' }).click();
  }
  // The deliberate mistake: change the last group's survivor to the later registration.
  const lastGroup = page.locator('.link-group').last();
  await lastGroup.getByLabel('Survivor').selectOption(wrongSurvivor);
  await expect(lastGroup.locator('.survivor-tag')).toHaveCount(1);
  await expect(lastGroup.getByRole('listitem').filter({ hasText: wrongSurvivor })).toContainText('Survivor');

  expect((await axe(page, '.mpi')).violations).toEqual([]);
  await shoot(page, 'organizing-mpi-workspace');

  await submit(page);
  const score = await shownScore(page);
  expect(score).toBeGreaterThan(0);
  expect(score).toBeLessThan(100);
  const report = page.getByRole('region', { name: 'Score report' });
  await expect(report).toContainText('Precision');
  await expect(report).toContainText('Recall');
  await expect(report).toContainText(`${mistaken.survivorId} was created`);
  await shoot(page, 'organizing-mpi-report');

  const review = await reviewAnswers(page);
  await expect(review.getByRole('button', { name: 'Link as same person' })).toHaveCount(0);
  await expect(review.getByRole('button', { name: /^Unlink/ })).toHaveCount(0);
  const wrongGroup = review.locator('.link-group').filter({ hasText: wrongSurvivor }).last();
  await expect(wrongGroup).toContainText('Partly right');
  await expect(wrongGroup).toContainText(`earliest-created registration survives`);
  await expect(wrongGroup).toContainText(`${mistaken.survivorId} was created`);
  await expect(review.getByText('Precision', { exact: true })).toBeVisible();
  expect((await axe(page, '.mpi')).violations).toEqual([]);
  await shoot(page, 'organizing-mpi-feedback');
});
