import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '@/domain/checksum/canonical-json';
import { sha256Hex, sha256HexFallback } from '@/domain/checksum/sha256';

afterEach(() => vi.unstubAllGlobals());

describe('checksum helpers', () => {
  it('canonical JSON sorts keys at every level and follows JSON.stringify otherwise', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: undefined }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"f":1}]},"b":1}');
    expect(canonicalJson([undefined, null, true, 'é'])).toBe('[null,null,true,"é"]');
    expect(canonicalJson({ when: new Date(0) })).toBe('{"when":"1970-01-01T00:00:00.000Z"}');
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
  });

  it('the fallback SHA-256 (for plain-http lab computers without crypto.subtle) matches Web Crypto', async () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), 'Ana María López \u2014 \u{1F600}', canonicalJson({ z: 1, a: [1, 2, 3] })];
    for (const text of inputs) {
      expect(sha256HexFallback(new TextEncoder().encode(text))).toBe(await sha256Hex(text));
    }
    expect(sha256HexFallback(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('sha256Hex gives the same digest when the page has no crypto.subtle (plain http)', async () => {
    const withWebCrypto = await sha256Hex('abc');
    vi.stubGlobal('crypto', {});
    expect(globalThis.crypto.subtle).toBeUndefined();
    expect(await sha256Hex('abc')).toBe(withWebCrypto);
    expect(withWebCrypto).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
