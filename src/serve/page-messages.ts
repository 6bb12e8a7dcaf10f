// What a page may send (protocol.ts, PageMessage), checked for shape and size before it
// reaches a learner's lab: anything else is an error for that page, never a crash.
import { LANGS, type Lang } from '../i18n/lang.js';
import { socketText, type SocketText } from '../i18n/socket-text.js';
import type { PageMessage } from './protocol.js';

/** The largest frame a page may send (typing and pasting; a paste of 64 KiB is plenty). */
export const PAGE_FRAME_MAX = 64 * 1024;

/** A frame's JSON object, or what it is instead (for the error the page is sent). */
export function frameObject(text: string, t: SocketText = socketText('en')): Record<string, unknown> | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return t.notJson;
  }
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : t.notObject;
}

/** The message, or what it is instead in `t`'s words. */
export function parsePageMessage(text: string, t: SocketText = socketText('en')): PageMessage | string {
  const v = frameObject(text, t);
  if (typeof v === 'string') return v;
  switch (v.t) {
    case 'in':
      return typeof v.data === 'string' && v.data.length <= PAGE_FRAME_MAX ? { t: 'in', data: v.data } : t.typingNotText;
    case 'resize': {
      const ok = (n: unknown, lo: number, hi: number) => Number.isInteger(n) && (n as number) >= lo && (n as number) <= hi;
      return ok(v.cols, 2, 1000) && ok(v.rows, 2, 500) ? { t: 'resize', cols: v.cols as number, rows: v.rows as number } : t.sizeOutOfRange;
    }
    case 'hint':
      return { t: 'hint' };
    case 'lesson':
      return typeof v.id === 'string' && v.id.length <= 200 ? { t: 'lesson', id: v.id } : t.lessonNotName;
    case 'lang':
      return typeof v.lang === 'string' && (LANGS as readonly string[]).includes(v.lang) ? { t: 'lang', lang: v.lang as Lang } : t.langOther(LANGS);
    default:
      return t.unknownType;
  }
}
