import { scenarioSchema, type Scenario } from '@/domain/scenario/scenario-schema';
import { guardWrite } from './db-errors';
import type { AuthoredScenarioRecord } from './records';
import type { TrainerDB } from './trainer-db';

/** Scenarios an instructor wrote or edited in the app (the `authoredScenarios` table). */

export class InvalidAuthoredScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAuthoredScenarioError';
  }
}

/**
 * Saves a scenario (validated with scenarioSchema first: a broken scenario is never stored).
 * When the instructor changed the id, pass the old one as `previousId`: the old row goes in the
 * same transaction, so the list never shows both.
 */
export function saveAuthoredScenario(db: TrainerDB, scenario: Scenario, options: { previousId?: string; now?: number } = {}): Promise<AuthoredScenarioRecord> {
  const parsed = scenarioSchema.safeParse(scenario);
  if (!parsed.success) throw new InvalidAuthoredScenarioError(`The scenario is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  const record: AuthoredScenarioRecord = { id: parsed.data.id, scenario: parsed.data, updatedAt: options.now ?? Date.now() };
  return guardWrite(() =>
    db.transaction('rw', db.authoredScenarios, async () => {
      if (options.previousId !== undefined && options.previousId !== record.id) await db.authoredScenarios.delete(options.previousId);
      await db.authoredScenarios.put(record);
      return record;
    }),
  );
}

/** Every authored scenario that still passes the schema, most recently edited first. */
export async function listAuthoredScenarios(db: TrainerDB): Promise<AuthoredScenarioRecord[]> {
  const rows = await db.authoredScenarios.orderBy('updatedAt').reverse().toArray();
  return rows.filter((row) => scenarioSchema.safeParse(row.scenario).success);
}

export function getAuthoredScenario(db: TrainerDB, id: string): Promise<AuthoredScenarioRecord | undefined> {
  return db.authoredScenarios.get(id);
}

export function deleteAuthoredScenario(db: TrainerDB, id: string): Promise<void> {
  return guardWrite(() => db.authoredScenarios.delete(id));
}
