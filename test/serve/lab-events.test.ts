// What a learner's lab reports, read line by line: every kind of event, each field wrong,
// and lines too long, whole or in pieces.
import { describe, expect, it } from 'vitest';
import { parseLabEvent } from '../../src/serve/lab-events.js';
import { LAB_EVENT_MAX, type LabEvent } from '../../src/serve/protocol.js';
import { buildModel } from '../../src/view/topo-model.js';
import { UNICODE } from '../../src/view/topo-text.js';
import { captured } from '../view/fixtures.js';

const model = JSON.parse(JSON.stringify(buildModel(captured('lesson1-docker0'), UNICODE)));

const VALID: LabEvent[] = [
  { kind: 'step', lessonId: 'docker0', number: 3, total: 15 },
  { kind: 'checks', lessonId: 'docker0', number: 3, checks: [{ ok: true, expected: 'a bridge docker0', found: 'docker0' }, { ok: false, expected: 'up', found: 'down' }] },
  { kind: 'checks', lessonId: 'docker0', number: 1, checks: [] },
  { kind: 'step-passed', lessonId: 'docker0', number: 3 },
  { kind: 'lesson-done', lessonId: 'docker0' },
  { kind: 'hint', lessonId: 'docker0', number: 3, hint: 'Try ip -br link.', of: 2, at: 1 },
  { kind: 'topology', model },
  { kind: 'prompt', idle: true },
  { kind: 'prompt', idle: false },
  { kind: 'error-seen', line: 'ip link set veth1 up', explanation: 'Cannot find device "veth1": …' },
  { kind: 'held', lessonId: 'docker0', step: 4, message: 'wait for the demo' },
  { kind: 'held', lessonId: 'docker0', step: 4, message: '' },
];

describe('parseLabEvent', () => {
  for (const e of VALID) {
    it(`takes a valid ${e.kind} event as it is`, () => {
      expect(parseLabEvent(JSON.stringify(e))).toEqual(e);
    });
  }

  const step = VALID[0];
  const checks = VALID[1];
  const hint = VALID[5];
  const BAD: [string, object, string][] = [
    ['step without a lesson', { ...step, lessonId: undefined }, 'bad step'],
    ['step with a numeric lesson', { ...step, lessonId: 7 }, 'bad step'],
    ['step with a lesson id over 200 characters', { ...step, lessonId: 'x'.repeat(201) }, 'bad step'],
    ['step numbered -1', { ...step, number: -1 }, 'bad step'],
    ['step numbered 1.5', { ...step, number: 1.5 }, 'bad step'],
    ['step numbered "3"', { ...step, number: '3' }, 'bad step'],
    ['step numbered over 10000', { ...step, number: 10001 }, 'bad step'],
    ['step without a total', { ...step, total: undefined }, 'bad step'],
    ['checks that are not an array', { ...checks, checks: {} }, 'bad checks'],
    ['checks with null', { ...checks, checks: [null] }, 'bad checks'],
    ['a check whose ok is not boolean', { ...checks, checks: [{ ok: 'yes', expected: 'a', found: 'b' }] }, 'bad checks'],
    ['a check without expected', { ...checks, checks: [{ ok: true, found: 'b' }] }, 'bad checks'],
    ['a check whose found is over 4096 characters', { ...checks, checks: [{ ok: true, expected: 'a', found: 'f'.repeat(4097) }] }, 'bad checks'],
    ['more than 100 checks', { ...checks, checks: Array(101).fill({ ok: true, expected: 'a', found: 'b' }) }, 'bad checks'],
    ['checks without a number', { ...checks, number: null }, 'bad checks'],
    ['step-passed without a number', { kind: 'step-passed', lessonId: 'docker0' }, 'bad step-passed'],
    ['step-passed without a lesson', { kind: 'step-passed', number: 1 }, 'bad step-passed'],
    ['lesson-done with a lesson that is an array', { kind: 'lesson-done', lessonId: ['docker0'] }, 'bad lesson-done'],
    ['hint without text', { ...hint, hint: undefined }, 'bad hint'],
    ['hint text over 20000 characters', { ...hint, hint: 'h'.repeat(20001) }, 'bad hint'],
    ['hint without of', { ...hint, of: undefined }, 'bad hint'],
    ['hint with a negative at', { ...hint, at: -1 }, 'bad hint'],
    ['topology without a model', { kind: 'topology' }, 'bad topology'],
    ['topology with a null model', { kind: 'topology', model: null }, 'bad topology'],
    ['topology whose host is null', { kind: 'topology', model: { ...model, host: null } }, 'bad topology'],
    ['topology whose host has no lines', { kind: 'topology', model: { ...model, host: { ...model.host, lines: 'x' } } }, 'bad topology'],
    ['topology whose boxes are not an array', { kind: 'topology', model: { ...model, boxes: {} } }, 'bad topology'],
    ['topology without wires', { kind: 'topology', model: { ...model, wires: undefined } }, 'bad topology'],
    ['topology without notes', { kind: 'topology', model: { ...model, notes: undefined } }, 'bad topology'],
    ['prompt whose idle is a string', { kind: 'prompt', idle: 'true' }, 'bad prompt'],
    ['prompt without idle', { kind: 'prompt' }, 'bad prompt'],
    ['error-seen without the line', { kind: 'error-seen', explanation: 'x' }, 'bad error-seen'],
    ['error-seen with a line over 2000 characters', { kind: 'error-seen', line: 'l'.repeat(2001), explanation: 'x' }, 'bad error-seen'],
    ['error-seen with an explanation over 8000 characters', { kind: 'error-seen', line: 'l', explanation: 'e'.repeat(8001) }, 'bad error-seen'],
    ['held without a step', { kind: 'held', lessonId: 'docker0', message: '' }, 'bad held'],
    ['held at step "4"', { kind: 'held', lessonId: 'docker0', step: '4', message: '' }, 'bad held'],
    ['held without a message', { kind: 'held', lessonId: 'docker0', step: 4 }, 'bad held'],
    ['held with a message over 2000 characters', { kind: 'held', lessonId: 'docker0', step: 4, message: 'm'.repeat(2001) }, 'bad held'],
    ['held without a lesson', { kind: 'held', step: 4, message: '' }, 'bad held'],
    ['an unknown kind', { kind: 'shell', command: 'rm -rf /' }, 'unknown kind'],
    ['no kind', { lessonId: 'docker0' }, 'unknown kind'],
    ['an array', [VALID[0]], 'unknown kind'],
  ];
  for (const [what, value, reason] of BAD) {
    it(`refuses ${what}: "${reason}"`, () => {
      expect(parseLabEvent(JSON.stringify(value))).toBe(reason);
    });
  }

  it('refuses what is not JSON, or not an object', () => {
    expect(parseLabEvent('{"kind":"prompt",')).toBe('not JSON');
    expect(parseLabEvent('')).toBe('not JSON');
    expect(parseLabEvent('null')).toBe('not an object');
    expect(parseLabEvent('"prompt"')).toBe('not an object');
    expect(parseLabEvent('42')).toBe('not an object');
  });

  it('refuses a line longer than LAB_EVENT_MAX before reading it', () => {
    const e = JSON.stringify({ kind: 'error-seen', line: 'l', explanation: 'e' });
    const long = e.padEnd(LAB_EVENT_MAX + 1, ' ');
    expect(parseLabEvent(long)).toBe('too long');
    expect(parseLabEvent(e.padEnd(LAB_EVENT_MAX, ' '))).toEqual({ kind: 'error-seen', line: 'l', explanation: 'e' });
  });
});
