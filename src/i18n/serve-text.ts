// What the workshop server itself says to a learner, in each language nslab speaks: the
// notices on their page, why their lab ended, and the plain pages around joining (the
// join form, a full class, a wrong code or link). A learner's words are in their own
// language (learner.lang); a page before there is a learner, in the browser's
// (Accept-Language). The type makes a key missing in Chinese a compile error, and
// test/i18n/serve-text.test.ts holds the two to the same keys at run time.
import { inLanguages } from './lang.js';

/** A plain page: its title and its body's HTML (values escaped by the caller). */
export interface PageText { title: string; body: string }

export interface ServeText {
  // ---- notices on the learner's page (learner.ts, classroom.ts) ----
  openedElsewhere: string;
  hintAtPrompt: string;
  instructorMoves: string;
  fromInstructor(text: string): string;
  released: string;
  noLesson(id: string): string;
  lastLabEnded(reason: string): string;
  /** The lab ended, and the learner's progress did not. */
  labEnded(reason: string): string;
  // ---- why a lab ended (durations in words of the language) ----
  awayTooLong(grace: string): string;
  timeLimitOver(limit: string): string;
  nothingTyped(idle: string): string;
  shellEnded: string;
  labEndedStatus(code: number, signal: number | string | undefined): string;
  labCouldNotStart(message: string): string;
  switchingLesson: string;
  serverStopped: string;
  // ---- pages (http.ts); `code` and `offer` come escaped ----
  notAllowed: PageText;
  somethingWrong: PageText;
  joinAClass: PageText;
  noSuchClass: PageText;
  joinTheClass(offer: string): PageText;
  namePlease(code: string): PageText;
  unknownLink: PageText;
  notFound: PageText;
  classFull(seats: number): PageText;
}

const en: ServeText = {
  openedElsewhere: 'This lab was opened in another tab or window; this one is no longer connected.',
  hintAtPrompt: 'A hint comes when the shell is at its prompt: wait for the command to finish (or press Ctrl-C).',
  instructorMoves: 'The instructor moves the class to another lesson: your lab starts afresh for it.',
  fromInstructor: (text) => `From the instructor: ${text}`,
  released: 'The instructor released the class: press Enter in the terminal to go on.',
  noLesson: (id) => `there is no lesson "${id}"`,
  lastLabEnded: (reason) => `Your last lab ended (${reason}); this is a new one, at the step where you were.`,
  labEnded: (reason) => `${reason}. Your progress is kept: the next lab starts where you were.`,
  awayTooLong: (grace) => `you were away longer than the class's grace period (${grace})`,
  timeLimitOver: (limit) => `the class's time limit for a lab (${limit}) is over`,
  nothingTyped: (idle) => `nothing was typed for ${idle}`,
  shellEnded: 'the shell ended (exit)',
  labEndedStatus: (code, signal) => `the lab ended (status ${code}${signal ? `, signal ${signal}` : ''})`,
  labCouldNotStart: (message) => `the lab could not start: ${message}`,
  switchingLesson: 'switching lesson',
  serverStopped: 'the class server stopped',
  notAllowed: { title: 'Not allowed', body: '<p>This link does not open this page. Ask the instructor for the right link.</p>' },
  somethingWrong: { title: 'Something went wrong', body: '<p>The server could not answer this request. Try again.</p>' },
  joinAClass: { title: 'Join a class', body: '<form method="get" action="/"><label>Class code <input name="code" autofocus autocomplete="off" maxlength="12"></label> <button>Join</button></form>' },
  noSuchClass: { title: 'No such class', body: '<p>No class here has that code. Check the code on the instructor\'s screen.</p><p><a href="/">Try another code</a></p>' },
  joinTheClass: (offer) => ({ title: 'Join the class', body: `<form method="post"><label>Your name on the class list <input name="name" value="${offer}" maxlength="40" autofocus required></label> <button>Start</button></form><p class="dim">You get a lab of your own: a Linux machine in miniature, on the real kernel. Your link is yours: keep it to come back.</p>` }),
  namePlease: (code) => ({ title: 'A name, please', body: `<p>Type the name the instructor will see beside your progress.</p><p><a href="/join/${code}">Back</a></p>` }),
  unknownLink: { title: 'Unknown link', body: `<p>This link is not one of this class's learners. Join with the class code to get your own.</p><p><a href="/">Join</a></p>` },
  notFound: { title: 'Not found', body: '<p>There is nothing at this address.</p>' },
  classFull: (seats) => ({ title: 'This class is full', body: `<p>All ${seats} seats of this class are taken. Ask the instructor to make room (a larger <code>--seats</code>).</p>` }),
};

