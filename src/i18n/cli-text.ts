// What nslab's commands print around the lessons, in each language nslab speaks: the
// tables of `nslab list` and `nslab progress`, `nslab doctor`'s lines, the banners of
// `nslab sandbox` and `nslab start`, the errors learners meet most, and `--help`.
// One object per language; the type makes a key missing in Chinese a compile error, and
// test/i18n/cli-text.test.ts holds the two to the same keys at run time. JSON output is
// data and stays English whatever the language.
import { inLanguages } from './lang.js';

/** The kernel features `nslab doctor` tries (sandbox/doctor.ts), by name. */
export type KernelFeature = 'veth' | 'bridge' | 'vxlan' | 'macvlan' | '802.1q vlan' | 'nat';

export interface CliText {
  // nslab list, and the start picker
  listHead: string[];
  lessonFileErrors(count: number): string;
  startOne: string;
  pickDone: string;

  // nslab progress
  progressHead: string[];
  lessonNotFound(done: number): string;
  never: string;
  unknownWhen: string;
  today(time: string): string;
  noLessons: string;
  clearedOne(id: string): string;
  clearedAll(file: string): string;
  jsonWithReset: string;

  // nslab doctor: each requirement's name, detail and fix, then the summary
  requirement: { kernel: string; namespaces: string; privilege: string; userns: string; subids: string };
  kernelFeature(name: string): string;
  missing(what: string): string;
  namespacesFix: string;
  rootPrivilege: string;
  usernsAuto: string;
  usernsRootOnly: string;
  usernsBlocked(settings: string[]): string;
  usernsFix: string;
  subidsMissing: string;
  featureWhy: Record<KernelFeature, string>;
  featureMissing(why: string): string;
  modprobeFix(module: string): string;
  toolFound(path: string, pkg: string, why: string): string;
  toolMissing(why: string): string;
  /** What a tool of scripts/tools.mjs is for; `english` is the list's own words. */
  toolWhy(command: string, english: string): string;
  /** The fix under a failed requirement, its label coloured by `label`. */
  fix(label: (s: string) => string, fix: string): string;
  optional: string;
  unmet(count: number): string;
  allMet: string;

  // nslab sandbox's banner
  sandboxLab(lab: { hostIp: string; prefix: number; router: string; outside: string }, docker: string): string;
  sandboxDocker(docker0: string, containers: number | undefined): string;
  sandboxBare: string;
  /** The whole banner of a two-hosts lab. */
  sandboxTwoHosts(a: { hostIp: string; prefix: number; host2Ip: string; router: string; docker0: string }): string;
  sandboxHowTo: string;

  // nslab start
  rebuilding(step: number): string;
  replayFailed(step: number, line: string, error: string): string;
  noLessonsLoaded(errors: number, problems: string): string;
  whichLesson: string;
  notLoaded(message: string, problems: string): string;
  stepOutOfRange(step: number, id: string, total: number): string;
  resetFailed(error: string, args: string): string;
  noSuchLesson(query: string, ids: string[]): string;
  ambiguousLesson(query: string, ids: string[]): string;

  // errors.ts
  unexpectedError: string;
  because: string;

  // --help: commander's titles, then nslab's own descriptions
  helpTitles: Record<'Usage:' | 'Options:' | 'Commands:' | 'Arguments:' | 'Global Options:', string>;
  /** An option's help line as commander writes it, its "(default: …)" in this language. */
  helpDefault(line: string): string;
  helpOption: string;
  versionOption: string;
  helpAfterError: string;
  help: {
    program: string; noColor: string; lang: string; preset(presets: string): string; containers: string;
    sandbox: string;
    run: string; runCommand: string;
    walk: string; walkSetup: string; walkJson: string; walkCommand: string;
    start: string; startLesson: string; startStep: string;
    solve: string; solveLesson: string; solveAll: string; solveJson: string;
    topo: string; topoAscii: string; topoList: string; topoJson: string; topoAttach: string;
    serve: string; servePort: string; serveHost: string; serveSeats: string; serveLesson: string; serveTimeLimit: string;
    serveIdle: string; serveGrace: string; serveMemory: string; serveStateDir: string;
    list: string; listJson: string;
    doctor: string; doctorJson: string;
    lint: string; lintFiles: string;
    progress: string; progressReset: string; progressJson: string;
    explain: string; explainAs: string; explainJson: string; explainCompact: string;
  };
}

