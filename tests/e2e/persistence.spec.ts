import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';

/*
 * Persistence in a real browser with a real profile on disk: a learner's work survives a reload,
 * closing the browser, and an export → wipe → import round trip; two tabs on one exercise never
 * overwrite each other silently; an assignment item resumes the same way, as its own case. Each
 * test launches Chromium itself (launchPersistentContext) so the profile directory outlives one browser.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIO = 'allergy-intake-intro';
const TITLE = 'Allergies and home medications from the intake form';
const SEED = 1101;
const EXERCISE = `/#/exercise/${SCENARIO}?seed=${SEED}`;

type Row = Record<string, string>;

/** The answer key, from the CLI as a user would ask for it. */
function cliKey(): { allergies: Row[]; medications: Row[] } {
  const out = execFileSync(process.execPath, ['bin/chartlab.mjs', 'scenario', 'key', SCENARIO, '--seed', String(SEED)], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return (JSON.parse(out) as { answers: { allergies: Row[]; medications: Row[] } }).answers;
}

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
const NOUN = { allergies: 'Allergy', medications: 'Medication' } as const;

async function fillSection(page: Page, section: keyof typeof FIELDS, rows: Row[]) {
  await page.getByRole('tab', { name: new RegExp(`^${section}`, 'i') }).click();
  for (const [index, row] of rows.entries()) {
    await page.getByRole('button', { name: `Add ${NOUN[section].toLowerCase()}` }).click();
    const group = page.getByRole('group', { name: `${NOUN[section]} ${index + 1}` });
    for (const [name, label] of FIELDS[section]) await group.getByLabel(label, { exact: true }).fill(row[name] ?? '');
  }
}

async function expectSection(page: Page, section: keyof typeof FIELDS, rows: Row[]) {
  await page.getByRole('tab', { name: new RegExp(`^${section}`, 'i') }).click();
  for (const [index, row] of rows.entries()) {
    const group = page.getByRole('group', { name: `${NOUN[section]} ${index + 1}` });
    for (const [name, label] of FIELDS[section]) await expect(group.getByLabel(label, { exact: true })).toHaveValue(row[name] ?? '');
  }
  await expect(page.getByRole('group', { name: `${NOUN[section]} ${rows.length + 1}` })).toHaveCount(0);
}

/** Seconds spent, from the timer's label ("Time left: 19 minutes 40 seconds" of a 20-minute limit). */
async function secondsSpent(page: Page): Promise<number> {
  const label = (await page.getByRole('timer').getAttribute('aria-label')) ?? '';
  const m = /(\d+) minutes?/.exec(label)?.[1] ?? '0';
  const s = /(\d+) seconds?/.exec(label)?.[1] ?? '0';
  return 20 * 60 - (Number(m) * 60 + Number(s));
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function launch(userDataDir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
    baseURL,
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
  });
}

const saved = (page: Page) => page.locator('.save-indicator').getByRole('status');

let profileDir = '';
test.beforeEach(() => {
  profileDir = mkdtempSync(path.join(tmpdir(), 'chartlab-profile-'));
});
test.afterEach(() => {
  rmSync(profileDir, { recursive: true, force: true });
});

