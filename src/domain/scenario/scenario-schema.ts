import { z } from 'zod';
import { CONDITIONS } from '@/domain/codes/code-tables';

/**
 * The format of a scenario file in `scenarios/`. This schema is the single source of truth: the
 * TypeScript type is inferred from it, `scenarios/scenario.schema.json` is generated from it
 * (`npm run scenarios:schema`), and every file is loaded through `loadScenario`, which reports
 * the file, the field and what was expected.
 */

export const SCENARIO_SCHEMA_VERSION = 1;

export const SKILL_DOMAINS = [
  'data-abstraction',
  'data-quality',
  'deficiency-analysis',
  'mpi-integrity',
  'document-management',
  'coding-validation',
  'release-of-information',
] as const;

export const SKILL_DOMAIN_LABELS: Record<(typeof SKILL_DOMAINS)[number], string> = {
  'data-abstraction': 'Data abstraction',
  'data-quality': 'Data quality and validation',
  'deficiency-analysis': 'Deficiency analysis',
  'mpi-integrity': 'MPI and record integrity',
  'document-management': 'Document management',
  'coding-validation': 'Coding validation',
  'release-of-information': 'Release of information',
};

export const DIFFICULTIES = ['intro', 'intermediate', 'advanced'] as const;

export const RECORDING_SECTIONS = ['allergies', 'problems', 'medications', 'labs', 'immunizations', 'vitals'] as const;

export const DOCUMENT_KINDS = [
  'registration',
  'history-physical',
  'progress-note',
  'discharge-summary',
  'lab-report',
  'medication-list',
  'immunization-record',
] as const;

export const ERROR_TYPES = [
  'allergy-missing-from-list',
  'drug-allergy-conflict',
  'wrong-patient-result',
  'transposed-mrn',
  'transposed-birth-date',
  'unit-error',
  'abnormal-not-flagged',
  'impossible-date',
  'duplicate-entry',
  'discontinued-still-active',
  'wrong-laterality',
  'missing-signature',
  'late-signature',
  'missing-order-date',
  'copy-forward',
  'code-text-mismatch',
  'missing-hp-element',
  'missing-discharge-element',
] as const;

export const LOOKALIKE_KINDS = ['same-name', 'twins', 'jr-sr'] as const;

export const MPI_VARIATIONS = ['typo', 'nickname', 'transposed-birth-date', 'maiden-name', 'swapped-names', 'missing-middle-name', 'new-address'] as const;

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id such as "med-rec-intro"');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar date');

const seed = z.int().min(0).max(4294967295);

const conditionId = z
  .string()
  .refine((id) => CONDITIONS.some((c) => c.id === id), { error: (issue) => `a condition module id (see src/domain/codes/data/conditions.json), got "${String(issue.input)}"` });

export const patientSpecSchema = z
  .object({
    seed: seed.describe('The seed of the (first) patient; the same seed always gives the same chart.'),
    seedRange: z
      .tuple([seed, seed])
      .optional()
      .describe('Optional [from, to]: "new variant" picks another seed in this range, so learners can retry on a fresh chart.'),
    sex: z.enum(['male', 'female']).optional(),
    minAge: z.int().min(0).max(110).optional(),
    maxAge: z.int().min(0).max(110).optional(),
    conditions: z.array(conditionId).optional().describe('Condition module ids every patient must have.'),
    allergies: z.boolean().optional().describe('true: at least one allergy; false: no known allergies; omitted: chance.'),
    admission: z.boolean().optional().describe('Include an inpatient stay, so there is an H&P and a discharge summary.'),
    bundle: z
      .string()
      .regex(/^bundles\/[A-Za-z0-9][A-Za-z0-9._-]*\.json$/, 'a FHIR R4 bundle file in scenarios/bundles/, such as "bundles/synthea-patient.json"')
      .optional()
      .describe(
        'Use an imported chart instead of a generated one: a FHIR R4 bundle (e.g. from Synthea) in scenarios/bundles/. Recording and validation tasks only; the seed then only varies the planted errors, and the chart keeps the file\'s own reference date.',
      ),
  })
  .superRefine((spec, ctx) => {
    if (spec.minAge !== undefined && spec.maxAge !== undefined && spec.minAge > spec.maxAge) {
      ctx.addIssue({ code: 'custom', path: ['maxAge'], message: 'maxAge must be at least minAge' });
    }
    if (spec.seedRange && spec.seedRange[0] > spec.seedRange[1]) {
      ctx.addIssue({ code: 'custom', path: ['seedRange'], message: 'seedRange must be [from, to] with from <= to' });
    }
  });

