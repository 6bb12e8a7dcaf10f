// The secrets of a class: learners' tokens (in their links), the instructor's token, and
// the short class code people type. Tokens carry 192 random bits; the server keeps only
// their SHA-256 (class-store.ts), so neither a log nor the state directory gives one away.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An unguessable token for a link: 24 random bytes, base64url (32 characters). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// No 0/O, 1/I/L: a code read aloud or copied from a projector.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A class code people can type: 6 characters (30 bits; the join link is not the only
 * secret: each learner's own link carries a token). */
export function newClassCode(): string {
  const bytes = randomBytes(6);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
