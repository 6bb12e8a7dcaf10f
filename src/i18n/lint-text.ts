// What `nslab lint` and `nslab solve` say to a lesson author, in each language nslab
// speaks: the parser's and the check language's errors, the front matter's, a
// translation's differences from its English lesson, lint's summary lines, and solve's
// proof table. One object per language; the type makes a key missing in Chinese a compile
// error, and test/i18n/lint-text.test.ts holds the two to the same keys at run time.
// Keys, check words, commands and file names stay as the lesson writes them.
import { inLanguages } from './lang.js';

export interface LintText {
  // lint itself (src/lesson/lint.ts, src/commands/lint.ts).
  noLessonsDir: string;
  // loading a lessons folder and reading a file (src/lesson/load.ts, read-file.ts).
  noSuchLessonsDir: string;
  cannotListLessons(why: string): string;
  duplicateId(id: string, otherFile: string): string;
  noNextLesson(next: string, lessons: string): string;
  notAFile: string;
  cannotRead(why: string): string;
  tooBig(mb: string, limitMb: number): string;
  binaryFile: string;
  notUtf8: string;
  translationOf(englishFile: string, exists: boolean): string;
  summary(id: string, title: string, steps: number, checks: number, questions: number, preset: string): string;
  okLine(file: string, summary: string): string;
  noFilesToLint: string;
  problems(count: number, files: number): string;

  // The lesson's body (src/lesson/parse.ts).
  fenceNotClosed(lang: string, fence: string): string;
  fenceOutsideStep(lang: string): string;
  stepNeedsTitle: string;
  secondHints(firstLine: number): string;
  topHeadingInSteps: string;
  secondRecap: string;
  checkProblem(error: string): string;
  secondQuestion(firstLine: number): string;
  hintsBlock: string;
  recapBlock: string;
  promptInCommands: string;
  danglingBackslash: string;
  secondAnswer(firstLine: number): string;
  answerProblem(error: string): string;
  questionNoPrompt: string;
  questionNoAnswer: string;
  hintsNotList: string;
  noSteps: string;
  idMismatch(id: string, baseName: string): string;
  titleRepeats(title: string, line: number): string;
  noCommands(title: string): string;
  noChecks(title: string): string;
  noHints(title: string): string;
  ranWithState: string;

  // The front matter (src/lesson/front-matter.ts). `what` is a key ("title") or "each source".
  mustBeText(what: string): string;
  mustNotBeEmpty(what: string): string;
  idPattern: string;
  nextPattern: string;
  sourceForm: string;
  sourceEmpty: string;
  presetOneOf(presets: string): string;
  setupList: string;
  noFrontMatter: string;
  frontMatterNotClosed: string;
  notYaml(error: string): string;
  couldNotRead(error: string): string;
  mustBeKeys: string;
  unknownKey(key: string, known: string): string;
  missingKey(key: string): string;
  keyProblem(path: string, message: string): string;

  // The check language (src/lesson/check-syntax.ts).
  emptyCheck: string;
  unknownCheck(word: string, starters: string): string;
  checkMissing(what: string, expected: string): string;
  keywordFound(what: string, expected: string, word: string): string;
  endsEarly(what: string, allowed: string): string;
  unexpectedWord(word: string, what: string, allowed: string): string;
  /** What the parser expected next, given in English ("a link name"), in this language. */
  expected(phrase: string): string;
  givenTwice(clause: string): string;
  mtuNumber(word: string): string;
  notAddress(raw: string): string;
  notRouteDest(raw: string): string;
  notGateway(gateway: string): string;
  notSysctl(key: string): string;
  notSubnet(subnet: string, example: string): string;
  notPort(word: string): string;
  notDestination(to: string): string;
  natForm(what: string): string;
  notHost(address: string): string;
  viaForm(via: string): string;
  ranNeedsCommand: string;
  ranRegex(text: string, error: string): string;

