// Reading a lesson file defensively: lint and the shell must answer with one clear line
// for a file that is huge, binary, unreadable or not UTF-8, never with a stack trace.
import { lintText } from '../i18n/lint-text.js';
import { readFile, stat } from 'node:fs/promises';
import type { LintError } from './types.js';

/** A lesson is a few kilobytes of prose; anything this big is the wrong file. */
export const MAX_LESSON_BYTES = 1024 * 1024;

export async function readLessonText(file: string): Promise<{ text: string } | { error: LintError }> {
  const fail = (message: string) => ({ error: { file, line: 1, message } });
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) return fail(lintText().notAFile);
    size = st.size;
  } catch (e) {
    return fail(lintText().cannotRead(fsReason(e)));
  }
  if (size > MAX_LESSON_BYTES) {
    return fail(lintText().tooBig((size / 1024 / 1024).toFixed(1), MAX_LESSON_BYTES / 1024 / 1024));
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return fail(lintText().cannotRead(fsReason(e)));
  }
  return decodeLessonBytes(bytes, file);
}

export function decodeLessonBytes(bytes: Uint8Array, file: string): { text: string } | { error: LintError } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { error: { file, line: lineOfOffset(bytes, nul), message: lintText().binaryFile } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { error: { file, line: lineOfOffset(bytes, bad), message: lintText().notUtf8 } };
  }
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/** The offset of the first byte where decoding fails (found by bisecting on lines). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        dec.decode(bytes.subarray(start, i));
      } catch {
        return start;
      }
      start = i + 1;
    }
  }
  return 0;
}

function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return e instanceof Error ? e.message : String(e);
}