const en: CliText = {
  listHead: ['#', 'lesson', 'steps done', 'last visited'],
  lessonFileErrors: (count) => `${count} lesson file(s) have errors: run \`nslab lint\`.`,
  startOne: 'Start one with `nslab start <number or id>`.',
  pickDone: '✔ done',

  progressHead: ['Lesson', 'Title', 'Steps done', 'Last visited'],
  lessonNotFound: (done) => `${done} (lesson not found)`,
  never: 'never',
  unknownWhen: 'unknown',
  today: (time) => `today ${time}`,
  noLessons: 'No lessons found.',
  clearedOne: (id) => `Cleared your progress in ${id}.`,
  clearedAll: (file) => `Cleared your progress in every lesson (${file}).`,
  jsonWithReset: '--json prints your progress; it does not go with --reset. Run `nslab progress --reset …` alone, then `nslab progress --json`.',

  requirement: { kernel: 'kernel', namespaces: 'namespaces', privilege: 'privilege', userns: 'user namespaces', subids: 'subordinate ids' },
  kernelFeature: (name) => `kernel: ${name}`,
  missing: (what) => `missing: ${what}`,
  namespacesFix: 'use a kernel built with CONFIG_NAMESPACES and its NET/PID/UTS/IPC/USER options',
  rootPrivilege: 'root: each lab runs in a user namespace whose ids (0x70000000 on, or NSLAB_ID_BASE) own nothing on the machine',
  usernsAuto: 'allowed, with subordinate ids (mode userns-auto: tcpdump works)',
  usernsRootOnly: 'allowed, own id only (mode userns-root-only: setgroups is denied, tcpdump fails)',
  usernsBlocked: (settings) => `blocked${settings.length ? ': ' + settings.join(', ') : ''}`,
  usernsFix: 'allow unprivileged user namespaces, or run nslab with sudo',
  subidsMissing: 'none for this user, or newuidmap missing',
  featureWhy: {
    veth: 'veth pairs (every lesson)',
    bridge: 'docker0 and hand-made bridges',
    vxlan: 'lesson 08 and `docker network create -d overlay` (a two-hosts lab\'s networks across hosts)',
    macvlan: 'lesson 07 and `docker network create -d macvlan` (containers straight on the LAN)',
    '802.1q vlan': 'macvlan trunk mode (`-o parent=eth0.10`); without it lesson 07 shows the message that explains why',
    nat: 'NAT lessons',
  },
  featureMissing: (why) => `not available, needed for: ${why}`,
  modprobeFix: (module) => `load the module if the kernel has it (sudo modprobe ${module})`,
  toolFound: (path, pkg, why) => `${path} (${pkg}): ${why}`,
  toolMissing: (why) => `missing: ${why}`,
  toolWhy: (_command, english) => english,
  fix: (label, fix) => `${label('fix:')} ${fix}`,
  optional: ' (optional)',
  unmet: (count) => `${count} requirement(s) not met.`,
  allMet: 'All requirements met.',

  sandboxLab: (lab, docker) => `nslab sandbox: a fresh lab. The host has eth0 ${lab.hostIp}/${lab.prefix} behind the router ${lab.router}; the outside world is at ${lab.outside}.${docker}`,
  sandboxDocker: (docker0, containers) => ` docker0 ${docker0}/16 is up with Docker's NAT rule${containers ? `, and containers c1…c${containers} are running` : ''}.`,
  sandboxBare: ' Docker is not set up (preset bare).',
  sandboxTwoHosts: (a) => [
    `nslab sandbox: two Docker hosts on one LAN: host1 (this shell) ${a.hostIp}/${a.prefix} and host2 ${a.host2Ip}, behind the router ${a.router}; each has docker0 ${a.docker0}/16 and Docker's NAT, and its own containers.`,
    '`.enter host2` moves to host2 (`docker` there is host2\'s), `.host` comes back; `.enter outside` reaches the LAN\'s switch, lan0. Ctrl-D or `exit` ends the lab, and nothing of it is left behind.',
    '',
  ].join('\n'),
  sandboxHowTo: 'Type commands as on any Linux host (you are root); .help lists nslab\'s own. Ctrl-D or `exit` ends the lab, and nothing of it is left behind.',

  rebuilding: (step) => `Rebuilding the lab as it is at the start of step ${step} (replaying steps 1–${step - 1})…`,
  replayFailed: (step, line, error) => `note: replaying step ${step}, \`${line}\` failed: ${error}`,
  noLessonsLoaded: (errors, problems) => `no lessons could be loaded${errors ? `: ${errors} error(s) (\`nslab lint\` checks them again):${problems}` : ''}`,
  whichLesson: 'which lesson? `nslab start <number or id>` (`nslab list` shows them)',
  notLoaded: (message, problems) => `${message}\nLesson files that could not be loaded:${problems}`,
  stepOutOfRange: (step, id, total) => `--step ${step}: lesson ${id} has steps 1 to ${total}`,
  resetFailed: (error, args) => `could not start a fresh lab for .reset (${error}): run \`nslab start ${args}\` yourself.`,
  noSuchLesson: (query, ids) => `no lesson "${query}": give a number or an id (lessons: ${ids.join(', ') || 'none'}); \`nslab list\` shows them`,
  ambiguousLesson: (query, ids) => `"${query}" could mean ${ids.join(' or ')}: type more of the id`,

  unexpectedError: 'unexpected error: ',
  because: 'because: ',

  helpTitles: { 'Usage:': 'Usage:', 'Options:': 'Options:', 'Commands:': 'Commands:', 'Arguments:': 'Arguments:', 'Global Options:': 'Global Options:' },
  helpDefault: (line) => line,
  helpOption: 'display help for command',
  versionOption: 'output the version number',
  helpAfterError: '(run `nslab --help` for the commands)',
  help: {
    program: 'A guided shell for learning how containers get their network, on the real kernel.',
    noColor: 'no ANSI colours in any output, as NO_COLOR=1 does',
    lang: 'en or zh-CN (default: NSLAB_LANG, then LC_ALL, LC_MESSAGES, LANG); lessons in lessons/zh-CN/ in Chinese',
    preset: (presets) => `starting state of the lab (${presets})`,
    containers: 'start N busybox containers c1…cN',
    sandbox: 'a plain shell in a fresh lab, for quick experiments (no lesson)',
    run: 'run one shell command in a fresh lab and exit with its status (for scripts and tests)',
    runCommand: 'the shell command (joined with spaces, run by bash)',
    walk: 'follow one packet hop by hop: a fresh lab, the --setup lines, then the command with every namespace watched',
    walkSetup: 'a shell line to run first (repeatable), e.g. to break the lab on purpose',
    walkJson: 'print the hops as JSON (the command\'s own output goes to stderr)',
    walkCommand: 'the shell command that sends the packet, e.g. docker exec c1 ping -c1 203.0.113.10',
    start: 'start a lesson: builds its lab and opens the shell (a picker when no lesson is named)',
    startLesson: 'a lesson number or id (see `nslab list`)',
    startStep: 'begin at this step (earlier steps are replayed)',
    solve: 'prove lessons: each step\'s checks fail before its commands and pass after, on a fresh lab',
    solveLesson: 'a lesson number or id',
    solveAll: 'every lesson in lessons/',
    solveJson: 'print the proofs as JSON',
    topo: 'draw a lab: a fresh one (a demo of a preset), or with --attach the lab of a session already running',
    topoAscii: 'plain ASCII instead of box-drawing characters',
    topoList: 'the compact list, even when the drawing would fit',
    topoJson: 'print the kernel snapshot as JSON instead of drawing it',
    topoAttach: 'draw a running lab (yours; as root, anyone\'s) instead of a fresh one; PID picks one of several',
    serve: 'serve a class in the browser: each learner joins with a link and gets a lab of their own',
    servePort: 'the port to listen on (0: any free one)',
    serveHost: 'the address to listen on; 0.0.0.0 serves a room (everyone who can reach this machine)',
    serveSeats: 'the most learners that may join',
    serveLesson: 'the lesson every learner starts with (default: the first)',
    serveTimeLimit: 'a lab ends this long after it started (90m, 2h; 0: never)',
    serveIdle: 'a lab ends after this long without typing (0: never)',
    serveGrace: 'a lab whose page was closed waits this long for it to come back',
    serveMemory: 'the most memory one lab may use, as root (256M, 1G; 0: no limit)',
    serveStateDir: 'where the class (roster, progress) is kept (default: beside your progress, serve/)',
    list: 'the lessons, with your progress',
    listJson: 'print the lessons and your progress as JSON (shape: README.md)',
    doctor: 'check what nslab needs on this machine, with the fix for each failure',
    doctorJson: 'print the checks as JSON (shape: README.md)',
    lint: 'check lesson files: front matter, steps, checks, hints (default: lessons/*.md)',
    lintFiles: 'lesson files to check',
    progress: 'show your progress in each lesson, or clear it',
    progressReset: 'clear the progress of one lesson, or of all when none is named',
    progressJson: 'print your progress as JSON (shape: README.md)',
    explain: 'explain pasted output of ip, route, brctl, iptables, ping, ifconfig, … (read from stdin; no lab needed)',
    explainAs: 'the command that printed the text, e.g. "route -n" (default: work it out)',
    explainJson: 'print the parsed value as JSON instead',
    explainCompact: 'only the few notes that matter most',
  },
};

