/**
 * The two primitives the instructor file formats need for their checksums: a canonical JSON text
 * (sorted keys, so the same data always gives the same text) and SHA-256. The app and the CLI
 * both pass the same two functions, src/domain/checksum's (`DEFAULT_HASHING` in
 * src/lms/hashing.ts), which also checksum the progress file, so every producer and reader of a
 * file hashes the same bytes.
 */
export interface Hashing {
  canonicalJson(value: unknown): string;
  sha256Hex(text: string): Promise<string>;
}

/** SHA-256 (hex) of the canonical JSON of `body`: the `checksum` of an assignment file. */
export function checksumOf(body: unknown, hashing: Hashing): Promise<string> {
  return hashing.sha256Hex(hashing.canonicalJson(body));
}

/**
 * A constant key mixed into the integrity hash of result files. It is in the app's source, so
 * anyone who reads the source can compute a valid hash for an edited file: the hash DETECTS
 * EDITS (a score or answer changed by hand, a file damaged in transit), it does NOT stop a
 * determined forger. That is why the gradebook also re-scores every answer with the current key
 * and flags a stored score that differs: a forged score is caught even with a valid hash; only
 * forged answers (which then are the learner's answers) get through.
 */
export const RESULT_INTEGRITY_KEY = 'chartlab.result.v1:3f9c1e0a-instructor-integrity';

/**
 * HMAC-like keyed hash: SHA-256 over key, canonical body, key (an envelope MAC). Sufficient for
 * edit detection with a public key; a real HMAC would add nothing when the key is public.
 */
export function keyedHashOf(body: unknown, hashing: Hashing, key: string = RESULT_INTEGRITY_KEY): Promise<string> {
  return hashing.sha256Hex(`${key}\u0000${hashing.canonicalJson(body)}\u0000${key}`);
}
