import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SEED = 20;
const COUNT = 5;

interface CliQuestion {
  id: string;
  format: 'multiple-choice' | 'typed';
  prompt: string;
  choices?: { text: string; correct: boolean }[];
  answer: string;
  accepted?: string[];
  explanation: string;
}

/** The questions, from the CLI exactly as an instructor would print them. */
function cliQuiz(seed: number, count: number): CliQuestion[] {
  const out = execFileSync(process.execPath, ['bin/chartlab.mjs', 'quiz', '--seed', String(seed), '--count', String(count)], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as CliQuestion[];
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

test('a learner takes a shared 5-question practice quiz by keyboard, sees the result, and finds it saved after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const questions = cliQuiz(SEED, COUNT);
  expect(questions.some((q) => q.format === 'typed') && questions.some((q) => q.format === 'multiple-choice')).toBe(true);

  // A class link: everyone who opens it gets the same questions.
  await page.goto(`/#/quiz?seed=${SEED}&count=${COUNT}&mode=practice`);
  await expect(page.getByRole('heading', { level: 1, name: 'Quizzes' })).toBeVisible({ timeout: 30_000 });

  // First run on this computer: the shell asks for a name (keyboard: type, Enter).
  const prompt = page.locator('.learner-prompt');
  await prompt.getByLabel('Your name').focus();
  await page.keyboard.type('Maria');
  await page.keyboard.press('Enter');
  await expect(prompt).toBeHidden();

  await expect(page.getByRole('textbox', { name: 'Code for this quiz' })).toHaveValue(`#/quiz?seed=${SEED}&count=${COUNT}&mode=practice`);
  await expect(page.getByRole('radio', { name: 'Practice' })).toBeChecked();
  await expect(page.getByRole('radio', { name: '5 questions' })).toBeChecked();
  await expect(page.getByRole('region', { name: 'Recent quizzes' })).toContainText('No quizzes yet');
  expect(await axeViolations(page), 'setup').toEqual([]);
  await page.screenshot({ path: 'test-results/quiz-setup.png', fullPage: true });

  await page.getByRole('button', { name: 'Start practice' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/quiz$/);

  // Answer every question by keyboard: number keys or typing, Enter; one multiple-choice answer wrong on purpose.
  const wrongAt = questions.findIndex((q, i) => i > 0 && q.format === 'multiple-choice');
  for (const [i, q] of questions.entries()) {
    const heading = page.getByRole('heading', { name: `Question ${i + 1} of ${COUNT}` });
    await expect(heading).toBeFocused();
    await expect(page.locator('.quiz-question__prompt')).toHaveText(q.prompt);
    if (q.format === 'typed') {
      await page.keyboard.press('Tab');
      await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeFocused();
      // Lower case: the same tolerant matching as the exercises.
      await page.keyboard.type(q.answer.toLowerCase());
    } else {
      const choices = q.choices ?? [];
      const pick = i === wrongAt ? choices.findIndex((c) => !c.correct) : choices.findIndex((c) => c.correct);
      await page.keyboard.press(String(pick + 1));
      await expect(page.getByRole('radio').nth(pick)).toBeChecked();
    }
    if (i === 0) {
      expect(await axeViolations(page), 'question').toEqual([]);
      await page.screenshot({ path: 'test-results/quiz-question.png', fullPage: true });
    }
    await page.keyboard.press('Enter');

    const verdict = i === wrongAt ? 'Incorrect' : 'Correct';
    await expect(page.getByRole('heading', { name: verdict, exact: true })).toBeFocused();
    await expect(page.locator('.quiz-feedback')).toContainText(q.explanation);
    await expect(page.locator('.quiz-run [role="status"]').last()).toHaveText(i === wrongAt ? `Incorrect. The right answer is ${q.answer}.` : 'Correct.');
    if (i === 0) {
      expect(await axeViolations(page), 'feedback').toEqual([]);
      await page.screenshot({ path: 'test-results/quiz-feedback.png', fullPage: true });
    }
    if (i === wrongAt) await page.screenshot({ path: 'test-results/quiz-feedback-wrong.png', fullPage: true });
    await page.keyboard.press('Enter');
  }

  // The results.
  const results = page.getByRole('heading', { name: 'Your results' });
  await expect(results).toBeFocused();
  expect(await focusedText(page)).toBe('Your results');
  await expect(page.locator('.quiz-results__score')).toContainText('80%');
  await expect(page.locator('.quiz-results__score')).toContainText('4 of 5 correct');
  await expect(page.getByText('Saved to Maria’s quiz history.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry the ones I missed (1)' })).toBeVisible();
  const missed = questions[wrongAt] as CliQuestion;
  const missedItem = page.locator('.quiz-result').nth(wrongAt);
  await expect(missedItem).toContainText('Incorrect');
  await expect(missedItem).toContainText(missed.answer);
  await expect(missedItem).toContainText(missed.explanation);
  expect(await axeViolations(page), 'results').toEqual([]);
  await page.screenshot({ path: 'test-results/quiz-results.png', fullPage: true });

  // Reload: the quiz is in "Recent quizzes", and accuracy by topic is kept.
  await page.reload();
  const recent = page.getByRole('region', { name: 'Recent quizzes' });
  const link = recent.getByRole('link', { name: /Practice: 4 of 5 correct/ });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const accuracy = page.getByRole('region', { name: 'Quiz accuracy by topic' });
  await expect(accuracy.getByRole('row')).toHaveCount(1 + COUNT);
  await expect(page.getByRole('radio', { name: 'Review my mistakes 1 due' })).toBeVisible();
  await page.screenshot({ path: 'test-results/quiz-after-reload.png', fullPage: true });

  // The stored result, question by question.
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeFocused();
  await expect(page.locator('.quiz-results__score')).toContainText('4 of 5 correct');
  await expect(page.locator('.quiz-result').nth(wrongAt)).toContainText(missed.explanation);
  expect(await axeViolations(page), 'stored results').toEqual([]);

  // Review my mistakes: the one missed comes back.
  await page.getByRole('button', { name: 'Retry the ones I missed (1)' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Question 1 of 1' })).toBeFocused();
  await expect(page.locator('.quiz-question__prompt')).toHaveText(missed.prompt);

  // The Progress dashboard shows quiz accuracy by topic too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  const panel = page.getByRole('region', { name: 'Quiz accuracy by topic' });
  await expect(panel.getByRole('row')).toHaveCount(1 + COUNT, { timeout: 30_000 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/quiz-progress-panel.png', fullPage: true });
});

test('a timed test on a phone: the timer, no feedback until the end, pass or fail', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const questions = cliQuiz(19, 2);
  await page.goto('/#/quiz?seed=19&count=2&mode=test');
  await expect(page.getByRole('heading', { level: 1, name: 'Quizzes' })).toBeVisible({ timeout: 30_000 });
  const prompt = page.locator('.learner-prompt');
  await prompt.getByLabel('Your name').fill('Sam');
  await prompt.getByLabel('Your name').press('Enter');
  await expect(prompt).toBeHidden();
  await page.screenshot({ path: 'test-results/quiz-setup-phone.png', fullPage: true });

  await page.getByRole('button', { name: 'Start timed test' }).click();
  await expect(page.getByRole('timer')).toHaveAccessibleName(/^Time left: (1 minute 5\d seconds|2 minutes)$/);
  for (const [i, q] of questions.entries()) {
    await expect(page.getByRole('heading', { name: `Question ${i + 1} of 2` })).toBeFocused();
    if (q.format === 'typed') {
      await page.keyboard.press('Tab');
      await page.keyboard.type(q.answer);
    } else await page.keyboard.press(String((q.choices ?? []).findIndex((c) => c.correct) + 1));
    if (i === 0) {
      expect(await axeViolations(page), 'test question').toEqual([]);
      await page.screenshot({ path: 'test-results/quiz-test-phone.png', fullPage: true });
    }
    await page.keyboard.press('Enter');
    await expect(page.locator('.quiz-feedback')).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { name: 'Your results' })).toBeFocused();
  await expect(page.locator('.quiz-results__pass')).toContainText('Passed');
  await expect(page.locator('.quiz-results__pass')).toContainText('Pass mark 80%');
  expect(await axeViolations(page), 'test results').toEqual([]);
  await page.screenshot({ path: 'test-results/quiz-results-phone.png', fullPage: true });
});