/** What each tool of scripts/tools.mjs is for, in Chinese (the test holds it to the list). */
export const ZH_TOOL_WHY: Record<string, string> = {
  ip: '链路、地址、路由、命名空间',
  bridge: '网桥端口和转发数据库',
  brctl: 'brctl show，和文档里的一样',
  iptables: 'NAT 规则',
  nft: '用 nft 查看同一套规则',
  ping: '测试连通性',
  ifconfig: '提供 ifconfig、route -n、arp -n',
  route: '提供 route -n',
  curl: '访问发布的端口',
  tcpdump: '抓包观察',
  conntrack: '逐跳跟踪（walk）里列出的 NAT 映射',
  dnsmasq: '自定义网络在 127.0.0.11 上的 DNS 服务器，以及外部世界的 DNS 服务器',
  nslookup: 'nslookup 和 dig，按名字向 DNS 服务器查询',
  newuidmap: '让不用 root 的实验环境仍能使用 setgroups',
  unshare: '创建实验环境的命名空间',
  nsenter: '进入容器和命名空间',
};

const zh: CliText = {
  listHead: ['#', '课程', '已完成步骤', '上次访问'],
  lessonFileErrors: (count) => `${count} 个课程文件有错误：运行 \`nslab lint\` 查看。`,
  startOne: '用 `nslab start <编号或 id>` 开始一门课。',
  pickDone: '✔ 已完成',

  progressHead: ['课程', '标题', '已完成步骤', '上次访问'],
  lessonNotFound: (done) => `${done}（找不到这门课）`,
  never: '从未',
  unknownWhen: '未知',
  today: (time) => `今天 ${time}`,
  noLessons: '没有找到课程。',
  clearedOne: (id) => `已清除你在 ${id} 中的进度。`,
  clearedAll: (file) => `已清除你在所有课程中的进度（${file}）。`,
  jsonWithReset: '--json 用来打印进度，不能和 --reset 一起用。先单独运行 `nslab progress --reset …`，再运行 `nslab progress --json`。',

  requirement: { kernel: '内核', namespaces: '命名空间', privilege: '权限', userns: '用户命名空间', subids: '从属 ID' },
  kernelFeature: (name) => `内核：${name}`,
  missing: (what) => `缺少：${what}`,
  namespacesFix: '换用编译时启用了 CONFIG_NAMESPACES 及其 NET/PID/UTS/IPC/USER 选项的内核',
  rootPrivilege: 'root：每个实验环境都运行在一个用户命名空间里，它的 ID（从 0x70000000 起，或 NSLAB_ID_BASE）在本机上不拥有任何东西',
  usernsAuto: '允许，并有从属 ID（userns-auto 模式：tcpdump 可用）',
  usernsRootOnly: '允许，但只有自己的 ID（userns-root-only 模式：setgroups 被拒绝，tcpdump 不能用）',
  usernsBlocked: (settings) => `被禁止${settings.length ? '：' + settings.join('；') : ''}`,
  usernsFix: '允许非特权用户创建用户命名空间，或者用 sudo 运行 nslab',
  subidsMissing: '这个用户没有从属 ID，或者缺少 newuidmap',
  featureWhy: {
    veth: 'veth 对（每一课都要用）',
    bridge: 'docker0 和手工创建的网桥',
    vxlan: '第 08 课和 `docker network create -d overlay`（two-hosts 实验环境里跨主机的网络）',
    macvlan: '第 07 课和 `docker network create -d macvlan`（容器直接接入局域网）',
    '802.1q vlan': 'macvlan 的 trunk 模式（`-o parent=eth0.10`）；没有它，第 07 课会显示一条说明原因的信息',
    nat: '讲地址转换（NAT）的课程',
  },
  featureMissing: (why) => `不可用，需要它的有：${why}`,
  modprobeFix: (module) => `如果内核带有这个模块，就加载它（sudo modprobe ${module}）`,
  toolFound: (path, pkg, why) => `${path}（${pkg}）：${why}`,
  toolMissing: (why) => `未安装，用于：${why}`,
  toolWhy: (command, english) => ZH_TOOL_WHY[command] ?? english,
  fix: (label, fix) => `${label('解决办法：')}${fix}`,
  optional: '（可选）',
  unmet: (count) => `有 ${count} 项要求未满足。`,
  allMet: '所有要求都已满足。',

  sandboxLab: (lab, docker) => `nslab sandbox：一个全新的实验环境。宿主机的 eth0 是 ${lab.hostIp}/${lab.prefix}，位于路由器 ${lab.router} 后面；外部世界在 ${lab.outside}。${docker}`,
  sandboxDocker: (docker0, containers) => `docker0 ${docker0}/16 已启用，带有 Docker 的 NAT 规则${containers ? `，容器 c1…c${containers} 正在运行` : ''}。`,
  sandboxBare: '没有设置 Docker（预设 bare）。',
  sandboxTwoHosts: (a) => [
    `nslab sandbox：同一个局域网上的两台 Docker 宿主机：host1（就是这个 shell）${a.hostIp}/${a.prefix} 和 host2 ${a.host2Ip}，在路由器 ${a.router} 后面；每台都有 docker0 ${a.docker0}/16、Docker 的 NAT，以及各自的容器。`,
    '`.enter host2` 切换到 host2（在那里 `docker` 操作的是 host2 的 Docker），`.host` 回来；`.enter outside` 进入局域网的交换机 lan0。Ctrl-D 或 `exit` 结束实验环境，不留下任何东西。',
    '',
  ].join('\n'),
  sandboxHowTo: '像在任何 Linux 主机上一样输入命令（你是 root）；.help 列出 nslab 自己的命令。Ctrl-D 或 `exit` 结束实验环境，不会留下任何东西。',

  rebuilding: (step) => `正在把实验环境重建成第 ${step} 步开始时的样子（重放第 ${step === 2 ? '1' : `1–${step - 1}`} 步）……`,
  replayFailed: (step, line, error) => `注意：重放第 ${step} 步时，\`${line}\` 失败：${error}`,
  noLessonsLoaded: (errors, problems) => `一门课程也加载不了${errors ? `：${errors} 个错误（\`nslab lint\` 会重新检查）：${problems}` : ''}`,
  whichLesson: '选哪一课？`nslab start <编号或 id>`（`nslab list` 列出所有课程）',
  notLoaded: (message, problems) => `${message}\n无法加载的课程文件：${problems}`,
  stepOutOfRange: (step, id, total) => `--step ${step}：课程 ${id} 只有第 1 到第 ${total} 步`,
  resetFailed: (error, args) => `无法为 .reset 启动新的实验环境（${error}）：请自己运行 \`nslab start ${args}\`。`,
  noSuchLesson: (query, ids) => `没有课程“${query}”：请给出编号或 id（课程有：${ids.join('、') || '无'}）；\`nslab list\` 列出所有课程`,
  ambiguousLesson: (query, ids) => `“${query}”可能是 ${ids.join(' 或 ')}：请把 id 多输入几个字符`,

  unexpectedError: '意外错误：',
  because: '原因：',

  helpTitles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' },
  helpDefault: (line) => line.replace(/ \(default: (.*)\)$/, '（默认：$1）'),
  helpOption: '显示命令的帮助',
  versionOption: '显示版本号',
  helpAfterError: '（运行 `nslab --help` 查看所有命令）',
  help: {
    program: '一个带引导的 shell，在真实内核上学习容器如何获得网络。',
    noColor: '所有输出都不带 ANSI 颜色，效果同 NO_COLOR=1',
    lang: 'en 或 zh-CN（默认依次看 NSLAB_LANG、LC_ALL、LC_MESSAGES、LANG）；中文课程在 lessons/zh-CN/',
    preset: (presets) => `实验环境的初始状态（${presets}）`,
    containers: '启动 N 个 busybox 容器 c1…cN',
    sandbox: '在全新的实验环境里打开一个普通 shell，用来快速试验（不带课程）',
    run: '在全新的实验环境里运行一条 shell 命令，并以它的退出状态退出（用于脚本和测试）',
    runCommand: '要运行的 shell 命令（各个词用空格连起来，由 bash 运行）',
    walk: '逐跳跟踪一个包：全新的实验环境，先运行 --setup 的各行，再在监视所有命名空间的同时运行命令',
    walkSetup: '先运行的一行 shell 命令（可重复），例如故意把实验环境弄坏',
    walkJson: '以 JSON 打印各跳（命令自己的输出写到 stderr）',
    walkCommand: '发出这个包的 shell 命令，例如 docker exec c1 ping -c1 203.0.113.10',
    start: '开始一门课：构建它的实验环境并打开 shell（没有指定课程时先让你选）',
    startLesson: '课程编号或 id（见 `nslab list`）',
    startStep: '从这一步开始（之前的步骤会重放）',
    solve: '验证课程：在全新的实验环境里，每一步的检查在运行它的命令之前失败、之后通过',
    solveLesson: '课程编号或 id',
    solveAll: 'lessons/ 里的每一门课',
    solveJson: '以 JSON 打印验证结果',
    topo: '画出实验环境：新建一个（演示某个预设），或者用 --attach 画出正在运行的会话的实验环境',
    topoAscii: '用纯 ASCII 字符代替制表符',
    topoList: '即使画得下，也用紧凑的列表',
    topoJson: '以 JSON 打印内核快照，不画图',
    topoAttach: '画出正在运行的实验环境（你自己的；root 可以画任何人的），而不是新建一个；有多个时用 PID 选一个',
    serve: '在浏览器里给全班上课：每位学员通过链接加入，各自得到一个实验环境',
    servePort: '监听的端口（0：任意空闲端口）',
    serveHost: '监听的地址；0.0.0.0 面向整个教室（所有能访问本机的人）',
    serveSeats: '最多可以加入的学员数',
    serveLesson: '每位学员开始的课程（默认：第一课）',
    serveTimeLimit: '实验环境启动后过了这么长时间就结束（90m、2h；0：不限）',
    serveIdle: '实验环境这么长时间没有输入就结束（0：不限）',
    serveGrace: '页面关掉后，实验环境等它回来的时长',
    serveMemory: '一个实验环境最多能用的内存，以 root 运行时生效（256M、1G；0：不限）',
    serveStateDir: '保存班级数据（名单、进度）的目录（默认：进度旁边的 serve/）',
    list: '课程列表，以及你的进度',
    listJson: '以 JSON 打印课程和你的进度（格式见 README.md）',
    doctor: '检查 nslab 在本机上需要的东西，每项失败都给出解决办法',
    doctorJson: '以 JSON 打印检查结果（格式见 README.md）',
    lint: '检查课程文件：front matter、步骤、检查项、提示（默认：lessons/*.md）',
    lintFiles: '要检查的课程文件',
    progress: '显示你在每门课的进度，或者清除进度',
    progressReset: '清除某一门课的进度；不指定课程时全部清除',
    progressJson: '以 JSON 打印你的进度（格式见 README.md）',
    explain: '解释粘贴进来的 ip、route、brctl、iptables、ping、ifconfig 等命令的输出（从 stdin 读；不需要实验环境）',
    explainAs: '打印这段文本的命令，例如 "route -n"（默认：自动判断）',
    explainJson: '改为以 JSON 打印解析结果',
    explainCompact: '只给最要紧的几条注解',
  },
};

/** The commands' words in this process's language (or the one asked for). */
export const cliText = inLanguages<CliText>({ en, 'zh-CN': zh });
