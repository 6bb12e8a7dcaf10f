// The secrets of a class: tokens in links, their hashes on disk, the class code.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newClassCode, newToken, sameSecret, tokenHash, TOKEN_SHAPE } from '../../src/serve/tokens.js';

describe('newToken', () => {
  it('has the shape links are checked against, and carries 192 bits', () => {
    const t = newToken();
    expect(t).toMatch(TOKEN_SHAPE);
    expect(Buffer.from(t, 'base64url')).toHaveLength(24);
  });

  it('is new each time', () => {
    const seen = new Set(Array.from({ length: 1000 }, newToken));
    expect(seen.size).toBe(1000);
  });

  it('TOKEN_SHAPE refuses what is not a token', () => {
    const t = newToken();
    for (const bad of ['', t.slice(1), t + 'A', `${t.slice(1)}/`, `${t.slice(1)}.`, `${t.slice(1)}=`, `../${t.slice(3)}`]) expect(TOKEN_SHAPE.test(bad), bad).toBe(false);
  });
});

describe('tokenHash', () => {
  it('is the hex SHA-256 of the token, so the token is not on disk', () => {
    const t = newToken();
    expect(tokenHash(t)).toBe(createHash('sha256').update(t).digest('hex'));
    expect(tokenHash(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(t)).not.toContain(t);
    expect(tokenHash(t)).not.toBe(tokenHash(newToken()));
  });
});

describe('sameSecret', () => {
  it('is true for equal strings only', () => {
    const t = newToken();
    expect(sameSecret(t, `${t}`)).toBe(true);
    expect(sameSecret(t, `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });

  it('is false, without throwing, for strings of different lengths', () => {
    const t = newToken();
    expect(sameSecret(t, t.slice(1))).toBe(false);
    expect(sameSecret(t, '')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
    // Same number of characters, different number of bytes.
    expect(sameSecret('é', 'ee')).toBe(false);
  });
});

describe('newClassCode', () => {
  it('is 6 characters from an alphabet without 0/O, 1/I/L', () => {
    for (let i = 0; i < 500; i++) {
      const c = newClassCode();
      expect(c).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
      expect(c).not.toMatch(/[01OIL]/);
    }
  });

  it('uses the whole alphabet', () => {
    const chars = new Set(Array.from({ length: 500 }, newClassCode).join(''));
    expect([...chars].sort().join('')).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
  });
});
