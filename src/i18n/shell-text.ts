// What the learning shell itself says, in each language nslab speaks: the step's rule, a
// step done, hints, answers, the lesson's end, the dot-commands' help and their messages.
// One object per language; the type makes a key missing in Chinese a compile error, and
// test/i18n/shell-text.test.ts holds the two to the same keys and dot-commands at run
// time. (Lessons are translated in their own files: lessons/zh-CN/.)
import { inLanguages } from './lang.js';

export interface ShellText {
  stepHead(n: number, total: number, title: string): string;
  runThenAnswer: string;
  /** After a wrong answer: the verdict, and what to do. */
  tryAgain(verdict: string): string;
  stepDone(n: number): string;
  lessonComplete(title: string): string;
  next(id: string): string;
  keepExperimenting: string;
  lastStepNotPassed(steps: string): string;
  hint(n: number, of: number): string;
  /** The instructor's hold, with their message if they gave one. */
  held(message: string | undefined): string;
  note(text: string): string;
  questionWaits: string;
  shellExited: string;
  left(place: string): string;
  unknownDot(name: string, list: string): string;
  lessonOnlyDot(name: string): string;
  helpIntro: string[];
  /** Each dot-command's line in .help, by its name. */
  dotHelp: Record<string, string>;
  noHints: string;
  noCommands: string;
  answeredByQuestion: string;
  noChecks: string;
  expected: string;
  found: string;
  notFinished(id: string, steps: string): string;
  whichLesson: string;
  /** Before a step's question on the workshop page. */
  questionLabel: string;
  /** `.explain` / `.trace`: the switch's name, and how it stands. */
  switchName: { explain: string; trace: string };
  switchState(what: string, on: boolean): string;
  switchSet(what: string, on: boolean): string;
  resetNeedsTerminal(lessonId: string, step: number): string;
  freshLabAt(step: number): string;
  walkUsage: string;
  enterUsage: string;
  cannotEnter(why: string): string;
  nowIn(place: string): string;
  nowOnHost: string;
  lessonsElsewhere: string;
  noExplanation(command: string): string;
  heldBack: string;
  stateUnreadable(why: string): string;
  ctrlZ: string;
  /** Under "bash: NAME: command not found": the near names (each already quoted). */
  didYouMean(typed: string, names: string[]): string;
  /** A line that failed in nslab itself (not in the command), with why. */
  lineFailed(why: string): string;
  /** Under output of several commands that need different explainers. */
  mixedOutput: string;
  /** Under output of commands run in different places. */
  mixedPlaces: string;
  stateNotNow: string;
  noSuchPlace(name: string, known: string[]): string;
}