const zh: ServeText = {
  openedElsewhere: '这个实验环境已在另一个标签页或窗口中打开，这里已断开连接。',
  hintAtPrompt: '要等 shell 回到提示符才能给提示：请等命令结束（或按 Ctrl-C）。',
  instructorMoves: '讲师把全班带到了另一课：你的实验环境将为它重新开始。',
  fromInstructor: (text) => `讲师说：${text}`,
  released: '讲师已放行全班：在终端里按回车继续。',
  noLesson: (id) => `没有“${id}”这一课`,
  lastLabEnded: (reason) => `你上一个实验环境已结束（${reason}）；这是一个新的，从你上次所在的步骤开始。`,
  labEnded: (reason) => `${reason}。你的进度都还在：下一个实验环境会从你上次所在的地方开始。`,
  awayTooLong: (grace) => `你离开的时间超过了本班的宽限时间（${grace}）`,
  timeLimitOver: (limit) => `本班每个实验环境的时限（${limit}）已到`,
  nothingTyped: (idle) => `已经 ${idle} 没有输入`,
  shellEnded: 'shell 已退出（exit）',
  labEndedStatus: (code, signal) => `实验环境已结束（状态码 ${code}${signal ? `，信号 ${signal}` : ''}）`,
  labCouldNotStart: (message) => `实验环境无法启动：${message}`,
  switchingLesson: '正在切换课程',
  serverStopped: '课堂服务器已停止',
  notAllowed: { title: '无权访问', body: '<p>这个链接打不开此页面。请向讲师要正确的链接。</p>' },
  somethingWrong: { title: '出错了', body: '<p>服务器无法响应这个请求，请重试。</p>' },
  joinAClass: { title: '加入课堂', body: '<form method="get" action="/"><label>课堂代码 <input name="code" autofocus autocomplete="off" maxlength="12"></label> <button>加入</button></form>' },
  noSuchClass: { title: '没有这个课堂', body: '<p>这里没有使用该代码的课堂。请核对讲师屏幕上的代码。</p><p><a href="/">换个代码试试</a></p>' },
  joinTheClass: (offer) => ({ title: '加入课堂', body: `<form method="post"><label>你在班级名单上的名字 <input name="name" value="${offer}" maxlength="40" autofocus required></label> <button>开始</button></form><p class="dim">你会得到一个自己的实验环境：一台运行在真实内核上的微型 Linux 机器。这个链接只属于你：保存好，以后可以用它回来。</p>` }),
  namePlease: (code) => ({ title: '请输入名字', body: `<p>输入一个名字，讲师会在你的进度旁看到它。</p><p><a href="/join/${code}">返回</a></p>` }),
  unknownLink: { title: '未知链接', body: '<p>这个链接不属于本班的任何学员。请用课堂代码加入，获取你自己的链接。</p><p><a href="/">加入</a></p>' },
  notFound: { title: '未找到', body: '<p>这个地址上什么也没有。</p>' },
  classFull: (seats) => ({ title: '课堂已满', body: `<p>本班的 ${seats} 个座位都已有人。请讲师腾出位置（用更大的 <code>--seats</code>）。</p>` }),
};

export const serveText = inLanguages<ServeText>({ en, 'zh-CN': zh });
