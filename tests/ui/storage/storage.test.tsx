// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainerDBProvider } from '@/db/db-context';
import type { StorageManagerLike, StorageStatus } from '@/db/storage-status';
import { StorageNotices } from '@/ui/features/storage/storage-notices';
import { formatBytes, StoragePanel } from '@/ui/features/storage/storage-panel';
import { activeLearner, BEST_EFFORT, freshDB, renderApp } from './persistence-fixtures';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const MEMORY: StorageStatus = {
  mode: 'memory',
  problem: 'unavailable',
  reason: 'This browser isn’t letting ChartLab save data (storage may be turned off, or this may be a private window).',
};

describe('storage status in the app', () => {
  it('says plainly when progress can’t be saved, and exports it from the banner', async () => {
    const db = await freshDB();
    await activeLearner(db);
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:progress';
    });
    URL.revokeObjectURL = vi.fn();
    const { user } = renderApp(db, '#/chart', MEMORY);
    const banner = await screen.findByRole('region', { name: 'Your work is not being saved' });
    expect(banner).toHaveTextContent('Your progress can’t be saved in this browser.');
    expect(banner).toHaveTextContent('ChartLab keeps working, but your work is lost when you close or reload this tab, so export your progress before you leave.');

    await user.click(await within(banner).findByRole('button', { name: 'Export progress' }));
    await vi.waitFor(() => expect(blobs).toHaveLength(1));
    const file = JSON.parse(await (blobs[0] as Blob).text()) as { format: string; learner: { name: string } };
    expect(file).toMatchObject({ format: 'chartlab.progress', learner: { name: 'Maria Lopez' } });
  });

  it('tells the learner that data from a newer ChartLab was left alone', async () => {
    const db = await freshDB();
    renderApp(db, '#/chart', { mode: 'memory', problem: 'newer-version', reason: 'newer' });
    const banner = await screen.findByRole('region', { name: 'Your work is not being saved' });
    expect(banner).toHaveTextContent('This browser holds ChartLab data from a newer version of ChartLab. Nothing was changed or deleted.');
    expect(within(banner).getByRole('link', { name: 'Storage details' })).toHaveAttribute('href', '#/storage');
  });

  it('shows no banner while the work is being saved', async () => {
    const db = await freshDB();
    renderApp(db, '#/chart', BEST_EFFORT);
    await screen.findByRole('button', { name: 'Choose learner' });
    expect(screen.queryByRole('region', { name: 'Your work is not being saved' })).not.toBeInTheDocument();
  });

  it('asks to reload after another tab upgraded the database', () => {
    render(<StorageNotices status={BEST_EFFORT} versionChanged storageHref="#/storage" />);
    expect(screen.getByRole('alert')).toHaveTextContent('ChartLab was updated in another tab. This tab can no longer save. Reload it to keep working');
    expect(screen.getByRole('button', { name: 'Reload ChartLab' })).toBeInTheDocument();
  });
});

describe('storage page', () => {
  it('shows the space used and the quota, and asks the browser to keep the data', async () => {
    const db = await freshDB();
    let kept = false;
    const manager: StorageManagerLike = {
      estimate: async () => ({ usage: 1536, quota: 10 * 1024 ** 3 }),
      persisted: async () => kept,
      persist: async () => {
        kept = true;
        return true;
      },
    };
    const user = userEvent.setup();
    render(
      <TrainerDBProvider db={db} status={BEST_EFFORT}>
        <StoragePanel progressHref="#/progress" storageManager={manager} />
      </TrainerDBProvider>,
    );
    expect(await screen.findByText(/1\.50 KB of 10\.0 GB available to this site \(less than 0\.01%\)/)).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'Share of the space used' })).toBeInTheDocument();
    expect(screen.getByText(/No: the browser may clear it/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ask the browser to keep ChartLab’s data' }));
    expect(await screen.findByText(/Yes: the browser will not clear it/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Export or import progress' })).toHaveAttribute('href', '#/progress');
  });

  it('formats sizes as the browser counts them', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(52 * 1024 * 1024)).toBe('52.0 MB');
    expect(formatBytes(300 * 1024 ** 3)).toBe('300 GB');
  });
});
