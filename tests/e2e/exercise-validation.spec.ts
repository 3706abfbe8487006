import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cliKey, flag, submit, type Finding } from './audit-helpers';

/**
 * The validation (chart audit) exercise end to end: flag every planted error but one from the
 * CLI's answer key, add one false alarm, submit, and read the score, precision and recall, then
 * the missed error's explanation with its evidence highlighted in a source document. Axe checks
 * the workspace, the flag form and the feedback.
 */

const SCENARIO = 'medication-safety-audit';

const axe = (page: Page, scope: string) =>
  new AxeBuilder({ page }).include(scope).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();

function percentIn(text: string | null): number {
  const match = /(\d+)%/.exec(text ?? '');
  expect(match, `a percentage in "${text}"`).not.toBeNull();
  return Number(match?.[1]);
}

test('a chart audit with one error missed and one false alarm is scored and the miss explained with its evidence', async ({ page }) => {
  // Builds the exercise in the browser, flags through the form and runs axe three times.
  test.slow();
  const key = cliKey(SCENARIO);
  const findings = key.answers.findings;
  expect(findings.length, 'the audit plants at least two errors').toBeGreaterThanOrEqual(2);
  const missed = findings[findings.length - 1] as Finding;
  const flagged = findings.slice(0, -1);

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/#/exercise/${SCENARIO}`);
  const panel = page.getByRole('region', { name: /^Findings/ });
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText('False alarms cost points.')).toBeVisible();
  await expect(page.getByText(`Seed ${key.seed}`, { exact: false }).first()).toBeVisible();

  for (const finding of flagged) await flag(page, finding);

  // One false alarm: a problem on the list (this audit plants nothing in the problem list).
  const tabs = page.getByRole('tablist', { name: 'Chart sections' });
  await tabs.getByRole('tab', { name: /^Problems/ }).click();
  const problemFlag = page.locator('button.audit-flag__button[data-target^="Condition/"]').first();
  const falseAlarm: Finding = { target: (await problemFlag.getAttribute('data-target')) as string, errorType: 'code-text-mismatch', correction: 'Recode' };
  expect(findings.map((f) => f.target)).not.toContain(falseAlarm.target);
  await problemFlag.click();
  await expect(page.getByRole('dialog', { name: 'Flag an error' })).toBeVisible();
  expect((await axe(page, '.dialog')).violations).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(problemFlag).toBeFocused();
  await flag(page, falseAlarm);

  await expect(panel.getByRole('heading', { name: /Findings/ })).toHaveText(`Findings ${flagged.length + 1}`);
  await expect(panel.getByRole('list', { name: 'Your findings' }).getByRole('listitem')).toHaveCount(flagged.length + 1);
  await expect(page.getByText('⚑ Flagged', { exact: true }).first()).toBeVisible();

  expect((await axe(page, '.audit')).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-validation-workspace.png', fullPage: false });

  await submit(page);
  const report = page.getByRole('region', { name: 'Score report' });
  const gauge = report.getByRole('img', { name: /^Score \d+%/ });
  const score = percentIn(await gauge.getAttribute('aria-label'));
  expect(score).toBeGreaterThan(0);
  expect(score).toBeLessThan(100);
  // Every flag but the false alarm found an error: precision and recall are both (n-1)/n.
  const expected = `${Math.floor((flagged.length / findings.length) * 100 + 1e-9)}%`;
  await expect(report.getByRole('definition').filter({ hasText: 'of what you flagged was right' })).toContainText(expected);
  await expect(report.getByRole('definition').filter({ hasText: 'of what was there you found' })).toContainText(expected);
  await page.screenshot({ path: 'test-results/exercise-validation-report.png', fullPage: false });

  await page.getByRole('tab', { name: 'Your answers with feedback' }).click();
  const feedback = page.getByRole('region', { name: /^Findings/ });
  const items = feedback.getByRole('list', { name: 'Your findings' }).locator(':scope > li');
  await expect(items).toHaveCount(flagged.length + 1);
  for (let i = 0; i < flagged.length; i++) await expect(items.nth(i)).toContainText('Matches a planted error');
  await expect(items.nth(flagged.length)).toContainText('False alarm');
  await expect(page.locator('button.audit-flag__button')).toHaveCount(0);

  const missedSection = feedback.getByRole('region', { name: /Missed errors/ });
  await expect(missedSection.getByRole('heading')).toHaveText('Missed errors 1');
  await expect(missedSection).toContainText(missed.correction);
  const quote = missedSection.locator('.audit-evidence__quote').first();
  const quoted = ((await quote.textContent()) ?? '').trim();
  expect(quoted.length).toBeGreaterThan(0);
  const show = missedSection.getByRole('button', { name: /^Show in / }).first();
  const documentTitle = ((await show.textContent()) ?? '').replace(/^Show in /, '').replace(/\(passage.*$/, '').trim();
  await show.click();

  const viewer = page.getByRole('region', { name: `Text of ${documentTitle}` });
  await expect(page.getByRole('heading', { name: documentTitle, level: 3 })).toBeFocused();
  const mark = viewer.locator('mark').first();
  await expect(mark).toBeVisible();
  await expect(mark).toHaveText(quoted);
  await expect(page.getByRole('status').filter({ hasText: 'Highlighted' })).toContainText(`in ${documentTitle}`);

  expect((await axe(page, '.audit')).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/exercise-validation-feedback.png', fullPage: false });
  await missedSection.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/exercise-validation-missed.png', fullPage: false });
});

test('the audit reflows to one column on a phone without axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/#/exercise/${SCENARIO}`);
  const panel = page.getByRole('region', { name: /^Findings/ });
  await expect(panel).toBeVisible({ timeout: 30_000 });
  const tabs = page.getByRole('tablist', { name: 'Chart sections' });
  await tabs.getByRole('tab', { name: /^Medications/ }).click();
  const first = page.locator('button.audit-flag__button[data-target^="MedicationStatement/"]').first();
  await first.click();
  const dialog = page.getByRole('dialog', { name: 'Flag an error' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/exercise-validation-narrow-dialog.png', fullPage: false });
  await page.keyboard.press('Escape');
  expect((await axe(page, '.audit')).violations).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/exercise-validation-narrow.png', fullPage: false });
});
