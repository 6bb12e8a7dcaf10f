// What the server answers on a page's socket, in the page's language: why a frame was
// refused (learner and instructor pages alike), and the replies to the instructor's
// controls. (The learner's notices are serve-text's; this is the socket's own talk.)
import { inLanguages } from './lang.js';

export interface SocketText {
  ignored(what: string): string;
  binaryFrame: string;
  notJson: string;
  notObject: string;
  unknownType: string;
  // learner pages
  typingNotText: string;
  sizeOutOfRange: string;
  lessonNotName: string;
  langOther(langs: readonly string[]): string;
  // the instructor's page
  seatNotNumber: string;
  broadcastSize: string;
  holdNeeds: string;
  noLearnerInSeat(seat: number): string;
  sentTo(online: number): string;
  noLesson(id: string): string;
  everyoneMoves(id: string, restarted: number): string;
  lessonSteps(id: string, total: number): string;
  heldAt(step: number, id: string): string;
  released: string;
  // why a learner looks stuck, in the class table
  stuckLines(lines: number): string;
  stuckMinutes(minutes: number): string;
}

const en: SocketText = {
  ignored: (what) => `the page sent ${what}; ignored`,
  binaryFrame: 'a binary frame',
  notJson: 'a message that is not JSON',
  notObject: 'a message that is not an object',
  unknownType: 'an unknown message type',
  typingNotText: 'typing that is not text',
  sizeOutOfRange: 'a terminal size out of range',
  lessonNotName: 'a lesson that is not a name',
  langOther: (langs) => `a language other than ${langs.join(' or ')}`,
  seatNotNumber: 'a seat that is not a number',
  broadcastSize: 'a message of 1 to 500 characters',
  holdNeeds: 'a hold needs a lesson and a step number',
  noLearnerInSeat: (seat) => `no learner in seat ${seat}`,
  sentTo: (online) => `Sent to ${online} learners online.`,
  noLesson: (id) => `there is no lesson "${id}"`,
  everyoneMoves: (id, restarted) => `Everyone moves to ${id} (${restarted} labs restart).`,
  lessonSteps: (id, total) => `${id} has steps 1 to ${total}`,
  heldAt: (step, id) => `The class is held at step ${step} of ${id}.`,
  released: 'The class is released.',
  stuckLines: (lines) => `${lines} lines, the same check still failing`,
  stuckMinutes: (minutes) => `${minutes} min on this step`,
};

const zh: SocketText = {
  ignored: (what) => `页面发来了${what}，已忽略`,
  binaryFrame: '一个二进制帧',
  notJson: '一条不是 JSON 的消息',
  notObject: '一条不是对象的消息',
  unknownType: '一条类型未知的消息',
  typingNotText: '不是文本的按键输入',
  sizeOutOfRange: '超出范围的终端尺寸',
  lessonNotName: '一个不像课程名的课程',
  langOther: (langs) => `${langs.join('、')} 以外的语言`,
  seatNotNumber: '一个不是数字的座位号',
  broadcastSize: '长度不在 1 到 500 字之间的消息',
  holdNeeds: '一个缺少课程或步骤编号的暂停请求',
  noLearnerInSeat: (seat) => `${seat} 号座位上没有学员`,
  sentTo: (online) => `已发给 ${online} 位在线学员。`,
  noLesson: (id) => `没有 "${id}" 这一课`,
  everyoneMoves: (id, restarted) => `全班转到 ${id}（${restarted} 个实验环境重新开始）。`,
  lessonSteps: (id, total) => `${id} 只有第 1 到第 ${total} 步`,
  heldAt: (step, id) => `全班停在 ${id} 的第 ${step} 步。`,
  released: '全班已放行。',
  stuckLines: (lines) => `连续 ${lines} 行命令，同一项检查仍未通过`,
  stuckMinutes: (minutes) => `在这一步上已经 ${minutes} 分钟`,
};

export const socketText = inLanguages<SocketText>({ en, 'zh-CN': zh });
