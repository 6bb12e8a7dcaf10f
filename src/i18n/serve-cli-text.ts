// What `nslab serve` says on the instructor's terminal: its options' refusals, the class's
// links and limits when it starts, what it logs while it runs, and what is wrong with a
// class folder it cannot serve. (The learners' pages have their own words: serve-text.)
import { inLanguages } from './lang.js';

export interface ServeCliText {
  // the options
  notPort(value: string): string;
  notSeats(value: string): string;
  notDuration(option: string, value: string): string;
  notSize(value: string): string;
  noLessons(dir: string): string;
  noLesson(value: string): string;
  portTaken(port: number, host: string): string;
  cannotListen(where: string, why: string): string;
  // starting
  started(code: string, seats: number, lesson: string): string;
  joinAt: string;
  instructorAt: string;
  keepSecret: string;
  limits(time: string, idle: string, away: string, stateDir: string): string;
  openToRoom: string;
  notRoot: string;
  // the log
  joined(name: string, seat: number, seats: number): string;
  broadcast(learners: number): string;
  stopping(signal: string): string;
  requestFailed(why: string): string;
  // a class folder that cannot be served
  moveAway(dir: string): string;
  classEmpty(file: string): string;
  notAClass(file: string): string;
  markedButEmpty(file: string): string;
  newerClass(file: string, version: number, known: number): string;
  classDamaged(file: string, why: string): string;
  sqliteCheck(says: string): string;
  notSqlite(file: string): string;
  cannotOpen(file: string, why: string): string;
  noClassCode(file: string): string;
  cannotRead(file: string, why: string): string;
  notJsonClass(file: string): string;
  notClassFile(file: string): string;
  otherFormat(file: string, format: unknown): string;
  // the learners' terminals (src/serve/pty.ts)
  noTerminals(nodePty: string, python: string): string;
  ptyChoiceBad(env: string, choice: string): string;
  ptyPythonMissing(env: string, why: string): string;
}

const en: ServeCliText = {
  notPort: (v) => `--port: "${v}" is not a port number (0 to 65535; 0 picks a free one).`,
  notSeats: (v) => `--seats: "${v}" is not a number of learners from 1 to 1000.`,
  notDuration: (option, v) => `${option}: "${v}" is not a duration: write it as 90s, 10m, 2h, 1h30m (or 0 for none).`,
  notSize: (v) => `--memory: "${v}" is not a size: write it as 256M, 1G (or 0 for none).`,
  noLessons: (dir) => `no lessons to teach in ${dir}`,
  noLesson: (v) => `--lesson: no lesson "${v}"; \`nslab list\` shows them.`,
  portTaken: (port, host) => `port ${port} on ${host} is taken: choose another with --port.`,
  cannotListen: (where, why) => `cannot listen on ${where}: ${why}`,
  started: (code, seats, lesson) => `nslab serve: class ${code}, ${seats} seats, starting at lesson ${lesson}`,
  joinAt: 'learners join at:',
  instructorAt: 'instructor:',
  keepSecret: '(keep this one to yourself)',
  limits: (time, idle, away, stateDir) => `labs end after ${time} (time limit), ${idle} idle, ${away} away; state in ${stateDir}`,
  openToRoom: 'warning: every machine that can reach this one can open the join page and take a seat (each gets a lab on this machine); the instructor link stays secret.',
  notRoot: 'note: not run as root, so all learners\' labs share your subordinate ids, no memory limit applies, and a lab that starts a session of its own (setsid) weighs on the CPU as much as this server; run as root for an id range, a memory limit and a cpu cgroup per learner.',
  joined: (name, seat, seats) => `${name} joined (seat ${seat} of ${seats})`,
  broadcast: (learners) => `broadcast to ${learners} learners`,
  stopping: (signal) => `${signal}: ending every lab (progress is kept)…`,
  requestFailed: (why) => `error answering a request: ${why}`,
  moveAway: (dir) => `Move it away to start a new class in ${dir}, or give --state-dir another folder.`,
  classEmpty: (file) => `${file} is empty, not a class nslab wrote.`,
  notAClass: (file) => `${file} is an SQLite database, but not an nslab class (it has no nslab mark).`,
  markedButEmpty: (file) => `${file} is damaged (it is marked as nslab's but has no class in it).`,
  newerClass: (file, version, known) => `${file} was written by a newer nslab (class database version ${version}); this one reads up to version ${known}. Serve this class with the nslab that wrote it, or give --state-dir another folder to start a new class.`,
  classDamaged: (file, why) => `${file} is damaged (${why}).`,
  sqliteCheck: (says) => `SQLite's check says: ${says}`,
  notSqlite: (file) => `${file} is not a class database nslab can read (not an SQLite database).`,
  cannotOpen: (file, why) => `cannot open ${file}: ${why}`,
  noClassCode: (file) => `${file} has no class code: it is damaged.`,
  cannotRead: (file, why) => `cannot read ${file}: ${why}`,
  notJsonClass: (file) => `${file} is not a class file nslab can read (not JSON).`,
  notClassFile: (file) => `${file} is not an nslab class file.`,
  otherFormat: (file, format) => `${file} was written by another version of nslab (class format ${String(format)}); this one reads format 1. Serve this class with the nslab that wrote it, or give --state-dir another folder to start a new class.`,
  noTerminals: (nodePty, python) => [
    'nslab serve cannot open terminals for the learners:',
    `  @lydell/node-pty could not load: ${nodePty}`,
    `  and the python3 fallback cannot run: ${python}`,
    'Fix one of them, then start the server again:',
    '  npm install (with optional dependencies: it brings @lydell/node-pty\'s binary for this machine)',
    '  or: sudo apt-get install python3',
  ].join('\n'),
  ptyChoiceBad: (env, choice) => `${env}=${choice} is not a terminal backend: unset it, or set it to node-pty or python.`,
  ptyPythonMissing: (env, why) => `${env}=python, but ${why}: install it (sudo apt-get install python3) or unset ${env}.`,
};

