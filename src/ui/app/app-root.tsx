import { useEffect, useState } from 'react';
import { TrainerDBProvider } from '@/db/db-context';
import { App } from './app';
import { openAppDatabase, type OpenedDatabase } from './app-database';

/**
 * The app with its database: opens it once (openTrainerDB, which falls back to an in-memory
 * database rather than failing) and provides it to everything below. Opening usually takes a few
 * milliseconds; a slow one (an old tab blocking an upgrade) shows a small loading state.
 */
export function AppRoot() {
  const [opened, setOpened] = useState<OpenedDatabase | null>(null);
  useEffect(() => {
    let cancelled = false;
    void openAppDatabase().then((result) => {
      if (!cancelled) setOpened(result);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!opened) {
    return (
      <div className="app-opening" role="status" aria-busy="true">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>Opening ChartLab…</p>
      </div>
    );
  }
  return (
    <TrainerDBProvider db={opened.db} status={opened.status}>
      <App />
    </TrainerDBProvider>
  );
}
