// Workshop mode: the learner's shell reports its session (LabEvents) for the pages; what
// a served shell reports of a real lab is test/serve/served-shell.live.test.ts's.
import { describe, expect, it } from 'vitest';
import { sessionReporter } from '../../src/serve/page-events.js';
import { LAB_EVENT_MAX } from '../../src/serve/protocol.js';

describe('page events', () => {
  it('an event bigger than may be sent is left out, the next one goes', () => {
    const sent: string[] = [];
    const r = sessionReporter('01', (json) => sent.push(json));
    r.errorSeen('x'.repeat(LAB_EVENT_MAX), 'too long to send');
    r.prompt(true);
    expect(sent).toEqual(['{"kind":"prompt","idle":true}']);
  });

  it('a lab it cannot draw, or a sender that throws, never reaches the shell', () => {
    const r = sessionReporter('01', () => { throw new Error('gone'); });
    expect(() => r.prompt(false)).not.toThrow();
    expect(() => r.lab({} as never)).not.toThrow();
  });
});