  // A question's answer: line (src/lesson/question.ts).
  unknownAnswer(word: string, kinds: string): string;
  literalNeedsText: string;
  portNeedsNumber(word: string): string;
  answerNeeds(kind: string, what: string): string;
  answerTakesOnly(kind: string, what: string, extra: string): string;
  answerForm(kind: string, withPort: boolean, text: string): string;

  // A translation against its English lesson (src/lesson/translation.ts).
  frontMatterKeyDiffers(key: string, here: string, there: string, file: string): string;
  sourceDiffers(file: string): string;
  setupDiffers(file: string): string;
  stepCount(here: number, there: number, file: string): string;
  stepWhere(n: number, title: string, englishTitle: string): string;
  commandsDiffer(where: string): string;
  checksDiffer(where: string): string;
  englishAsks(where: string): string;
  translationAsks(where: string): string;
  answerDiffers(where: string): string;
  hintCount(where: string, here: number, there: number): string;
  englishHasRecap(where: string): string;
  englishNoRecap(where: string): string;

  // solve (src/commands/solve.ts, src/solve/prove-lesson.ts).
  proofHeads: [string, string, string, string];
  error: string;
  ok: string;
  fail: string;
  passesBefore(check: string): string;
  failsAfter(check: string, found: string): string;
  questionUnanswerable(problem: string): string;
  noChecksNoQuestion: string;
  proven(good: number, total: number, bad: number): string;
  labEnded(status: number, output: string): string;
  fixFirst(errors: string): string;
  whichLesson: string;
  rightAnswerRejected: string;
  heldOnlyLater: string;
  setupFailed(at: string, line: string, error: string): string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const en: LintText = {
  noLessonsDir: 'no lessons directory here',
  noSuchLessonsDir: 'no such lessons directory',
  cannotListLessons: (why) => `cannot list lessons: ${why}`,
  duplicateId: (id, other) => `id "${id}" is also the id of ${other}`,
  noNextLesson: (next, lessons) => `next: there is no lesson "${next}" (lessons: ${lessons})`,
  notAFile: 'not a file (give lesson .md files, or no argument for lessons/*.md)',
  cannotRead: (why) => `cannot read it: ${why}`,
  tooBig: (mb, limit) => `the file is ${mb} MB; a lesson is a few KB of markdown (limit ${limit} MB): is this the right file?`,
  binaryFile: 'this is a binary file, not a markdown lesson (it contains NUL bytes)',
  notUtf8: 'the file is not valid UTF-8 text: save it as UTF-8',
  translationOf: (file, exists) => `a translation of ${file}, which ${exists ? 'has problems of its own (lint it first)' : 'does not exist'}`,
  summary: (id, title, steps, checks, questions, preset) =>
    `${id} "${title}": ${[plural(steps, 'step'), plural(checks, 'check'), ...(questions ? [plural(questions, 'question')] : [])].join(', ')}, preset ${preset}`,
  okLine: (file, summary) => `ok   ${file}: ${summary}`,
  noFilesToLint: 'no lesson files to lint',
  problems: (count, files) => `${plural(count, 'problem')} in ${plural(files, 'file')}`,

  fenceNotClosed: (lang, fence) => `this \`\`\`${lang} block is never closed: add a line ${fence} after it`,
  fenceOutsideStep: (lang) => `a \`\`\`${lang} block must be inside a step (a "## " section)`,
  stepNeedsTitle: 'a step heading needs a title after "## "',
  secondHints: (first) => `a second "### Hints" in this step (the first is at line ${first})`,
  topHeadingInSteps: 'a "# " heading inside the steps: steps are "## " sections, and their parts "### "',
  secondRecap: 'a second recap in this step: one short line is enough',
  checkProblem: (error) => `check: ${error}`,
  secondQuestion: (first) => `a second question in this step (the first is at line ${first}): one per step`,
  hintsBlock: 'hints are a "### Hints" list, not a ```hints block (see lessons/README.md)',
  recapBlock: 'a recap is a line "> recap: …", not a ```recap block',
  promptInCommands: 'remove the "$ " prompt: a ```sh block holds the commands exactly as typed',
  danglingBackslash: 'this command ends with "\\" but no line follows it in the block',
  secondAnswer: (first) => `a second "answer:" (the first is at line ${first})`,
  answerProblem: (error) => `answer: ${error}`,
  questionNoPrompt: 'the question block has no question: write it on the first line',
  questionNoAnswer: 'the question block has no "answer:" line (e.g. "answer: port-of docker0")',
  hintsNotList: 'text under "### Hints" must be a list: start each hint with "1." or "-"',
  noSteps: 'the lesson has no steps: each step is a "## " section',
  idMismatch: (id, base) => `id "${id}" does not match the file name ${base}.md: rename one of them`,
  titleRepeats: (title, line) => `step title "${title}" repeats the step at line ${line}: titles name steps in progress, so they must differ`,
  noCommands: (title) => `step "${title}" has no commands: add a \`\`\`sh block with the reference solution`,
  noChecks: (title) => `step "${title}" has no checks: add a \`\`\`check block (or a \`\`\`question for an observation step)`,
  noHints: (title) => `step "${title}" has no hints: add a "### Hints" list, from gentle to the answer`,
  ranWithState: '`ran` reads the transcript, so it is only for observation steps: this step also checks kernel state; drop the ran check or move it to its own step',

  mustBeText: (what) => `${what} must be text`,
  mustNotBeEmpty: (what) => `${what} must not be empty`,
  idPattern: 'id must be two digits, a dash and lowercase words, like 01-docker0',
  nextPattern: 'next must be a lesson id, like 02-veth',
  sourceForm: 'source must be a file name or a list of them',
  sourceEmpty: 'source must name at least one document',
  presetOneOf: (presets) => `preset must be one of ${presets}`,
  setupList: 'setup must be a list of shell lines',
  noFrontMatter: 'a lesson starts with YAML front matter between two --- lines (see lessons/README.md)',
  frontMatterNotClosed: 'the front matter is not closed: add a line --- after it',
  notYaml: (error) => `front matter is not valid YAML: ${error}`,
  couldNotRead: (error) => `front matter could not be read: ${error} (plain keys and values are all a lesson needs)`,
  mustBeKeys: 'front matter must be keys and values (id, title, summary, source, preset)',
  unknownKey: (key, known) => `unknown front-matter key "${key}" (known keys: ${known})`,
  missingKey: (key) => `front matter is missing "${key}"`,
  keyProblem: (path, message) => `front matter "${path}": ${message}`,

  emptyCheck: 'empty check',
  unknownCheck: (word, starters) => `unknown check "${word}": a check starts with one of ${starters} (optionally after "no" or "not")`,
  checkMissing: (what, expected) => `"${what}" check is missing ${expected}`,
  keywordFound: (what, expected, word) => `"${what}" check expected ${expected} but found the keyword "${word}"`,
  endsEarly: (what, allowed) => `"${what}" check ends too early; expected ${allowed}`,
  unexpectedWord: (word, what, allowed) => `unexpected "${word}" in "${what}" check; expected ${allowed}`,
  expected: (phrase) => phrase,
  givenTwice: (clause) => `"${clause}" is given twice`,
  mtuNumber: (word) => `"link" check expected a number after "mtu" (1500), not "${word}"`,
  notAddress: (raw) => `"${raw}" is not an IP address (write it like 10.0.0.2/24)`,
  notRouteDest: (raw) => `"${raw}" is not a route destination: write default, a prefix (10.0.0.0/24) or an address`,
  notGateway: (gw) => `"${gw}" is not a gateway address`,
  notSysctl: (key) => `"${key}" is not a sysctl name (write it with dots, like net.ipv4.ip_forward)`,
  notSubnet: (s, example) => `"${s}" is not a subnet (write it like ${example})`,
  notPort: (word) => `"${word}" is not a port number (1-65535)`,
  notDestination: (to) => `"${to}" is not a destination (write ADDRESS or ADDRESS:PORT, like 172.17.0.2:80)`,
  natForm: (what) => `"nat ${what}": write "nat masquerade SUBNET" or "nat dnat [tcp|udp] PORT to ADDRESS:PORT"`,
  notHost: (address) => `"${address}" is neither an IP address nor a host name`,
  viaForm: (via) => `"via ${via}": write a place (host, c1, outside) or place:interface (host:eth0)`,
  ranNeedsCommand: '"ran" needs the command, e.g. "ran brctl show" or "ran /^ip (a|addr)/"',
  ranRegex: (text, error) => `"ran ${text}": the regular expression does not compile: ${error}`,

  unknownAnswer: (word, kinds) => `unknown answer "${word}": an answer is one of ${kinds}`,
  literalNeedsText: '"literal" needs the answer text',
  portNeedsNumber: (word) => `"port" needs a port number from 1 to 65535, not "${word}"`,
  answerNeeds: (kind, what) => `"${kind}" needs ${what}`,
  answerTakesOnly: (kind, what, extra) => `"${kind}" takes only ${what}, found "${extra}"`,
  answerForm: (kind, withPort, text) => `write "${kind} NAME" or "${kind} NAME in NAMESPACE"${withPort ? ' (then optionally "port N")' : ''}, not "${text}"`,

  frontMatterKeyDiffers: (key, here, there, file) => `front matter "${key}" is "${here}" here but "${there}" in ${file}: only title and summary are translated`,
  sourceDiffers: (file) => `front matter "source" differs from ${file}`,
  setupDiffers: (file) => `front matter "setup" differs from ${file}: setup lines are commands, the same in every language`,
  stepCount: (here, there, file) => `${here} steps here, ${there} in ${file}: a translation has the same steps, in the same order`,
  stepWhere: (n, title, enTitle) => `step ${n} ("${title}", "${enTitle}" in English)`,
  commandsDiffer: (where) => `${where}: its commands differ from the English; commands are the same in every language`,
  checksDiffer: (where) => `${where}: its checks differ from the English`,
  englishAsks: (where) => `${where}: the English asks a question here, this does not`,
  translationAsks: (where) => `${where}: this asks a question the English does not`,
  answerDiffers: (where) => `${where}: its answer: line differs from the English`,
  hintCount: (where, here, there) => `${where}: ${here} hints here, ${there} in English`,
  englishHasRecap: (where) => `${where}: the English has a recap here`,
  englishNoRecap: (where) => `${where}: the English has no recap here`,

  proofHeads: ['lesson', 'step', 'result', 'details'],
  error: 'ERROR',
  ok: 'ok',
  fail: 'FAIL',
  passesBefore: (check) => `passes before its commands: ${check}`,
  failsAfter: (check, found) => `fails after: ${check} (found: ${found})`,
  questionUnanswerable: (problem) => `question cannot be answered: ${problem}`,
  noChecksNoQuestion: 'no checks and no question',
  proven: (good, total, bad) => `${good} of ${total} lesson(s) proven${bad ? `; ${bad} with violations` : ''}.`,
  labEnded: (status, output) => `the lab ended with status ${status}: ${output}`,
  fixFirst: (errors) => `fix the lessons first (\`nslab lint\`):\n${errors}`,
  whichLesson: 'which lesson? `nslab solve <number or id>`, or `nslab solve --all`',
  rightAnswerRejected: 'the right answer was not accepted',
  heldOnlyLater: 'they held only when looked at again later: a learner\'s shell would not have passed the step',
  setupFailed: (at, line, error) => `${at}: the lesson's setup line \`${line}\` failed: ${error}`,
};

/** The parser's "expected …" phrases (src/lesson/check-syntax.ts, src/lesson/question.ts),
 * by their English. A phrase added there and missing here stays English; the test finds it. */
export const ZH_EXPECTED: Record<string, string> = {
  '"has port NAME" (bridge docker0 [in NS] has port veth1)': '"has port NAME"（bridge docker0 [in NS] has port veth1）',
  '"on LINK" (addr 10.0.0.2/24 on veth1 [in NS])': '"on LINK"（addr 10.0.0.2/24 on veth1 [in NS]）',
  '"peer NAME" (veth A [in NS] peer B [in NS])': '"peer NAME"（veth A [in NS] peer B [in NS]）',
  '"to ADDRESS:PORT" (nat dnat tcp 8080 to 172.17.0.2:80)': '"to ADDRESS:PORT"（nat dnat tcp 8080 to 172.17.0.2:80）',
  'a bridge name after "master"': '"master" 后面的网桥名',
  'a bridge name': '网桥名',
  'a container name': '容器名',
  'a destination: default or a prefix such as 10.0.0.0/24': '目的地址：default 或前缀，如 10.0.0.0/24',
  'a docker network name': 'docker 网络名',
  'a gateway address after "via"': '"via" 后面的网关地址',
  'a link kind after "kind" (veth, bridge, …)': '"kind" 后面的链路类型（veth、bridge 等）',
  'a link name after "dev"': '"dev" 后面的链路名',
  'a link name after "on"': '"on" 后面的链路名',
  'a link name': '链路名',
  'a namespace after "in"': '"in" 后面的网络命名空间',
  'a namespace name': '网络命名空间名',
  'a namespace': '网络命名空间',
  'a namespace or container after "from"': '"from" 后面的网络命名空间或容器',
  'a network mode after "net" (bridge, host, none, container:NAME)': '"net" 后面的网络模式（bridge、host、none、container:NAME）',
  'a number after "mtu" (1500)': '"mtu" 后面的数字（如 1500）',
  'a place (host, c1, outside) or place:interface after "via"': '"via" 后面的位置（host、c1、outside）或 位置:接口',
  'a port name after "port"': '"port" 后面的端口名',
  'a subnet after "subnet", e.g. 172.18.0.0/16': '"subnet" 后面的子网，如 172.18.0.0/16',
  'a sysctl name such as net.ipv4.ip_forward': 'sysctl 名，如 net.ipv4.ip_forward',
  'a value after the sysctl name': 'sysctl 名后面的值',
  'a veth name': 'veth 名',
  'an address after "gateway"': '"gateway" 后面的地址',
  'an address or a name to ping': '要 ping 的地址或主机名',
  'an address or prefix': '地址或前缀',
  'an address such as 10.0.0.2/24': '地址，如 10.0.0.2/24',
  'an interface after "out" (docker0 or !docker0)': '"out" 后面的接口（docker0 或 !docker0）',
  'exists, running, stopped or net MODE': 'exists、running、stopped 或 net MODE',
  'in NS, up, down, kind KIND, master BRIDGE or mtu N': 'in NS、up、down、kind KIND、master BRIDGE 或 mtu N',
  'masquerade or dnat': 'masquerade 或 dnat',
  'out IFACE or in NS': 'out IFACE 或 in NS',
  'running or stopped after "is"': '"is" 后面的 running 或 stopped',
  'running or stopped': 'running 或 stopped',
  'subnet CIDR or gateway ADDRESS': 'subnet CIDR 或 gateway ADDRESS',
  'the destination after "to", e.g. 172.17.0.2:80': '"to" 后面的目的地址，如 172.17.0.2:80',
  'the peer name after "peer"': '"peer" 后面的对端名',
  'the port that is forwarded, e.g. 8080': '被转发的端口，如 8080',
  'the source subnet, e.g. 172.17.0.0/16': '源子网，如 172.17.0.0/16',
  'up or down': 'up 或 down',
  'up, down or in NS after "is"': '"is" 后面的 up、down 或 in NS',
  'via GATEWAY, dev LINK or in NS': 'via GATEWAY、dev LINK 或 in NS',
  'the end of the line': '行尾',
};

/** Front-matter names that are not keys: "each source" and "each setup line". */
const zhWhat = (what: string) => (what === 'each source' ? 'source 的每一项' : what === 'each setup line' ? 'setup 的每一行' : what);

const zh: LintText = {
  noLessonsDir: '这里没有 lessons 目录',
  noSuchLessonsDir: '没有这个课程目录',
  cannotListLessons: (why) => `列不出课程：${why}`,
  duplicateId: (id, other) => `id "${id}" 也是 ${other} 的 id`,
  noNextLesson: (next, lessons) => `next：没有课程 "${next}"（现有课程：${lessons}）`,
  notAFile: '不是文件（请给出课程的 .md 文件，或者不给参数，检查 lessons/*.md）',
  cannotRead: (why) => `读不了它：${why}`,
  tooBig: (mb, limit) => `这个文件有 ${mb} MB；一门课程只是几 KB 的 markdown（上限 ${limit} MB）：是不是选错了文件？`,
  binaryFile: '这是二进制文件，不是 markdown 课程（里面有 NUL 字节）',
  notUtf8: '这个文件不是有效的 UTF-8 文本：请用 UTF-8 保存',
  translationOf: (file, exists) => `这是 ${file} 的译文，而该文件${exists ? '本身有问题（先 lint 它）' : '不存在'}`,
  summary: (id, title, steps, checks, questions, preset) =>
    `${id} "${title}"：${steps} 个步骤，${checks} 个检查${questions ? `，${questions} 个问题` : ''}，预设 ${preset}`,
  okLine: (file, summary) => `通过 ${file}：${summary}`,
  noFilesToLint: '没有可检查的课程文件',
  problems: (count, files) => `${files} 个文件中有 ${count} 个问题`,

  fenceNotClosed: (lang, fence) => `这个 \`\`\`${lang} 代码块没有闭合：在它后面加一行 ${fence}`,
  fenceOutsideStep: (lang) => `\`\`\`${lang} 代码块必须在某个步骤（"## " 小节）之内`,
  stepNeedsTitle: '步骤标题 "## " 后面需要写标题',
  secondHints: (first) => `本步骤中第二个 "### Hints"（第一个在第 ${first} 行）`,
  topHeadingInSteps: '步骤中出现了 "# " 标题：步骤是 "## " 小节，步骤内的部分用 "### "',
  secondRecap: '本步骤中第二个 recap：一行简短的总结就够了',
  checkProblem: (error) => `检查：${error}`,
  secondQuestion: (first) => `本步骤中第二个问题（第一个在第 ${first} 行）：每个步骤只能有一个`,
  hintsBlock: '提示写成 "### Hints" 列表，而不是 ```hints 代码块（见 lessons/README.md）',
  recapBlock: 'recap 是一行 "> recap: …"，而不是 ```recap 代码块',
  promptInCommands: '去掉 "$ " 提示符：```sh 代码块里的命令要和输入时一模一样',
  danglingBackslash: '这条命令以 "\\" 结尾，但代码块里后面没有下一行',
  secondAnswer: (first) => `第二个 "answer:"（第一个在第 ${first} 行）`,
  answerProblem: (error) => `answer 行：${error}`,
  questionNoPrompt: 'question 代码块里没有问题：把问题写在第一行',
  questionNoAnswer: 'question 代码块里没有 "answer:" 行（例如 "answer: port-of docker0"）',
  hintsNotList: '"### Hints" 下面必须是列表：每条提示以 "1." 或 "-" 开头',
  noSteps: '课程没有步骤：每个步骤是一个 "## " 小节',
  idMismatch: (id, base) => `id "${id}" 与文件名 ${base}.md 不一致：改掉其中一个`,
  titleRepeats: (title, line) => `步骤标题 "${title}" 与第 ${line} 行的步骤重复：进度按标题记录步骤，标题必须各不相同`,
  noCommands: (title) => `步骤 "${title}" 没有命令：加一个 \`\`\`sh 代码块，写上参考答案`,
  noChecks: (title) => `步骤 "${title}" 没有检查：加一个 \`\`\`check 代码块（观察类步骤可用 \`\`\`question）`,
  noHints: (title) => `步骤 "${title}" 没有提示：加一个 "### Hints" 列表，从委婉的提示写到答案`,
  ranWithState: '`ran` 读取的是命令记录，只适用于观察类步骤：本步骤还检查内核状态；去掉 ran 检查，或把它移到单独的步骤',

  mustBeText: (what) => `${zhWhat(what)} 必须是文本`,
  mustNotBeEmpty: (what) => `${zhWhat(what)} 不能为空`,
  idPattern: 'id 必须是两位数字、一个短横线加小写单词，如 01-docker0',
  nextPattern: 'next 必须是课程 id，如 02-veth',
  sourceForm: 'source 必须是一个文件名或文件名列表',
  sourceEmpty: 'source 至少要列出一份文档',
  presetOneOf: (presets) => `preset 必须是以下之一：${presets}`,
  setupList: 'setup 必须是 shell 命令行的列表',
  noFrontMatter: '课程以两行 --- 之间的 YAML front matter 开头（见 lessons/README.md）',
  frontMatterNotClosed: 'front matter 没有闭合：在它后面加一行 ---',
  notYaml: (error) => `front matter 不是有效的 YAML：${error}`,
  couldNotRead: (error) => `无法读取 front matter：${error}（课程只需要简单的键和值）`,
  mustBeKeys: 'front matter 必须是键和值（id、title、summary、source、preset）',
  unknownKey: (key, known) => `未知的 front matter 键 "${key}"（已知的键：${known}）`,
  missingKey: (key) => `front matter 缺少 "${key}"`,
  keyProblem: (path, message) => `front matter 中的 "${path}"：${message}`,

  emptyCheck: '空的检查',
  unknownCheck: (word, starters) => `未知的检查 "${word}"：检查以下列词之一开头：${starters}（前面可加 "no" 或 "not"）`,
  checkMissing: (what, expected) => `"${what}" 检查缺少 ${zh.expected(expected)}`,
  keywordFound: (what, expected, word) => `"${what}" 检查此处应为 ${zh.expected(expected)}，却是关键字 "${word}"`,
  endsEarly: (what, allowed) => `"${what}" 检查过早结束；此处应为 ${zh.expected(allowed)}`,
  unexpectedWord: (word, what, allowed) => `"${what}" 检查中出现了意外的 "${word}"；此处应为 ${zh.expected(allowed)}`,
  expected: (phrase) => ZH_EXPECTED[phrase] ?? phrase,
  givenTwice: (clause) => `"${clause}" 写了两次`,
  mtuNumber: (word) => `"link" 检查在 "mtu" 后面需要一个数字（如 1500），而不是 "${word}"`,
  notAddress: (raw) => `"${raw}" 不是 IP 地址（写法如 10.0.0.2/24）`,
  notRouteDest: (raw) => `"${raw}" 不是路由目的地址：写 default、前缀（10.0.0.0/24）或地址`,
  notGateway: (gw) => `"${gw}" 不是网关地址`,
  notSysctl: (key) => `"${key}" 不是 sysctl 名（用点分隔，如 net.ipv4.ip_forward）`,
  notSubnet: (s, example) => `"${s}" 不是子网（写法如 ${example}）`,
  notPort: (word) => `"${word}" 不是端口号（1-65535）`,
  notDestination: (to) => `"${to}" 不是目的地址（写 ADDRESS 或 ADDRESS:PORT，如 172.17.0.2:80）`,
  natForm: (what) => `"nat ${what}"：写 "nat masquerade SUBNET" 或 "nat dnat [tcp|udp] PORT to ADDRESS:PORT"`,
  notHost: (address) => `"${address}" 既不是 IP 地址，也不是主机名`,
  viaForm: (via) => `"via ${via}"：写一个位置（host、c1、outside）或 位置:接口（host:eth0）`,
  ranNeedsCommand: '"ran" 需要写命令，例如 "ran brctl show" 或 "ran /^ip (a|addr)/"',
  ranRegex: (text, error) => `"ran ${text}"：正则表达式无法编译：${error}`,

  unknownAnswer: (word, kinds) => `未知的答案 "${word}"：答案是以下之一：${kinds}`,
  literalNeedsText: '"literal" 需要写答案文本',
  portNeedsNumber: (word) => `"port" 需要 1 到 65535 之间的端口号，而不是 "${word}"`,
  answerNeeds: (kind, what) => `"${kind}" 需要 ${zh.expected(what)}`,
  answerTakesOnly: (kind, what, extra) => `"${kind}" 只接受 ${zh.expected(what)}，却多出了 "${extra}"`,
  answerForm: (kind, withPort, text) => `写 "${kind} NAME" 或 "${kind} NAME in NAMESPACE"${withPort ? '（后面可再加 "port N"）' : ''}，而不是 "${text}"`,

  frontMatterKeyDiffers: (key, here, there, file) => `front matter "${key}" 在这里是 "${here}"，在 ${file} 中是 "${there}"：只有 title 和 summary 需要翻译`,
  sourceDiffers: (file) => `front matter "source" 与 ${file} 不同`,
  setupDiffers: (file) => `front matter "setup" 与 ${file} 不同：setup 行是命令，各语言都一样`,
  stepCount: (here, there, file) => `这里有 ${here} 个步骤，${file} 中有 ${there} 个：译文的步骤必须相同，顺序也相同`,
  stepWhere: (n, title, enTitle) => `第 ${n} 步（"${title}"，英文为 "${enTitle}"）`,
  commandsDiffer: (where) => `${where}：命令与英文版不同；命令在各语言中都一样`,
  checksDiffer: (where) => `${where}：检查与英文版不同`,
  englishAsks: (where) => `${where}：英文版这里有问题，译文没有`,
  translationAsks: (where) => `${where}：译文这里有问题，英文版没有`,
  answerDiffers: (where) => `${where}：answer: 行与英文版不同`,
  hintCount: (where, here, there) => `${where}：这里有 ${here} 条提示，英文版有 ${there} 条`,
  englishHasRecap: (where) => `${where}：英文版这里有 recap`,
  englishNoRecap: (where) => `${where}：英文版这里没有 recap`,

  proofHeads: ['课程', '步骤', '结果', '详情'],
  error: '出错',
  ok: '通过',
  fail: '失败',
  passesBefore: (check) => `执行命令之前就已通过：${check}`,
  failsAfter: (check, found) => `执行命令之后仍未通过：${check}（实际：${found}）`,
  questionUnanswerable: (problem) => `问题无法作答：${problem}`,
  noChecksNoQuestion: '既没有检查也没有问题',
  proven: (good, total, bad) => `${total} 个课程中 ${good} 个验证通过${bad ? `；${bad} 个有违规` : ''}。`,
  labEnded: (status, output) => `实验环境以状态 ${status} 结束：${output}`,
  fixFirst: (errors) => `请先修好课程（\`nslab lint\`）：\n${errors}`,
  whichLesson: '哪一课？`nslab solve <编号或 id>`，或 `nslab solve --all`',
  rightAnswerRejected: '正确答案没有被接受',
  heldOnlyLater: '这些检查要过一会儿再看才成立：学员的 shell 不会让这一步通过',
  setupFailed: (at, line, error) => `${at}：课程的 setup 行 \`${line}\` 失败：${error}`,
};

export const lintText = inLanguages<LintText>({ en, 'zh-CN': zh });
