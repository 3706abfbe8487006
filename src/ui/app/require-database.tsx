import type { ReactNode } from 'react';
import { useOptionalTrainerDB } from '@/db/db-context';

/**
 * Pages about saved work need the database; the app always has one (app-root.tsx), but component
 * tests render the shell without it.
 */
export function RequireDatabase({ children }: { children: ReactNode }) {
  if (useOptionalTrainerDB()) return children;
  return (
    <div className="card empty-state">
      <h1>Saving is not available</h1>
      <p>This page shows saved work, and ChartLab was started without its storage.</p>
    </div>
  );
}
