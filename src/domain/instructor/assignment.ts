import { strFromU8, strToU8, deflateSync, inflateSync } from 'fflate';
import { z } from 'zod';
import { scenarioSchema, type Scenario } from '@/domain/scenario/scenario-schema';
import { describeZodError, InstructorFileError, parseJsonText } from './format-errors';
import { checksumOf, type Hashing } from './hashing';

/**
 * The assignment file (`chartlab.assignment` v1): what an instructor hands out, as a file or as a
 * link. It fixes the scenarios and their seeds, so every learner gets the same charts, plus the
 * due date, how many attempts count and the pass mark. Shipped scenarios are named by id (every
 * copy of ChartLab has them); authored ones travel in full, because only the instructor's browser
 * has them.
 */

export const ASSIGNMENT_FORMAT = 'chartlab.assignment';
export const ASSIGNMENT_VERSION = 1;

const seedSchema = z.int().min(0).max(4294967295);
const scenarioIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a scenario id such as "lab-data-quality"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const assignmentItemSchema = z
  .object({
    /** A shipped scenario's id, or a whole authored scenario. */
    scenario: z.union([scenarioIdSchema, scenarioSchema]),
    seed: seedSchema,
  })
  .strict();

export const assignmentIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, "-" and "_" (at most 64)');

const assignmentBodyShape = {
  format: z.literal(ASSIGNMENT_FORMAT),
  version: z.literal(ASSIGNMENT_VERSION),
  id: assignmentIdSchema,
  title: z.string().trim().min(1).max(200),
  course: z.string().max(200).optional(),
  /** The last day to hand in, as the instructor's calendar shows it (no time zone). */
  dueDate: isoDate,
  attemptsAllowed: z.int().min(1).max(20),
  /** Score (0 to 1) needed to pass each item and the assignment as a whole. */
  passMark: z.number().min(0).max(1),
  items: z.array(assignmentItemSchema).min(1).max(20),
  /** ISO 8601. */
  createdAt: z.string().min(1),
};

