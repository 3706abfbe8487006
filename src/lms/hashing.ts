import { canonicalJson } from '@/db/canonical-json';
import { sha256Hex } from '@/db/sha256';
import type { Hashing } from '@/domain/instructor/hashing';

/**
 * The one Hashing the app, the SCORM player and the CLI pass to the instructor formats: the
 * progress file's canonical JSON and SHA-256 (src/db; both are pure functions with no Dexie, and
 * sha256Hex falls back to plain JS where Web Crypto is missing). Reusing them keeps every
 * checksum in ChartLab computed the same way.
 */
export const DEFAULT_HASHING: Hashing = { canonicalJson, sha256Hex };