const en: ShellText = {
  stepHead: (n, total, title) => `── Step ${n}/${total}: ${title} `,
  runThenAnswer: 'Run a command to look, then answer the question that follows.',
  tryAgain: (verdict) => `${verdict}. Try again, or .hint for help.`,
  stepDone: (n) => `✔ Step ${n} done.`,
  lessonComplete: (title) => `🎉 Lesson complete: ${title}`,
  next: (id) => `Next: \`nslab start ${id}\` (or .lessons).`,
  keepExperimenting: 'You can keep experimenting here; .quit ends the lab.',
  lastStepNotPassed: (steps) => `That was the last step. Not yet passed: ${steps}.`,
  hint: (n, of) => `hint ${n}/${of}: `,
  held: (message) => `⏸ The instructor holds the class here${message ? `: ${message}${/[.!?]$/.test(message) ? '' : '.'}` : '.'} You'll go on when they release it; meanwhile explore.`,
  note: (text) => `note: ${text}`,
  questionWaits: '(the question still waits for your answer)',
  shellExited: '(the shell exited: a fresh one takes its place; .quit ends nslab)',
  left: (place) => `(left ${place})`,
  unknownDot: (name, list) => `unknown command .${name}: ${list} (.help explains each)`,
  lessonOnlyDot: (name) => `.${name} belongs to lessons; this sandbox has none. \`nslab start\` begins one.`,
  helpIntro: [
    'Type shell commands as in any terminal; they run in the lab. Add " ?" after a',
    'command to have its output explained in full. Lines starting with ./ run as commands.',
  ],
  dotHelp: {
    help: 'list these commands',
    hint: 'the next hint for this step (each one gives away a little more)',
    solution: "this step's commands",
    check: 'every check of this step, with pass/fail and why',
    next: 'skip to the next step (it stays unfinished)',
    back: 'show the previous step again (the lab stays as it is; .reset rebuilds it)',
    reset: 'rebuild the lab as it was at the start of this step (replays earlier steps)',
    topo: 'draw the lab as it is now: namespaces, bridges, veth pairs',
    walk: 'run COMMAND and follow its first packet hop by hop: where it went, NAT, where it died',
    explain: 'annotations under recognised output (on at first)',
    trace: 'show every ip/iptables step the docker command performs',
    enter: 'run the next lines in a container, a namespace, or `outside`',
    host: 'back to the lab host',
    lessons: 'the lessons and your progress',
    quit: 'end the lab (your progress is saved)',
  },
  noHints: 'This step has no hints; .solution shows its commands.',
  noCommands: 'This step has no commands to type: look, then answer.',
  answeredByQuestion: 'This step is answered by its question.',
  noChecks: 'This step has no checks.',
  expected: 'expected:',
  found: 'found:   ',
  notFinished: (id, steps) => `Lesson ${id} not finished: step(s) ${steps} still to do.`,
  whichLesson: 'Which lesson?',
  questionLabel: 'Question:',
  switchName: { explain: 'explanations', trace: 'docker trace' },
  switchState: (what, on) => `${what}: ${on ? 'on' : 'off'} (on|off to change)`,
  switchSet: (what, on) => `${what} ${on ? 'on' : 'off'}`,
  resetNeedsTerminal: (id, step) => `.reset needs a terminal; from a script, start again with \`nslab start ${id} --step ${step}\`.`,
  freshLabAt: (step) => `Starting a fresh lab at step ${step}…`,
  walkUsage: 'usage: .walk COMMAND, e.g. .walk docker exec c1 ping -c1 203.0.113.10',
  enterUsage: 'usage: .enter NAME (a container, a namespace from `ip netns`, or outside)',
  cannotEnter: (why) => `cannot enter: ${why}`,
  nowIn: (place) => `now in ${place} (.host to come back)`,
  nowOnHost: 'now on the host',
  lessonsElsewhere: 'run `nslab list` for the lessons and your progress',
  noExplanation: (command) => `(nslab has no explanation for \`${command}\`)`,
  heldBack: 'a note is held back here: it would give away the answer to this step\'s question',
  stateUnreadable: (why) => `note: could not read the lab's state: ${why}`,
  ctrlZ: 'nslab: Ctrl-Z stops nothing here (nslab has no job control); Ctrl-C ends the command.',
  didYouMean: (typed, names) => `${typed}: did you mean ${names.join(' or ')}?`,
  lineFailed: (why) => `nslab: that line could not be handled: ${why}`,
  mixedOutput: '(these commands print different kinds of output, and nslab cannot tell which lines came from which: type them one per line to have each explained)',
  mixedPlaces: '(these commands ran in different places, so nothing below says which namespace a line came from: type them one per line for that)',
  stateNotNow: 'the lab\'s state cannot be read just now',
  noSuchPlace: (name, known) => `no namespace or container called "${name}". You can enter: ${known.join(', ')}.`,
};

