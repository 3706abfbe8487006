/**
 * Record ids for learners, attempts and quiz sessions. These are storage identities, not
 * generated content, so they come from the platform's random source rather than a seeded rng
 * (STYLE §4 is about what the generator produces).
 *
 * `crypto.randomUUID` exists only in secure contexts (https, localhost); a lab computer may serve
 * ChartLab over plain http, so fall back to `crypto.getRandomValues`, which works everywhere.
 */
export function newId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // Not a secure context: fall through.
    }
  }
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An id for one open tab (one page load). Pass it as `writerId` to every `saveDraft` from that
 * tab; a reload gets a new one, which is fine because the reloaded tab first loads the draft and
 * saves with its revision.
 */
export function createWriterId(): string {
  return `tab-${newId()}`;
}
