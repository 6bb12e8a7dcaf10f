// What a page may send, checked before it reaches a lab.
import { describe, expect, it } from 'vitest';
import { PAGE_FRAME_MAX, parsePageMessage } from '../../src/serve/page-messages.js';

const parse = (v: unknown) => parsePageMessage(JSON.stringify(v));

describe('parsePageMessage', () => {
  it('takes typing, up to PAGE_FRAME_MAX characters, and only the fields it knows', () => {
    expect(parse({ t: 'in', data: 'ip a\r' })).toEqual({ t: 'in', data: 'ip a\r' });
    expect(parse({ t: 'in', data: '' })).toEqual({ t: 'in', data: '' });
    expect(parse({ t: 'in', data: 'x'.repeat(PAGE_FRAME_MAX) })).toEqual({ t: 'in', data: 'x'.repeat(PAGE_FRAME_MAX) });
    expect(parse({ t: 'in', data: 'ls\r', extra: 'dropped' })).toEqual({ t: 'in', data: 'ls\r' });
  });

  it('refuses typing that is not text or is too long', () => {
    for (const data of [undefined, null, 7, ['ls'], { s: 'ls' }, 'x'.repeat(PAGE_FRAME_MAX + 1)]) {
      expect(parse({ t: 'in', data })).toBe('typing that is not text');
    }
  });

  it('takes a terminal size within 2..1000 columns and 2..500 rows', () => {
    expect(parse({ t: 'resize', cols: 100, rows: 30 })).toEqual({ t: 'resize', cols: 100, rows: 30 });
    expect(parse({ t: 'resize', cols: 2, rows: 2 })).toEqual({ t: 'resize', cols: 2, rows: 2 });
    expect(parse({ t: 'resize', cols: 1000, rows: 500 })).toEqual({ t: 'resize', cols: 1000, rows: 500 });
  });

  it('refuses a size out of range or not a whole number', () => {
    const bad = [[1, 30], [1001, 30], [100, 1], [100, 501], [0, 0], [-80, 24], [80.5, 24], ['80', 24], [80, null], [undefined, 24], [[80], 24], [1e308, 24]];
    for (const [cols, rows] of bad) expect(parse({ t: 'resize', cols, rows }), `${cols}x${rows}`).toBe('a terminal size out of range');
  });

  it('takes a request for a hint', () => {
    expect(parse({ t: 'hint' })).toEqual({ t: 'hint' });
    expect(parse({ t: 'hint', number: 99 })).toEqual({ t: 'hint' });
  });

  it('takes a lesson name up to 200 characters, and nothing else', () => {
    expect(parse({ t: 'lesson', id: 'docker0' })).toEqual({ t: 'lesson', id: 'docker0' });
    expect(parse({ t: 'lesson', id: 'x'.repeat(200) })).toEqual({ t: 'lesson', id: 'x'.repeat(200) });
    for (const id of ['x'.repeat(201), 3, null, ['docker0'], undefined]) expect(parse({ t: 'lesson', id })).toBe('a lesson that is not a name');
  });

  it('refuses unknown types, and what is not a JSON object', () => {
    expect(parse({ t: 'exec', cmd: 'id' })).toBe('an unknown message type');
    expect(parse({ data: 'ls' })).toBe('an unknown message type');
    expect(parse({ t: ['in'], data: 'ls' })).toBe('an unknown message type');
    expect(parsePageMessage('{"t":"in"')).toBe('a message that is not JSON');
    expect(parsePageMessage('')).toBe('a message that is not JSON');
    expect(parsePageMessage('null')).toBe('a message that is not an object');
    expect(parsePageMessage('[{"t":"hint"}]')).toBe('a message that is not an object');
    expect(parsePageMessage('"hint"')).toBe('a message that is not an object');
    expect(parsePageMessage('1')).toBe('a message that is not an object');
    expect(parsePageMessage('true')).toBe('a message that is not an object');
  });
});
