import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, type Frame, type Locator, type Page } from '@playwright/test';

/*
 * Working a chart audit (validation exercise) the way a learner does, in the app or inside a
 * SCORM package's frame: the answer key from the CLI, Flag buttons, the flag form, Submit.
 */

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface Finding {
  target: string;
  errorType: string;
  correction: string;
}

/** The answer key as the CLI prints it (`chartlab scenario key <id>`): the submission format. */
export function cliKey(scenarioId: string): { seed: number; answers: { findings: Finding[] } } {
  const out = execFileSync(process.execPath, ['bin/chartlab.mjs', 'scenario', 'key', scenarioId], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out) as { seed: number; answers: { findings: Finding[] } };
}

const SECTIONS = ['Summary', 'Medications', 'Problems', 'Allergies', 'Immunizations', 'Labs', 'Encounters', 'History', 'Documents', 'Vitals'];

/**
 * The Flag button for a target (`ResourceType/id`, `DocumentReference/<id>`, `Patient/<id>`):
 * documents and the banner are always on screen; other facts are in one of the chart's sections.
 */
async function flagButton(page: Page | Frame, target: string): Promise<Locator> {
  const button = page.locator(`button.audit-flag__button[data-target="${target}"]`).first();
  if ((await button.count()) > 0) return button;
  const tabs = page.getByRole('tablist', { name: 'Chart sections' });
  for (const section of SECTIONS) {
    await tabs.getByRole('tab', { name: new RegExp(`^${section}`) }).click();
    if ((await button.count()) > 0) return button;
  }
  throw new Error(`No Flag button for ${target}`);
}

/** Flags one finding through the form, which opens on its target with the error type focused. */
export async function flag(page: Page | Frame, finding: Finding) {
  await (await flagButton(page, finding.target)).click();
  const dialog = page.getByRole('dialog', { name: 'Flag an error' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Target')).toHaveValue(finding.target);
  await expect(dialog.getByLabel('Error type')).toBeFocused();
  await dialog.getByLabel('Error type').selectOption(finding.errorType);
  await dialog.getByLabel('Proposed correction').fill(finding.correction);
  await dialog.getByRole('button', { name: 'Save finding' }).click();
  await expect(dialog).toBeHidden();
}

/** Submits through the confirmation dialog; focus goes to the score report's heading. */
export async function submit(page: Page | Frame) {
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Submit for scoring' }).click();
  await expect(page.getByRole('heading', { name: 'Score report' })).toBeFocused();
}