export const recordingTaskSchema = z.object({
  kind: z.literal('recording'),
  sections: z.array(z.enum(RECORDING_SECTIONS)).min(1).describe('Which parts of the chart the learner abstracts.'),
  documents: z.array(z.enum(DOCUMENT_KINDS)).min(1).optional().describe('Documents shown to abstract from (default: all).'),
  instructions: z.string().min(1),
});

export const filingTaskSchema = z
  .object({
    kind: z.literal('filing'),
    patientCount: z.int().min(2).max(6).describe('How many patients the loose documents belong to.'),
    lookalikes: z.array(z.enum(LOOKALIKE_KINDS)).describe('Look-alike patients planted among them.'),
    documentsPerPatient: z.int().min(2).max(8),
    instructions: z.string().min(1),
  })
  .superRefine((task, ctx) => {
    // Each look-alike needs a patient to imitate and a patient to be; a Jr./Sr. pair needs two of its own.
    const needed = task.lookalikes.length + 1 + (task.lookalikes.includes('jr-sr') && task.lookalikes.length > 1 ? 1 : 0);
    if (task.patientCount < needed) {
      ctx.addIssue({ code: 'custom', path: ['patientCount'], message: `at least ${needed} patients are needed for the look-alikes ${task.lookalikes.join(', ')}` });
    }
  });

export const mpiTaskSchema = z.object({
  kind: z.literal('mpi'),
  people: z.int().min(3).max(15).describe('Distinct people in the index.'),
  duplicates: z.int().min(1).max(15).describe('Duplicate registrations to plant.'),
  variations: z.array(z.enum(MPI_VARIATIONS)).min(1).describe('How duplicates differ from the original registration.'),
  decoys: z.int().min(0).max(5).default(1).describe('Different people who look alike (must not be merged).'),
  instructions: z.string().min(1),
});

export const validationTaskSchema = z.object({
  kind: z.literal('validation'),
  errorTypes: z.array(z.enum(ERROR_TYPES)).min(1).describe('The error catalog entries this scenario may plant.'),
  errorCount: z.int().min(1).max(10).describe('How many errors to plant (each of a type from errorTypes that fits the chart).'),
  instructions: z.string().min(1),
});

export const taskSchema = z.discriminatedUnion('kind', [recordingTaskSchema, filingTaskSchema, mpiTaskSchema, validationTaskSchema]);

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    id: kebabId,
    title: z.string().min(3).max(120),
    summary: z.string().min(10),
    learningObjectives: z.array(z.string().min(3)).min(1),
    domain: z.enum(SKILL_DOMAINS),
    difficulty: z.enum(DIFFICULTIES),
    refDate: isoDate.describe('The "today" of the generated charts.'),
    patients: patientSpecSchema,
    task: taskSchema,
    timeLimitMinutes: z.int().min(1).max(240).optional(),
    passingScore: z.number().min(0).max(1).describe('Score (0 to 1) needed to pass.'),
    instructorNotes: z.string().min(1),
    remarks: z.array(z.string()).optional().describe('Rationale and citations.'),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    // Filing and MPI tasks need a cohort of look-alike patients, which one imported record cannot give.
    if (scenario.patients.bundle && (scenario.task.kind === 'filing' || scenario.task.kind === 'mpi')) {
      ctx.addIssue({ code: 'custom', path: ['patients', 'bundle'], message: `an imported bundle can be used by recording and validation tasks, not by a ${scenario.task.kind} task` });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioTask = z.infer<typeof taskSchema>;
export type TaskKind = ScenarioTask['kind'];
export type SkillDomain = (typeof SKILL_DOMAINS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type ErrorType = (typeof ERROR_TYPES)[number];
export type RecordingSection = (typeof RECORDING_SECTIONS)[number];
export type PatientSpec = z.infer<typeof patientSpecSchema>;
