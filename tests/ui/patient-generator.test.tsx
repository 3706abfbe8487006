// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '@/store/app-store';
import { App } from '@/ui/app/app';
import { chartForSeed, resetApp } from './chart-fixtures';

beforeEach(() => resetApp());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function bannerName(seed: number): RegExp {
  const family = chartForSeed(seed).patient.name?.[0]?.family?.toUpperCase() as string;
  return new RegExp(`^${family},`);
}

describe('generating a patient', () => {
  it('rejects a seed that is not a whole number, with a message tied to the field', async () => {
    const user = userEvent.setup();
    render(<App />);
    const seed = screen.getByLabelText('Seed');
    await user.type(seed, 'abc');
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    expect(seed).toHaveAttribute('aria-invalid', 'true');
    expect(seed).toHaveAccessibleDescription(/whole number written with digits only/i);
    expect(seed).toHaveFocus();
    expect(useAppStore.getState().status).toBe('idle');
  });

  it('rejects a seed above 4294967295 and an empty seed', async () => {
    const user = userEvent.setup();
    render(<App />);
    const seed = screen.getByLabelText('Seed');
    await user.type(seed, '4294967296');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(seed).toHaveAccessibleDescription(/between 0 and 4,294,967,295/);

    await user.clear(seed);
    expect(seed).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(seed).toHaveAccessibleDescription(/Enter a seed/);
  });

  it('opens the chart for seed 42 and puts the seed in the link', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.type(screen.getByLabelText('Seed'), '42');
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    expect(await screen.findByRole('region', { name: bannerName(42) }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByText('Showing seed', { exact: false })).toHaveTextContent('Showing seed 42');
    expect(window.location.hash).toBe('#/chart?seed=42');
  });

  it('passes the sex and age band filters to the generator', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.type(screen.getByLabelText('Seed'), '7');
    await user.selectOptions(screen.getByLabelText('Sex'), 'Male');
    await user.selectOptions(screen.getByLabelText('Age band'), '65 years and older');
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    const banner = await screen.findByRole('region', { name: /,/ }, { timeout: 15_000 });
    expect(useAppStore.getState().request).toEqual({ seed: 7, sex: 'male', minAge: 65, maxAge: 92 });
    expect(within(banner).getByText('Male')).toBeInTheDocument();
    const age = Number(/^(\d+) y$/.exec(within(banner).getByText(/^\d+ y$/).textContent ?? '')?.[1]);
    expect(age).toBeGreaterThanOrEqual(65);
    expect(window.location.hash).toBe('#/chart?seed=7&sex=male&age=65-92');
  });

  it('draws a random seed from crypto.getRandomValues for Random patient', async () => {
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      (array as unknown as Uint32Array)[0] = 42;
      return array;
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('button', { name: 'Random patient' }));

    expect(await screen.findByRole('region', { name: bannerName(42) }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByLabelText('Seed')).toHaveValue('42');
  });

  it('opens the chart a link names', async () => {
    resetApp('#/chart?seed=42');
    render(<App />);
    expect(await screen.findByRole('region', { name: bannerName(42) }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByLabelText('Seed')).toHaveValue('42');
  });
});
