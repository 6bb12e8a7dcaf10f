// The workshop server's words to a learner in both languages: the same keys, Chinese that
// is Chinese, and pages that keep their form fields. The server saying them to a Chinese
// learner: test/serve/server.test.ts ("a learner whose browser asks for Chinese").
import { describe, expect, it } from 'vitest';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';
import { serveText, type ServeText } from '../../src/i18n/serve-text.js';

const en = serveText('en');
const zh = serveText('zh-CN');

/** Every message, its function members called with sample values; pages as title and body. */
const sample = (t: ServeText) => [
  t.openedElsewhere, t.hintAtPrompt, t.instructorMoves, t.fromInstructor('x'), t.released, t.noLesson('09'),
  t.lastLabEnded('x'), t.labEnded('x'), t.awayTooLong('x'), t.timeLimitOver('x'), t.nothingTyped('x'), t.shellEnded, t.labEndedStatus(1, undefined),
  t.labEndedStatus(1, 9), t.labCouldNotStart('x'), t.switchingLesson, t.serverStopped,
  ...[t.notAllowed, t.somethingWrong, t.joinAClass, t.noSuchClass, t.joinTheClass('Ada-1'), t.namePlease('ABC123'), t.unknownLink, t.notFound, t.classFull(5)]
    .flatMap((p) => [p.title, p.body]),
];

describe('the workshop server\'s words, in English and in Chinese', () => {
  it('have the same keys, and the sample calls every one of them', () => expectSameKeysAllSampled(en, zh, sample));

  it('are translated: every Chinese text has Chinese in it and differs from the English', () => expectTranslated(en, zh, sample));

  it('pages keep their forms, links and values in Chinese', () => {
    const tags = (html: string) => [...html.matchAll(/<(form|input|a|button|code)\b[^>]*>/g)].map((m) => m[0]);
    for (const [a, b] of [[en.joinAClass, zh.joinAClass], [en.joinTheClass('Ada-1'), zh.joinTheClass('Ada-1')], [en.namePlease('ABC123'), zh.namePlease('ABC123')], [en.classFull(5), zh.classFull(5)]]) {
      expect(tags(b.body)).toEqual(tags(a.body));
    }
  });
});