export const assignmentBodySchema = z.object(assignmentBodyShape).strict();
export const assignmentFileSchema = z.object({ ...assignmentBodyShape, checksum: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export type AssignmentItem = z.infer<typeof assignmentItemSchema>;
export type AssignmentBody = z.infer<typeof assignmentBodySchema>;
export type AssignmentFile = z.infer<typeof assignmentFileSchema>;

export interface AssignmentInput {
  id: string;
  title: string;
  course?: string;
  dueDate: string;
  attemptsAllowed: number;
  passMark: number;
  items: { scenario: Scenario; seed: number; /** Shipped scenarios are referenced by id; authored ones embedded. */ shipped: boolean }[];
  /** ISO 8601; passed in (domain code never reads the clock). */
  createdAt: string;
}

/** Builds and checksums an assignment. Throws InstructorFileError('invalid') with the fields at fault. */
export async function createAssignment(input: AssignmentInput, hashing: Hashing): Promise<AssignmentFile> {
  const candidate = {
    format: ASSIGNMENT_FORMAT,
    version: ASSIGNMENT_VERSION,
    id: input.id,
    title: input.title.trim(),
    ...(input.course?.trim() ? { course: input.course.trim() } : {}),
    dueDate: input.dueDate,
    attemptsAllowed: input.attemptsAllowed,
    passMark: input.passMark,
    items: input.items.map((item) => ({ scenario: item.shipped ? item.scenario.id : stripSchemaRef(item.scenario), seed: item.seed })),
    createdAt: input.createdAt,
  };
  const pairs = candidate.items.map((item) => `${typeof item.scenario === 'string' ? item.scenario : item.scenario.id}#${item.seed}`);
  const repeated = pairs.find((pair, i) => pairs.indexOf(pair) !== i);
  // Attempts are matched to items by scenario and seed, so each pair may appear once.
  if (repeated) throw new InstructorFileError('invalid', `The assignment lists ${repeated.replace('#', ' with seed ')} twice; use another seed for the second one.`);
  const parsed = assignmentBodySchema.safeParse(candidate);
  if (!parsed.success) throw new InstructorFileError('invalid', `The assignment is not complete: ${describeZodError(parsed.error)}`);
  // Normalize through JSON so the checksum covers exactly what a reader of the file sees.
  const body = JSON.parse(JSON.stringify(parsed.data)) as AssignmentBody;
  return { ...body, checksum: await checksumOf(body, hashing) };
}

/** The `$schema` pointer of a scenario file is relative to scenarios/ and means nothing elsewhere. */
function stripSchemaRef(scenario: Scenario): Scenario {
  const { $schema: _schema, ...rest } = scenario;
  return rest;
}

/** Checks an assignment (file text or parsed JSON): format, version, fields, checksum. */
export async function readAssignment(input: unknown, hashing: Hashing): Promise<AssignmentFile> {
  const value = typeof input === 'string' ? parseJsonText(input, 'ChartLab assignment') : input;
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (record.format !== ASSIGNMENT_FORMAT) {
    const hint = record.format === 'chartlab.result' ? ' (it is a learner\u2019s result file: import it in the gradebook)' : '';
    throw new InstructorFileError('wrong-format', `This is not a ChartLab assignment${hint}.`);
  }
  if (typeof record.version === 'number' && record.version > ASSIGNMENT_VERSION) {
    throw new InstructorFileError('newer-version', `This assignment was made by a newer ChartLab (assignment version ${record.version}); update ChartLab and open it again.`);
  }
  const parsed = assignmentFileSchema.safeParse(value);
  if (!parsed.success) throw new InstructorFileError('invalid', `This assignment file is damaged or incomplete: ${describeZodError(parsed.error)}`);
  const { checksum, ...body } = record;
  if ((await checksumOf(body, hashing)) !== checksum) {
    throw new InstructorFileError('tampered', 'This assignment was changed after it was made (its checksum does not match), so it can\u2019t be used. Ask your instructor for the original file or link.');
  }
  return parsed.data;
}

/** Lower-case ASCII words joined by "-", for file names and ids: "Week 3: Lab Audit" → "week-3-lab-audit". */
export function fileNameSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function assignmentFileName(assignment: Pick<AssignmentFile, 'id'>): string {
  return `${assignment.id}.assignment.json`;
}

export function serializeAssignment(assignment: AssignmentFile): string {
  return `${JSON.stringify(assignment, null, 2)}\n`;
}

/** The scenario of an item: embedded, or a shipped one looked up by id. */
export function itemScenarioId(item: AssignmentItem): string {
  return typeof item.scenario === 'string' ? item.scenario : item.scenario.id;
}

/**
 * The scenario a learner works on for an item: the shipped or embedded scenario with the
 * assignment's pass mark, so the learner's report, the gradebook's re-score and the LMS all judge
 * pass/fail by the same mark. Undefined when a shipped id is unknown to this copy of ChartLab.
 */
export function resolveItemScenario(item: AssignmentItem, passMark: number, lookup: (id: string) => Scenario | undefined): Scenario | undefined {
  const scenario = typeof item.scenario === 'string' ? lookup(item.scenario) : item.scenario;
  return scenario ? { ...scenario, passingScore: passMark } : undefined;
}

// --- Links ----------------------------------------------------------------------------------

/** The route of an assignment link: `#/assignment/<payload>`. */
export const ASSIGNMENT_LINK_SECTION = 'assignment';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new InstructorFileError('invalid', 'This assignment link is damaged (it has characters a link never contains). Copy the whole link again.');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The assignment as a link payload: canonical-free compact JSON, raw DEFLATE, base64url. */
export function encodeAssignmentPayload(assignment: AssignmentFile): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(assignment)), { level: 9 }));
}

/** The parsed JSON of a link payload (check it with readAssignment). */
export function decodeAssignmentPayload(payload: string): unknown {
  let text: string;
  try {
    text = strFromU8(inflateSync(fromBase64Url(payload)));
  } catch (error) {
    if (error instanceof InstructorFileError) throw error;
    throw new InstructorFileError('invalid', 'This assignment link is damaged or cut off. Copy the whole link again, or ask for the assignment file.');
  }
  return parseJsonText(text, 'ChartLab assignment link');
}

/** `<base>#/assignment/<payload>`; `base` is the app's address without a fragment. */
export function assignmentLink(base: string, assignment: AssignmentFile): string {
  return `${base.replace(/#.*$/, '')}#/${ASSIGNMENT_LINK_SECTION}/${encodeAssignmentPayload(assignment)}`;
}
