import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { strFromU8 } from 'fflate';
import { expect, test, type Frame, type Page } from '@playwright/test';
import { cliKey, flag, repoRoot, submit } from './audit-helpers';
import { scormCalls, startStubLms, unpackZip, type StubLms } from './scorm-lms';

/**
 * The instructor loop end to end, in one browser: author a scenario (a copy of a shipped one,
 * edited through the form), bundle it with a shipped scenario into an assignment, open the
 * assignment link as a learner, complete both items (the shipped one with the CLI's answer key,
 * the authored one empty), export the result file, and import it into the gradebook, which shows
 * the re-scored scores and the learner's feedback.
 */

const SHIPPED = 'lab-data-quality';

const axe = (page: Page, scope: string) =>
  new AxeBuilder({ page }).include(scope).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();

test('an instructor authors and assigns a scenario, a learner completes it from the link, and the gradebook shows the re-scored result', async ({ page }) => {
  test.slow();
  const key = cliKey(SHIPPED);
  const downloads = mkdtempSync(join(tmpdir(), 'chartlab-e2e-'));
  await page.setViewportSize({ width: 1440, height: 1000 });

  // --- Author: copy a shipped scenario and edit it through the form -----------------------------
  await page.goto('/#/instructor/scenarios');
  await expect(page.getByRole('heading', { name: 'Your scenarios' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Or start from a shipped scenario').selectOption(SHIPPED);
  await page.getByRole('button', { name: 'Copy and edit' }).click();
  const editor = page.locator('form.instructor-editor__form');
  await expect(editor.getByRole('heading', { name: /New scenario from/ })).toBeVisible();
  await editor.getByLabel('Id', { exact: true }).fill('Unit Check');
  await expect(editor.getByText('a kebab-case id such as "med-rec-intro"').first()).toBeVisible();
  await editor.getByLabel('Id', { exact: true }).fill('unit-check-drill');
  await editor.getByLabel('Title').fill('Unit check drill');
  await editor.getByRole('checkbox', { name: /^Abnormal result not flagged/ }).uncheck();
  await editor.getByLabel('Errors to plant').fill('1');
  await expect(editor.getByText('The scenario is valid.')).toBeVisible();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: /Planted errors \(1\)/ })).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByText(/Unit error/).first()).toBeVisible();
  expect((await axe(page, '.instructor-editor')).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/instructor-editor.png', fullPage: false });
  await editor.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByText(/Saved “Unit check drill”/)).toBeVisible();
  await editor.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('rowheader', { name: /Unit check drill/ })).toBeVisible();

  // --- Assign: the authored scenario and the shipped one, fixed seeds ---------------------------
  await page.getByRole('tab', { name: 'Assignments' }).click();
  const builder = page.locator('form', { has: page.getByRole('heading', { name: 'New assignment' }) });
  await builder.getByLabel('Title').fill('Week 3: lab audit');
  await builder.getByLabel('Course (optional)').fill('HIT 110');
  await builder.getByLabel('Attempts allowed').fill('2');
  await builder.getByLabel('Scenario 1', { exact: true }).selectOption('unit-check-drill');
  await builder.getByRole('button', { name: 'Add a scenario' }).click();
  await builder.getByLabel('Scenario 2', { exact: true }).selectOption(SHIPPED);
  await expect(builder.getByLabel('Seed 2')).toHaveValue(String(key.seed));
  await builder.getByRole('button', { name: 'Create assignment' }).click();
  await expect(page.getByText(/Created “Week 3: lab audit”/)).toBeVisible();
  const link = await page.getByLabel('Link for learners').first().inputValue();
  expect(link).toMatch(/#\/assignment\/[A-Za-z0-9_-]+$/);
  expect((await axe(page, '.instructor')).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/instructor-assignments.png', fullPage: true });

  // --- Learner: open the link, choose a profile, do both items ----------------------------------
  await page.goto(link);
  const prompt = page.getByRole('region', { name: /Welcome to ChartLab|Who is working/ });
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await prompt.getByLabel('Your name').fill('Maria Lopez');
  await prompt.getByRole('button', { name: /Create my profile|Create and start/ }).click();
  await expect(page.getByRole('heading', { name: 'Week 3: lab audit', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/assignments\/week-3-lab-audit-/);

  // Item 2 (shipped): the full key.
  await page.getByRole('link', { name: 'Start: Laboratory data quality' }).click();
  await expect(page.getByRole('region', { name: /^Findings/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(`Seed ${key.seed}`, { exact: false }).first()).toBeVisible();
  for (const finding of key.answers.findings) await flag(page, finding);
  await submit(page);
  await expect(page.getByRole('img', { name: /^Score 100%/ })).toBeVisible();

  // Item 1 (authored): handed in empty.
  await page.getByRole('link', { name: 'back to the assignment' }).click();
  await expect(page.getByRole('row', { name: /Laboratory data quality/ })).toContainText('100%');
  await page.getByRole('link', { name: 'Start: Unit check drill' }).click();
  await expect(page.getByRole('region', { name: /^Findings/ })).toBeVisible({ timeout: 30_000 });
  await submit(page);
  await page.getByRole('link', { name: 'back to the assignment' }).click();
  await expect(page.getByRole('row', { name: /Unit check drill/ })).toContainText('1 of 2');
  await expect(page.getByText('Best total so far: 50%')).toBeVisible();
  await page.screenshot({ path: 'test-results/instructor-learner-assignment.png', fullPage: true });

  await page.getByLabel('Student ID (optional)').fill('S1001');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export result file' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^chartlab-result-week-3-lab-audit-.*-maria-lopez-\d{4}-\d{2}-\d{2}\.json$/);
  const resultPath = join(downloads, download.suggestedFilename());
  await download.saveAs(resultPath);

  // --- Instructor: import the result into the gradebook -----------------------------------------
  await page.goto('/#/instructor/gradebook');
  await page.getByLabel('Choose result files').setInputFiles([resultPath, resultPath]);
  const gradebook = page.getByRole('region', { name: /Gradebook: Week 3: lab audit/ });
  await expect(gradebook).toBeVisible({ timeout: 30_000 });
  const row = gradebook.getByRole('row', { name: /Maria Lopez/ });
  await expect(row.getByRole('button', { name: /item 1: 0%, not passed/ })).toBeVisible();
  await expect(row.getByRole('button', { name: /item 2: 100%, passed/ })).toBeVisible();
  await expect(row).toContainText('50%');
  await expect(row).toContainText('Not passed');
  // The same file twice: counted once, the copy flagged.
  await expect(page.getByRole('region', { name: /Files not counted \(1\)/ })).toContainText('Duplicate');
  await row.getByRole('button', { name: /item 2: 100%/ }).click();
  await expect(gradebook.getByRole('heading', { name: /Maria Lopez: 2\. Laboratory data quality — 100%/ })).toBeVisible();
  await expect(gradebook.getByRole('region', { name: 'Score report' })).toBeVisible();
  await expect(gradebook.getByRole('img', { name: 'Distribution of total scores' })).toBeVisible();
  expect((await axe(page, '.instructor-gradebook')).violations).toEqual([]);
  await page.screenshot({ path: 'test-results/instructor-gradebook.png', fullPage: true });

  const [csv] = await Promise.all([page.waitForEvent('download'), gradebook.getByRole('button', { name: 'Download CSV' }).click()]);
  const csvPath = join(downloads, 'grades.csv');
  await csv.saveAs(csvPath);
  expect(readFileSync(csvPath, 'utf8')).toMatch(/^\uFEFFLearner,Student ID,1\. Unit check drill \(%\),2\. Laboratory data quality \(%\),Total \(%\),Passed,Time \(minutes\)\r\nMaria Lopez,S1001,0,100,50,no,/);
});

// --- SCORM 1.2: the package in an LMS frame ------------------------------------------------------

const SCORM_FIXTURE = join(repoRoot, 'tests/lms/fixtures/lab-audit.assignment.json');

let lms: StubLms | undefined;
let lmsBase = '';

test.describe('the SCORM 1.2 package', () => {
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), 'chartlab-scorm-'));
    const zipPath = join(dir, 'package.zip');
    execFileSync('npm', ['run', '--silent', 'scorm', '--', SCORM_FIXTURE, '--out', zipPath], { cwd: repoRoot, encoding: 'utf8', timeout: 170_000, stdio: 'pipe' });
    const files = unpackZip(new Uint8Array(readFileSync(zipPath)), join(dir, 'pkg'));
    expect(strFromU8(files['imsmanifest.xml'] as Uint8Array)).toContain('adlcp:scormtype="sco"');
    lms = await startStubLms(join(dir, 'pkg'));
    lmsBase = lms.base;
  });

  test.afterAll(async () => {
    await lms?.close();
  });

  /** Item 2 (shipped lab audit) with the CLI key, item 1 (authored) handed in empty: 50%, failed. */
  async function completeBoth(page: Page): Promise<Frame> {
    await page.setViewportSize({ width: 1440, height: 1000 });
    const frame = page.frame({ name: 'sco' });
    if (!frame) throw new Error('no SCO frame');
    await expect(frame.getByRole('heading', { name: 'Lab audit (SCORM)' })).toBeVisible({ timeout: 30_000 });
    await expect(frame.getByText('Connected to your LMS as Lopez, Maria')).toBeVisible();
    await frame.getByRole('link', { name: 'Start: Laboratory data quality' }).click();
    await expect(frame.getByRole('region', { name: /^Findings/ })).toBeVisible({ timeout: 30_000 });
    for (const finding of cliKey(SHIPPED).answers.findings) await flag(frame, finding);
    await submit(frame);
    await expect(frame.getByRole('img', { name: /^Score 100%/ })).toBeVisible();
    await frame.getByRole('link', { name: /The assignment/ }).click();
    await expect(frame.getByText('Score so far: 50%')).toBeVisible();
    await frame.getByRole('link', { name: 'Start: Unit check drill' }).click();
    await expect(frame.getByRole('region', { name: /^Findings/ })).toBeVisible({ timeout: 30_000 });
    await submit(frame);
    await frame.getByRole('link', { name: /The assignment/ }).click();
    await expect(frame.getByText(/Score so far: 50% \(failed\)/)).toBeVisible();
    return frame;
  }

  test('runs inside an LMS frame and reports score, lesson status and session time through the SCORM 1.2 API it finds', async ({ page }) => {
    test.slow();
    await page.goto(`${lmsBase}/lms.html`);
    const frame = await completeBoth(page);
    await page.screenshot({ path: 'test-results/instructor-scorm-player.png', fullPage: false });
    await frame.getByRole('button', { name: 'Finish and send my score' }).click();
    await expect(frame.getByText(/Finished: your score was sent/)).toBeVisible();

    const calls = await scormCalls(page);
    const names = calls.map((c) => c[0]);
    expect(names[0]).toBe('LMSInitialize');
    expect(names.at(-1)).toBe('LMSFinish');
    expect(names.filter((n) => n === 'LMSInitialize')).toHaveLength(1);
    expect(names.filter((n) => n === 'LMSFinish')).toHaveLength(1);
    const sets = calls.filter((c) => c[0] === 'LMSSetValue').map((c) => [c[1], c[2]]);
    expect(sets[0]).toEqual(['cmi.core.lesson_status', 'incomplete']);
    // After the first item: half the items at 100% → 50, still incomplete.
    const firstRaw = sets.findIndex((s) => s[0] === 'cmi.core.score.raw');
    expect(sets[firstRaw]).toEqual(['cmi.core.score.raw', '50']);
    expect(sets[firstRaw + 1]).toEqual(['cmi.core.lesson_status', 'incomplete']);
    const last = (element: string) => sets.filter((s) => s[0] === element).at(-1)?.[1];
    expect(last('cmi.core.score.raw')).toBe('50');
    expect(last('cmi.core.score.min')).toBe('0');
    expect(last('cmi.core.score.max')).toBe('100');
    expect(last('cmi.core.lesson_status')).toBe('failed');
    expect(last('cmi.core.session_time')).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
    expect(last('cmi.core.exit')).toBe('');
    expect(JSON.parse(last('cmi.suspend_data') ?? '{}')).toEqual({ v: 1, s: [0, 1], a: [1, 1] });
    expect(names.filter((n) => n === 'LMSCommit').length).toBeGreaterThanOrEqual(3);
  });

  test('reports valid values to scorm-again’s SCORM 1.2 runtime acting as the LMS', async ({ page }) => {
    test.slow();
    await page.goto(`${lmsBase}/lms-again.html`);
    const frame = await completeBoth(page);
    await frame.getByRole('button', { name: 'Finish and send my score' }).click();
    await expect(frame.getByText(/Finished: your score was sent/)).toBeVisible();
    const state = await page.evaluate(() => {
      const api = (window as unknown as { API: { cmi: { core: { score: { raw: string }; lesson_status: string } }; isTerminated(): boolean; LMSGetLastError(): string } }).API;
      return { raw: api.cmi.core.score.raw, status: api.cmi.core.lesson_status, terminated: api.isTerminated(), error: api.LMSGetLastError() };
    });
    expect(state).toEqual({ raw: '50', status: 'failed', terminated: true, error: '0' });
    await expect(frame.getByText('The LMS reported problems')).toHaveCount(0);
  });
});
