// The server's answers on a page's socket, in both languages: the same keys, each sampled,
// each said in Chinese; and the parsers give their refusals in the words they are given.
import { describe, expect, it } from 'vitest';
import { socketText, type SocketText } from '../../src/i18n/socket-text.js';
import { parsePageMessage } from '../../src/serve/page-messages.js';
import { parseInstructorMessage } from '../../src/serve/instructor-socket.js';
import { stuckReason, type LearnerState } from '../../src/serve/class-view.js';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';

const sample = (t: SocketText) => [t.ignored('x'), t.binaryFrame, t.notJson, t.notObject, t.unknownType, t.typingNotText, t.sizeOutOfRange, t.lessonNotName,
  t.langOther(['en', 'zh-CN']), t.seatNotNumber, t.broadcastSize, t.holdNeeds, t.noLearnerInSeat(3), t.sentTo(2), t.noLesson('x'), t.everyoneMoves('01-x', 2),
  t.lessonSteps('01-x', 5), t.heldAt(2, '01-x'), t.released, t.stuckLines(8), t.stuckMinutes(11)];

describe('the socket\'s words, in English and in Chinese', () => {
  it('have the same keys, every one sampled and translated', () => {
    expectSameKeysAllSampled(socketText('en'), socketText('zh-CN'), sample);
    expectTranslated(socketText('en'), socketText('zh-CN'), sample);
  });

  it('the parsers and the stuck rule word what they refuse in the language given', () => {
    const zh = socketText('zh-CN');
    expect(parsePageMessage('{"t":"in","data":1}', zh)).toBe('不是文本的按键输入');
    expect(parsePageMessage('[]', zh)).toBe('一条不是对象的消息');
    expect(parseInstructorMessage('{"t":"shadow","seat":"a"}', zh)).toBe('一个不是数字的座位号');
    expect(parseInstructorMessage('{"t":"nope"}', zh)).toBe('一条类型未知的消息');
    const s: LearnerState = { seat: 1, name: 'a', online: true, lab: 'running', lessonId: 'x', step: { number: 1, total: 2, title: 't', checks: [] }, checksPassed: 0, stepSince: 0, failingLines: 9, hints: 0 };
    expect(stuckReason(s, 1000, undefined, zh)).toBe('连续 9 行命令，同一项检查仍未通过');
  });
});