const zh: ServeCliText = {
  notPort: (v) => `--port："${v}" 不是端口号（0 到 65535；0 表示随便选一个空闲的）。`,
  notSeats: (v) => `--seats："${v}" 不是 1 到 1000 之间的学员人数。`,
  notDuration: (option, v) => `${option}："${v}" 不是时长：请写成 90s、10m、2h、1h30m（0 表示不限）。`,
  notSize: (v) => `--memory："${v}" 不是大小：请写成 256M、1G（0 表示不限）。`,
  noLessons: (dir) => `${dir} 里没有可以教的课程`,
  noLesson: (v) => `--lesson：没有 "${v}" 这一课；\`nslab list\` 会列出所有课程。`,
  portTaken: (port, host) => `${host} 上的端口 ${port} 已被占用：请用 --port 换一个。`,
  cannotListen: (where, why) => `无法在 ${where} 上监听：${why}`,
  started: (code, seats, lesson) => `nslab serve：班级 ${code}，${seats} 个座位，从课程 ${lesson} 开始`,
  joinAt: '学员加入地址：',
  instructorAt: '讲师页面：',
  keepSecret: '（这个链接请自己保管）',
  limits: (time, idle, away, stateDir) => `实验环境在 ${time} 后结束（时限），空闲 ${idle} 或离开 ${away} 也会结束；状态保存在 ${stateDir}`,
  openToRoom: '警告：凡是能连到这台机器的电脑都能打开加入页面、占一个座位（每人在这台机器上得到一个实验环境）；讲师链接仍然是保密的。',
  notRoot: '注意：没有以 root 运行，所以所有学员的实验环境共用你的从属 ID（subordinate ids），没有内存限制，而且实验环境里自己开启新会话（setsid）的程序占用 CPU 的权重与本服务器相同；以 root 运行时每位学员有自己的一段 ID、内存限制和 cpu cgroup。',
  joined: (name, seat, seats) => `${name} 加入了（座位 ${seat}/${seats}）`,
  broadcast: (learners) => `已广播给 ${learners} 位学员`,
  stopping: (signal) => `${signal}：正在结束所有实验环境（进度都会保留）…`,
  requestFailed: (why) => `回应一个请求时出错：${why}`,
  moveAway: (dir) => `把它挪开就能在 ${dir} 开一个新班级，或者用 --state-dir 换一个文件夹。`,
  classEmpty: (file) => `${file} 是空的，不是 nslab 写的班级文件。`,
  notAClass: (file) => `${file} 是 SQLite 数据库，但不是 nslab 的班级（没有 nslab 的标记）。`,
  markedButEmpty: (file) => `${file} 已损坏（有 nslab 的标记，里面却没有班级）。`,
  newerClass: (file, version, known) => `${file} 是更新版本的 nslab 写的（班级数据库版本 ${version}）；这个版本最多读到 ${known}。请用写它的那个 nslab 来开这个班，或者用 --state-dir 换一个文件夹开新班。`,
  classDamaged: (file, why) => `${file} 已损坏（${why}）。`,
  sqliteCheck: (says) => `SQLite 的检查结果：${says}`,
  notSqlite: (file) => `${file} 不是 nslab 能读的班级数据库（不是 SQLite 数据库）。`,
  cannotOpen: (file, why) => `打不开 ${file}：${why}`,
  noClassCode: (file) => `${file} 没有班级代码：它已损坏。`,
  cannotRead: (file, why) => `读不了 ${file}：${why}`,
  notJsonClass: (file) => `${file} 不是 nslab 能读的班级文件（不是 JSON）。`,
  notClassFile: (file) => `${file} 不是 nslab 的班级文件。`,
  otherFormat: (file, format) => `${file} 是另一个版本的 nslab 写的（班级格式 ${String(format)}）；这个版本只读格式 1。请用写它的那个 nslab 来开这个班，或者用 --state-dir 换一个文件夹开新班。`,
  noTerminals: (nodePty, python) => [
    'nslab serve 无法为学员打开终端：',
    `  @lydell/node-pty 加载失败：${nodePty}`,
    `  备用的 python3 也运行不了：${python}`,
    '请修好其中一个，再启动服务器：',
    '  npm install（带上可选依赖：它会装好适合这台机器的 @lydell/node-pty 二进制文件）',
    '  或者：sudo apt-get install python3',
  ].join('\n'),
  ptyChoiceBad: (env, choice) => `${env}=${choice} 不是一种终端后端：请取消它，或者设为 node-pty 或 python。`,
  ptyPythonMissing: (env, why) => `${env}=python，但是 ${why}：请安装它（sudo apt-get install python3），或者取消 ${env}。`,
};

export const serveCliText = inLanguages<ServeCliText>({ en, 'zh-CN': zh });
