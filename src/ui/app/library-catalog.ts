import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { listAuthoredScenarios } from '@/db/authored-scenario-repo';
import { useOptionalTrainerDB } from '@/db/db-context';
import { DIFFICULTIES, SKILL_DOMAINS, type Scenario } from '@/domain/scenario/scenario-schema';
import type { ScenarioCatalog } from './scenario-catalog';

function rank<T>(list: readonly T[], value: T): number {
  const index = list.indexOf(value);
  return index === -1 ? list.length : index;
}

/** The shipped catalog plus the scenarios authored in this browser (a shipped id always wins). */
export function mergeAuthored(catalog: ScenarioCatalog, authored: readonly Scenario[]): ScenarioCatalog {
  if (authored.length === 0) return catalog;
  const shipped = new Set(catalog.scenarios.map((s) => s.id));
  const scenarios = [...catalog.scenarios, ...authored.filter((s) => !shipped.has(s.id))].sort(
    (a, b) =>
      rank(SKILL_DOMAINS, a.domain) - rank(SKILL_DOMAINS, b.domain) ||
      rank(DIFFICULTIES, a.difficulty) - rank(DIFFICULTIES, b.difficulty) ||
      a.title.localeCompare(b.title),
  );
  return { scenarios, errors: catalog.errors };
}

/**
 * The learner's library: shipped scenarios and the instructor's authored ones from this browser
 * (src/ui/features/instructor). Without storage, or while it loads, just the shipped catalog.
 */
export function useLibraryCatalog(catalog: ScenarioCatalog): ScenarioCatalog {
  const db = useOptionalTrainerDB()?.db ?? null;
  const authored = useLiveQuery(async () => (db ? (await listAuthoredScenarios(db)).map((r) => r.scenario) : []), [db]);
  return useMemo(() => mergeAuthored(catalog, authored ?? []), [catalog, authored]);
}
