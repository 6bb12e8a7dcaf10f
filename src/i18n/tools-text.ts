// What the engineer's commands say: `nslab explain` (output pasted on stdin), `nslab walk`
// and `nslab topo` (a fresh lab, or --attach to a running one). The explanations and the
// drawing have their own catalogues; these are the commands' own messages.
import { inLanguages } from './lang.js';

export interface ToolsText {
  unknownAs(name: string, names: string): string;
  pasteThen: string;
  nothingToExplain: string;
  cannotTell(names: string): string;
  setupFailed(line: string, status: number): string;
  attachWithContainers: string;
  snapshotHereOutside: string;
  notALab(pid: number): string;
  runningLabs(list: string): string;
  noLabRunning: string;
  noLabToAttach: string;
  whichLab(count: number, table: string): string;
  labsHead: string;
  notAPid(value: string): string;
  labGone(pid: number, why: string): string;
  cannotReadLab(pid: number, command: string, why: string): string;
  nsenterExited(code: number): string;
  notASnapshot(pid: number, start: string): string;
  labTitle(pid: number, command: string): string;
}

const en: ToolsText = {
  unknownAs: (name, names) => `nslab explain does not know the command "${name}". Accepted names: ${names}.`,
  pasteThen: 'Paste the output to explain, then press Ctrl-D on an empty line.',
  nothingToExplain: 'Nothing to explain: stdin was empty. Pipe or paste the output of a command, e.g. `ip a | nslab explain`.',
  cannotTell: (names) => `Cannot tell which command printed this text. Say it with --as, e.g. --as "route -n". Accepted names: ${names}.`,
  setupFailed: (line, status) => `nslab walk: the setup line \`${line}\` exited ${status}; nothing was walked.`,
  attachWithContainers: '--attach draws a lab as it is: --containers applies only to a fresh lab.',
  snapshotHereOutside: '--snapshot-here is internal to --attach and runs inside a lab only.',
  notALab: (pid) => `process ${pid} is not a running nslab lab you may look into (its pid 1, bin/lab-init.pl).`,
  runningLabs: (list) => ` Running labs:\n${list}`,
  noLabRunning: ' No lab is running.',
  noLabToAttach: 'no nslab lab is running, so there is nothing to attach to. Start one in another terminal (`nslab start` or `nslab sandbox`), then run `nslab topo --attach` again; `nslab topo` alone draws a fresh lab.',
  whichLab: (count, table) => `${count} labs are running; say which with \`nslab topo --attach PID\`:\n${table}`,
  labsHead: '     PID  USER       COMMAND',
  notAPid: (value) => `--attach takes the pid of a running lab (see the list \`nslab topo --attach\` prints), not "${value}".`,
  labGone: (pid, why) => `lab ${pid} ended, or its namespaces cannot be read: ${why}`,
  cannotReadLab: (pid, command, why) => `could not read lab ${pid} (${command}): ${why}. Is it still running? As a user other than its owner, run this as root.`,
  nsenterExited: (code) => `nsenter exited ${code}`,
  notASnapshot: (pid, start) => `lab ${pid} answered with something other than a snapshot: ${start}`,
  labTitle: (pid, command) => `lab ${pid}: ${command}`,
};

const zh: ToolsText = {
  unknownAs: (name, names) => `nslab explain 不认识命令 "${name}"。认识的名字有：${names}。`,
  pasteThen: '把要解释的输出粘贴进来，然后在空行上按 Ctrl-D。',
  nothingToExplain: '没有可解释的内容：标准输入是空的。请把某个命令的输出用管道传进来或粘贴进来，例如 `ip a | nslab explain`。',
  cannotTell: (names) => `看不出这段文字是哪个命令打印的。请用 --as 说明，例如 --as "route -n"。认识的名字有：${names}。`,
  setupFailed: (line, status) => `nslab walk：准备命令 \`${line}\` 的退出码是 ${status}；没有追踪任何数据包。`,
  attachWithContainers: '--attach 画的是实验环境现在的样子：--containers 只用于新建的实验环境。',
  snapshotHereOutside: '--snapshot-here 是 --attach 内部用的，只能在实验环境里运行。',
  notALab: (pid) => `进程 ${pid} 不是一个你能查看的、正在运行的 nslab 实验环境（它的 1 号进程 bin/lab-init.pl）。`,
  runningLabs: (list) => `正在运行的实验环境：\n${list}`,
  noLabRunning: '现在没有实验环境在运行。',
  noLabToAttach: '没有正在运行的 nslab 实验环境，无从连接。请在另一个终端里启动一个（`nslab start` 或 `nslab sandbox`），再运行 `nslab topo --attach`；单独的 `nslab topo` 会画一个新建的实验环境。',
  whichLab: (count, table) => `有 ${count} 个实验环境在运行；请用 \`nslab topo --attach PID\` 指明是哪一个：\n${table}`,
  labsHead: '     PID  用户       命令',
  notAPid: (value) => `--attach 要的是一个正在运行的实验环境的 pid（见 \`nslab topo --attach\` 列出的清单），而不是 "${value}"。`,
  labGone: (pid, why) => `实验环境 ${pid} 已经结束，或者读不了它的命名空间：${why}`,
  cannotReadLab: (pid, command, why) => `读不了实验环境 ${pid}（${command}）：${why}。它还在运行吗？如果你不是它的主人，请以 root 运行。`,
  nsenterExited: (code) => `nsenter 的退出码是 ${code}`,
  notASnapshot: (pid, start) => `实验环境 ${pid} 的回答不是一份快照：${start}`,
  labTitle: (pid, command) => `实验环境 ${pid}：${command}`,
};

export const toolsText = inLanguages<ToolsText>({ en, 'zh-CN': zh });
