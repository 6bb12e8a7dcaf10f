// What nslab says when it cannot build a lab: user namespaces refused (with the sysctls
// that refuse them and the commands that lift them), a lab asked for inside a lab, options
// that do not go together, the launcher missing. (doctor's own lines are cli-text's.)
import { inLanguages } from './lang.js';

export interface SandboxText {
  /** Between the sentences of a paragraph (a space in English, none in Chinese). */
  sentenceGap: string;
  usernsCannot: string;
  usernsWhy: string;
  usernsFound(settings: string[]): string;
  usernsNoneFound: string;
  usernsFixes(fixes: string[]): string;
  usernsAskAdmin: string;
  usernsOrRoot(before: string): string;
  containersNeedDocker: string;
  nestedLab: string;
  noLauncher: string;
  shellKilled: string;
}

const code = (s: string) => `\`${s}\``;

const en: SandboxText = {
  sentenceGap: ' ',
  usernsCannot: 'nslab cannot build a lab: this user may not create user namespaces.',
  usernsWhy: 'A lab is a set of fresh namespaces; without root, nslab needs an unprivileged user namespace to make them, so that nothing on the machine itself is touched.',
  usernsFound: (settings) => `On this machine ${settings.join(' and ')}.`,
  usernsNoneFound: 'None of the usual sysctls is set against it, so a security module or a container runtime is probably denying it.',
  usernsFixes: (fixes) => `To allow it, run ${fixes.map(code).join(' and ')} (add the same setting to /etc/sysctl.d/ to keep it after a reboot),`,
  usernsAskAdmin: 'Ask your administrator to allow unprivileged user namespaces,',
  usernsOrRoot: (before) => `${before} or run nslab as root: \`sudo nslab …\` (the lab is just as isolated then).`,
  containersNeedDocker: '--containers needs the docker-host preset (containers plug into docker0).',
  nestedLab: 'this shell is already inside an nslab lab: nested labs are not supported. Leave this one first (.quit, or exit).',
  noLauncher: 'nslab: cannot start the lab launcher (bin/nslab)',
  shellKilled: 'nslab: the shell was killed; the lab ends (nothing of it is left on this machine).',
};

const zh: SandboxText = {
  sentenceGap: '',
  usernsCannot: 'nslab 无法搭建实验环境：这个用户不能创建用户命名空间（user namespace）。',
  usernsWhy: '实验环境是一组全新的命名空间；不用 root 时，nslab 需要一个非特权用户命名空间来创建它们，这样机器本身的任何东西都不会被改动。',
  usernsFound: (settings) => `这台机器上 ${settings.join('，并且 ')}。`,
  usernsNoneFound: '常见的几个 sysctl 都没有禁止它，所以多半是某个安全模块或容器运行时在拒绝它。',
  usernsFixes: (fixes) => `要允许它，请运行 ${fixes.map(code).join(' 和 ')}（把同样的设置写进 /etc/sysctl.d/，重启后仍然有效），`,
  usernsAskAdmin: '请管理员允许非特权用户命名空间，',
  usernsOrRoot: (before) => `${before}或者以 root 运行 nslab：\`sudo nslab …\`（实验环境同样是隔离的）。`,
  containersNeedDocker: '--containers 需要 docker-host 预设（容器要接到 docker0 上）。',
  nestedLab: '这个 shell 已经在一个 nslab 实验环境里了：不支持嵌套的实验环境。请先离开这一个（.quit 或 exit）。',
  noLauncher: 'nslab：无法启动实验环境的启动器（bin/nslab）',
  shellKilled: 'nslab：shell 被杀掉了；实验环境随之结束（这台机器上不会留下它的任何东西）。',
};

export const sandboxText = inLanguages<SandboxText>({ en, 'zh-CN': zh });
