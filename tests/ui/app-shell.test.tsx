// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/ui/app/app';
import { resetApp } from './chart-fixtures';

beforeEach(() => resetApp());
afterEach(() => cleanup());

describe('app shell', () => {
  it('has a header, main navigation, main region and footer', () => {
    render(<App />);
    expect(screen.getByRole('banner')).toHaveTextContent('ChartLab');
    expect(screen.getByRole('link', { name: 'Chart viewer' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Chart viewer' })).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toHaveTextContent(/copyright © Regenstrief Institute/);
    expect(screen.getByRole('contentinfo')).toHaveTextContent(/All patients are synthetic/);
  });

  it('offers a skip link that moves focus to the main content without changing the route', async () => {
    const user = userEvent.setup();
    resetApp('#/chart');
    render(<App />);
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    expect(window.location.hash).toBe('#/chart');
  });

  it('invites the learner to generate a chart when none is open', () => {
    render(<App />);
    expect(screen.getByRole('heading', { name: 'No chart open' })).toBeInTheDocument();
  });
});