const zh: ShellText = {
  stepHead: (n, total, title) => `── 第 ${n}/${total} 步：${title} `,
  runThenAnswer: '先运行命令看一看，再回答接下来的问题。',
  tryAgain: (verdict) => `${verdict}。再试一次，或者用 .hint 看提示。`,
  stepDone: (n) => `✔ 第 ${n} 步完成。`,
  lessonComplete: (title) => `🎉 课程完成：${title}`,
  next: (id) => `下一课：\`nslab start ${id}\`（或 .lessons）。`,
  keepExperimenting: '你可以继续在这里动手试验；.quit 结束实验环境。',
  lastStepNotPassed: (steps) => `这是最后一步。还没有通过的步骤：${steps}。`,
  hint: (n, of) => `提示 ${n}/${of}：`,
  held: (message) => `⏸ 讲师让全班停在这一步${message ? `：${message}${/[。！？.!?]$/.test(message) ? '' : '。'}` : '。'}讲师放行后就可以继续；在此之前可以自由探索。`,
  note: (text) => `注意：${text}`,
  questionWaits: '（问题还在等你回答）',
  shellExited: '（shell 退出了：已换上一个新的；.quit 结束 nslab）',
  left: (place) => `（已离开 ${place}）`,
  unknownDot: (name, list) => `没有 .${name} 这个命令：${list}（.help 逐一说明）`,
  lessonOnlyDot: (name) => `.${name} 只能在课程里用；这个 sandbox 没有课程。\`nslab start\` 开始一门课。`,
  helpIntro: [
    '像在任何终端里一样输入 shell 命令，它们在实验环境里运行。在命令后面加上 " ?"，',
    '就能看到对它输出的完整解释。以 ./ 开头的行当作命令运行。',
  ],
  dotHelp: {
    help: '列出这些命令',
    hint: '这一步的下一条提示（每条都多透露一点）',
    solution: '这一步的命令',
    check: '这一步的每项检查：通过与否，以及原因',
    next: '跳到下一步（这一步仍算未完成）',
    back: '重新显示上一步（实验环境保持不变；.reset 会重建）',
    reset: '把实验环境重建成这一步开始时的样子（重放之前的步骤）',
    topo: '画出实验环境现在的样子：命名空间、网桥、veth 对',
    walk: '运行 COMMAND，逐跳跟踪它发出的第一个包：经过哪里、NAT、在哪里丢失',
    explain: '在认得的输出下面加注解（默认打开）',
    trace: '显示 docker 命令执行的每一步 ip/iptables 操作',
    enter: '接下来的命令在某个容器、命名空间或 `outside` 里运行',
    host: '回到实验环境的宿主机',
    lessons: '课程列表和你的进度',
    quit: '结束实验环境（进度会保存）',
  },
  noHints: '这一步没有提示；.solution 显示它的命令。',
  noCommands: '这一步没有要输入的命令：看一看，然后回答问题。',
  answeredByQuestion: '这一步靠回答问题来完成。',
  noChecks: '这一步没有检查项。',
  expected: '期望：',
  found: '实际：',
  notFinished: (id, steps) => `课程 ${id} 还没有完成，还差这些步骤：${steps}。`,
  whichLesson: '选哪一课？',
  questionLabel: '问题：',
  switchName: { explain: '注解', trace: 'docker 执行记录' },
  switchState: (what, on) => `${what}：${on ? '开' : '关'}（用 on|off 切换）`,
  switchSet: (what, on) => `${what}已${on ? '打开' : '关闭'}`,
  resetNeedsTerminal: (id, step) => `.reset 需要终端；在脚本里请重新运行 \`nslab start ${id} --step ${step}\`。`,
  freshLabAt: (step) => `正在从第 ${step} 步重新搭建实验环境…`,
  walkUsage: '用法：.walk COMMAND，例如 .walk docker exec c1 ping -c1 203.0.113.10',
  enterUsage: '用法：.enter NAME（一个容器、`ip netns` 里的一个命名空间，或者 outside）',
  cannotEnter: (why) => `无法进入：${why}`,
  nowIn: (place) => `现在在 ${place} 里（.host 回来）`,
  nowOnHost: '现在回到了宿主机',
  lessonsElsewhere: '运行 `nslab list` 查看课程和你的进度',
  noExplanation: (command) => `（nslab 没有对 \`${command}\` 的解释）`,
  heldBack: '这里隐去了一条注解：它会泄露这一步问题的答案',
  stateUnreadable: (why) => `注意：读不到实验环境的状态：${why}`,
  ctrlZ: 'nslab：Ctrl-Z 在这里什么也停不了（nslab 没有作业控制）；Ctrl-C 可以结束命令。',
  didYouMean: (typed, names) => `${typed}：你是不是想输入 ${names.join(' 或 ')}？`,
  lineFailed: (why) => `nslab：这一行没能处理：${why}`,
  mixedOutput: '（这几条命令打印的输出种类不同，nslab 分不清哪几行出自哪条命令：一行只输入一条命令，就能分别得到解释）',
  mixedPlaces: '（这几条命令在不同的地方运行，所以下面不会说明某一行来自哪个命名空间：一行只输入一条命令就能知道）',
  stateNotNow: '现在读不到实验环境的状态',
  noSuchPlace: (name, known) => `没有叫 "${name}" 的命名空间或容器。可以进入的有：${known.join('、')}。`,
};

/** The shell's words in this process's language (or the one asked for). */
export const shellText = inLanguages<ShellText>({ en, 'zh-CN': zh });