test('work survives a reload and a browser restart, is submitted to progress, and comes back from an exported file', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const key = cliKey();
  let context = await launch(profileDir, baseURL as string);
  let page = context.pages()[0] ?? (await context.newPage());

  // First run: a friendly prompt for a name.
  await page.goto('/#/exercises');
  await expect(page.getByRole('heading', { name: 'Welcome to ChartLab' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible({ timeout: 30_000 });
  expect(await axeViolations(page), 'welcome').toEqual([]);
  await page.screenshot({ path: 'test-results/persistence-welcome.png' });
  await page.getByLabel('Your name').fill('Maria Lopez');
  await page.getByRole('button', { name: 'Create my profile' }).click();
  await expect(page.getByRole('button', { name: 'Learner: Maria Lopez' })).toBeVisible();

  // Half the exercise: the allergies, not the medications.
  await page.getByRole('article', { name: TITLE }).getByRole('link', { name: new RegExp(`^Start ${TITLE}`) }).click();
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await fillSection(page, 'allergies', key.allergies);
  await expect(saved(page)).toHaveText('Saved');
  await page.waitForTimeout(2_500);
  const before = await secondsSpent(page);
  expect(before).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/persistence-half-done.png' });

  // Reload: every answer and the clock are back.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expectSection(page, 'allergies', key.allergies);
  await expectSection(page, 'medications', []);
  const afterReload = await secondsSpent(page);
  expect(afterReload).toBeGreaterThanOrEqual(before - 1);
  expect(afterReload).toBeLessThan(before + 15);

  // Close the tab (as a person does: unload handlers run) and the browser, and start it again on the same profile.
  await page.waitForTimeout(1_500);
  const beforeClose = await secondsSpent(page);
  await page.close({ runBeforeUnload: true });
  await context.close();
  context = await launch(profileDir, baseURL as string);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/#/exercises');
  await expect(page.getByRole('button', { name: 'Learner: Maria Lopez' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(`You have an exercise in progress: ${TITLE}`)).toBeVisible();
  await page.getByRole('article', { name: TITLE }).getByRole('link', { name: new RegExp(`^Resume ${TITLE}`) }).click();
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expectSection(page, 'allergies', key.allergies);
  expect(await secondsSpent(page)).toBeGreaterThanOrEqual(beforeClose - 1);
  expect(await axeViolations(page), 'resumed exercise').toEqual([]);

  // The Progress page open in a second tab, before the first attempt.
  const progressTab = await context.newPage();
  await progressTab.goto('/#/progress');
  await expect(progressTab.getByRole('heading', { name: 'No attempts yet' })).toBeVisible({ timeout: 30_000 });

  // Finish and submit: the attempt is in Progress.
  await fillSection(page, 'medications', key.medications);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit for scoring' }).click();
  await expect(page.getByText('Saved to your progress.')).toBeVisible();
  // The other tab's dashboard follows without a reload.
  const tile = (name: string) => progressTab.locator('.progress-tile').filter({ has: progressTab.getByText(name, { exact: true }) }).locator('dd');
  await expect(tile('Attempts')).toHaveText('1');
  await expect(tile('Average score')).toHaveText('100%');
  await expect(progressTab.getByRole('region', { name: 'Attempt history' }).getByRole('row')).toHaveCount(2);
  await progressTab.close();
  await page.screenshot({ path: 'test-results/persistence-submitted.png' });
  await page.getByRole('link', { name: 'See all your progress' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maria Lopez’s progress' })).toBeVisible();
  const history = page.getByRole('region', { name: 'Attempt history' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history.getByRole('row').nth(1)).toContainText(TITLE);
  await expect(history.getByRole('row').nth(1)).toContainText('100%');
  await expect(page.getByRole('img', { name: /^Score by skill/ })).toBeVisible();
  expect(await axeViolations(page), 'progress page').toEqual([]);
  await page.screenshot({ path: 'test-results/persistence-progress.png', fullPage: true });
  // On a phone: one column, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('img', { name: /^Score by skill/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeViolations(page), 'progress page on a phone').toEqual([]);
  await page.screenshot({ path: 'test-results/persistence-progress-phone.png', fullPage: true });
  await page.setViewportSize({ width: 1360, height: 900 });

  // The attempt opens read-only.
  await history.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeFocused();
  await expect(page.getByRole('img', { name: /^Score 100%/ })).toBeVisible();
  expect(await axeViolations(page), 'attempt page').toEqual([]);
  await page.screenshot({ path: 'test-results/persistence-attempt.png' });
  await page.getByRole('link', { name: /Progress$/ }).first().click();

  // Export, wipe the site's data, import: all back.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^chartlab-progress-maria-lopez-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(exported);
  expect(JSON.parse(readFileSync(exported, 'utf8'))).toMatchObject({ format: 'chartlab.progress', learner: { name: 'Maria Lopez' } });

  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseURL as string).origin, storageTypes: 'all' });
  await page.goto('about:blank');
  await page.goto('/#/progress');
  await expect(page.getByRole('heading', { name: 'Welcome to ChartLab' })).toBeVisible({ timeout: 30_000 });
  await page.getByText('Moving from another computer? Import your progress file').click();
  await page.getByLabel('Import a progress file').setInputFiles(exported);
  await expect(page.getByRole('button', { name: 'Learner: Maria Lopez' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Maria Lopez’s progress' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Attempt history' }).getByRole('row')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/persistence-imported.png', fullPage: true });
  await context.close();
});

test('two tabs on one exercise: the second to edit is told, and chooses which version to keep', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const context = await launch(profileDir, baseURL as string);
  const first = context.pages()[0] ?? (await context.newPage());
  await first.goto('/#/exercises');
  await first.getByLabel('Your name').fill('Sam Okafor');
  await first.getByRole('button', { name: 'Create my profile' }).click();
  await expect(first.getByRole('button', { name: 'Learner: Sam Okafor' })).toBeVisible();

  await first.goto(EXERCISE);
  await expect(first.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await fillSection(first, 'allergies', [{ substance: 'PCN', reaction: '', severity: '' }]);
  await expect(saved(first)).toHaveText('Saved');

  const second = await context.newPage();
  await second.goto(EXERCISE);
  await expect(second.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  const secondRow = second.getByRole('group', { name: 'Allergy 1' });
  await expect(secondRow.getByLabel('Substance', { exact: true })).toHaveValue('PCN');
  await expect(second.getByText('This exercise is also open in another tab or window.')).toBeVisible();
  await expect(first.getByText('This exercise is also open in another tab or window.')).toBeVisible();

  // Both edit: the first tab saves first, so the second is the one told.
  await first.getByRole('group', { name: 'Allergy 1' }).getByLabel('Reaction', { exact: true }).fill('hives');
  await expect(saved(first)).toHaveText('Saved');
  await secondRow.getByLabel('Severity', { exact: true }).fill('severe');
  const conflict = second.getByRole('alert').filter({ hasText: 'This exercise was changed in another tab or window' });
  await expect(conflict).toBeVisible();
  await expect(saved(second)).toHaveText('Not saved — changed in another tab');
  expect(await axeViolations(second), 'conflict').toEqual([]);
  await second.screenshot({ path: 'test-results/persistence-conflict.png' });

  // Nothing of the first tab's work was overwritten.
  await first.reload();
  await expect(first.getByRole('group', { name: 'Allergy 1' }).getByLabel('Reaction', { exact: true })).toHaveValue('hives', { timeout: 30_000 });
  await expect(first.getByRole('group', { name: 'Allergy 1' }).getByLabel('Severity', { exact: true })).toHaveValue('');

  // The second tab takes the other version.
  await conflict.getByRole('button', { name: 'Load the other tab’s version' }).click();
  await expect(secondRow.getByLabel('Reaction', { exact: true })).toHaveValue('hives');
  await expect(secondRow.getByLabel('Severity', { exact: true })).toHaveValue('');
  await expect(conflict).toHaveCount(0);
  await context.close();
});

test('an assignment item resumes after a reload with every answer and the clock, apart from practice, and its submit counts once', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const key = cliKey();
  const context = await launch(profileDir, baseURL as string);
  const page = context.pages()[0] ?? (await context.newPage());

  // The instructor makes an assignment with the intake exercise at its usual seed (the same case as practice).
  await page.goto('/#/instructor/assignments');
  const builder = page.locator('form', { has: page.getByRole('heading', { name: 'New assignment' }) });
  await expect(builder).toBeVisible({ timeout: 30_000 });
  await builder.getByLabel('Title').fill('Week 2: intake');
  await builder.getByLabel('Attempts allowed').fill('2');
  await builder.getByLabel('Scenario 1', { exact: true }).selectOption(SCENARIO);
  await expect(builder.getByLabel('Seed 1')).toHaveValue(String(SEED));
  await builder.getByRole('button', { name: 'Create assignment' }).click();
  const link = await page.getByLabel('Link for learners').first().inputValue();

  // A learner opens the link and answers half the item: the allergies, not the medications.
  await page.goto(link);
  const prompt = page.getByRole('region', { name: /Welcome to ChartLab|Who is working/ });
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await prompt.getByLabel('Your name').fill('Maria Lopez');
  await prompt.getByRole('button', { name: /Create my profile|Create and start/ }).click();
  await expect(page.getByRole('heading', { name: 'Week 2: intake', level: 1 })).toBeVisible();
  const assignmentUrl = page.url();
  await page.getByRole('link', { name: `Start: ${TITLE}` }).click();
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/scenario 1 of 1 · attempt 1 of 2/)).toBeVisible();
  await fillSection(page, 'allergies', key.allergies);
  await expect(saved(page)).toHaveText('Saved');
  await page.waitForTimeout(2_500);
  const before = await secondsSpent(page);
  expect(before).toBeGreaterThan(0);

  // Reload: every answer and the clock are back, still as the assignment's item.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/scenario 1 of 1 · attempt 1 of 2/)).toBeVisible();
  await expectSection(page, 'allergies', key.allergies);
  await expectSection(page, 'medications', []);
  const afterReload = await secondsSpent(page);
  expect(afterReload).toBeGreaterThanOrEqual(before - 1);
  expect(afterReload).toBeLessThan(before + 15);
  await page.waitForTimeout(2_000);
  expect(await secondsSpent(page)).toBeGreaterThan(afterReload);
  expect(await axeViolations(page), 'resumed assignment item').toEqual([]);
  await page.screenshot({ path: 'test-results/persistence-assignment-resumed.png' });

  // A second tab on the same item is noticed by both.
  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expect(second.getByRole('group', { name: 'Allergy 1' }).getByLabel('Substance', { exact: true })).toHaveValue(key.allergies[0]?.substance ?? '');
  await expect(second.getByText('This exercise is also open in another tab or window.')).toBeVisible();
  await expect(page.getByText('This exercise is also open in another tab or window.')).toBeVisible();
  await second.close({ runBeforeUnload: true });
  await expect(page.getByText('This exercise is also open in another tab or window.')).toHaveCount(0);

  // Practice of the same scenario and seed is separate work: blank, and the library leads back to the item.
  const itemUrl = page.url();
  await page.goto(EXERCISE);
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expectSection(page, 'allergies', []);
  await page.goto('/#/exercises');
  const resume = page.locator('.library__resume');
  await expect(resume).toContainText(`You have an exercise in progress: ${TITLE} (seed ${SEED}), for the assignment Week 2: intake.`);
  await page.screenshot({ path: 'test-results/persistence-assignment-library.png' });
  await resume.getByRole('link', { name: 'Resume' }).click();
  await expect(page).toHaveURL(itemUrl);
  await expect(page.getByRole('heading', { name: 'Abstraction form' })).toBeVisible({ timeout: 30_000 });
  await expectSection(page, 'allergies', key.allergies);

  // Finish and submit: one attempt, counted on the assignment.
  await fillSection(page, 'medications', key.medications);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit for scoring' }).click();
  await expect(page.getByText('Saved to your progress.')).toBeVisible();
  await expect(page.getByRole('img', { name: /^Score 100%/ })).toBeVisible();
  await page.getByRole('link', { name: 'back to the assignment' }).click();
  await expect(page).toHaveURL(assignmentUrl);
  const row = page.getByRole('row', { name: new RegExp(TITLE) });
  await expect(row).toContainText('1 of 2');
  await expect(row).toContainText('100%');
  await expect(row.getByRole('link', { name: `Try again: ${TITLE}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/persistence-assignment-counted.png', fullPage: true });
  await context.close();
});
