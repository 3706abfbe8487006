import { z } from 'zod';

/**
 * The submission format: what the app exports when a learner submits, what `chartlab scenario key`
 * prints, and what `chartlab score` reads. Documented in the README.
 */

export const SUBMISSION_FORMAT = 'chartlab.submission';
export const SUBMISSION_VERSION = 1;

const text = z.string().max(2000);
const optionalText = text.optional().default('');

export const allergyAnswerSchema = z.object({ substance: text, reaction: optionalText, severity: optionalText });
export const problemAnswerSchema = z.object({ problem: text, icd10: optionalText, onset: optionalText, status: optionalText });
export const medicationAnswerSchema = z.object({ drug: text, dose: optionalText, route: optionalText, frequency: optionalText });
export const labAnswerSchema = z.object({ test: text, value: optionalText, unit: optionalText, date: optionalText, flag: optionalText });
export const immunizationAnswerSchema = z.object({ vaccine: text, date: optionalText });
export const vitalAnswerSchema = z.object({ vital: text, value: optionalText, unit: optionalText, date: optionalText });

export const recordingAnswersSchema = z.object({
  kind: z.literal('recording'),
  allergies: z.array(allergyAnswerSchema).default([]),
  problems: z.array(problemAnswerSchema).default([]),
  medications: z.array(medicationAnswerSchema).default([]),
  labs: z.array(labAnswerSchema).default([]),
  immunizations: z.array(immunizationAnswerSchema).default([]),
  vitals: z.array(vitalAnswerSchema).default([]),
});

export const filingAnswersSchema = z.object({
  kind: z.literal('filing'),
  /** One entry per document the learner filed; `position` orders a patient's documents (1 = oldest). */
  placements: z
    .array(z.object({ documentId: z.string(), patientId: z.string(), section: z.string(), position: z.int().min(1) }))
    .default([]),
});

export const mpiAnswersSchema = z.object({
  kind: z.literal('mpi'),
  /** Sets of index records the learner judged to be one person, and the record that survives the merge. */
  groups: z.array(z.object({ recordIds: z.array(z.string()).min(2), survivorId: z.string() })).default([]),
});

export const validationAnswersSchema = z.object({
  kind: z.literal('validation'),
  findings: z
    .array(z.object({ target: z.string(), errorType: z.string(), correction: optionalText }))
    .default([]),
});

export const answersSchema = z.discriminatedUnion('kind', [recordingAnswersSchema, filingAnswersSchema, mpiAnswersSchema, validationAnswersSchema]);

export const submissionSchema = z.object({
  format: z.literal(SUBMISSION_FORMAT),
  version: z.literal(SUBMISSION_VERSION),
  scenarioId: z.string(),
  seed: z.int().min(0).max(4294967295),
  answers: answersSchema,
});

export type Submission = z.infer<typeof submissionSchema>;
export type Answers = z.infer<typeof answersSchema>;
export type RecordingAnswers = z.infer<typeof recordingAnswersSchema>;
export type FilingAnswers = z.infer<typeof filingAnswersSchema>;
export type MpiAnswers = z.infer<typeof mpiAnswersSchema>;
export type ValidationAnswers = z.infer<typeof validationAnswersSchema>;
export type AllergyAnswer = z.infer<typeof allergyAnswerSchema>;
export type ProblemAnswer = z.infer<typeof problemAnswerSchema>;
export type MedicationAnswer = z.infer<typeof medicationAnswerSchema>;
export type LabAnswer = z.infer<typeof labAnswerSchema>;
export type ImmunizationAnswer = z.infer<typeof immunizationAnswerSchema>;
export type VitalAnswer = z.infer<typeof vitalAnswerSchema>;
