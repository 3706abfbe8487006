import { canonicalJson } from '@/domain/checksum/canonical-json';
import { sha256Hex } from '@/domain/checksum/sha256';
import type { Hashing } from '@/domain/instructor/hashing';

/**
 * The one Hashing the app, the SCORM player and the CLI pass to the instructor formats: the
 * domain's canonical JSON and SHA-256 (src/domain/checksum; sha256Hex falls back to plain JS
 * where Web Crypto is missing), the same the progress file uses. Reusing them keeps every
 * checksum in ChartLab computed the same way.
 */
export const DEFAULT_HASHING: Hashing = { canonicalJson, sha256Hex };
