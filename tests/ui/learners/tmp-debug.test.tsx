// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { it } from 'vitest';
import { createLearner, listLearners } from '@/db/learner-repo';
import { activeLearner, freshDB, renderApp } from '../storage/persistence-fixtures';
it('debug', async () => {
  const db = await freshDB();
  await createLearner(db, 'Ana');
  await activeLearner(db, 'Ben');
  const { user } = renderApp(db, '#/learners');
  await user.click(await screen.findByRole('button', { name: 'Delete Ana' }));
  const dialog = await screen.findByRole('dialog', { name: 'Delete Ana?' });
  const btn = within(dialog).getAllByRole('button');
  console.log('buttons', btn.map(b => b.textContent));
  await user.click(within(dialog).getByRole('button', { name: /^Delete Ana/ }));
  await new Promise(r => setTimeout(r, 1500));
  console.log('learners', (await listLearners(db)).map(l => l.name));
  console.log('dialog', screen.queryByRole('dialog')?.textContent);
});
