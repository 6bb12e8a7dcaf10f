// Parses the command line and hands each command to its module, loaded only when that
// command runs: start-up time matters (see bench/), and most commands need few modules.
// Loaded by the entry point, src/cli.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import { inLab } from './sandbox/lab.js';
import { PRESETS } from './sandbox/presets.js';
import { OptionValueError, parseContainers, parsePreset, parseStepNumber } from './sandbox/option-values.js';
import { reportAndExit, UserError } from './errors.js';

const program = new Command('nslab')
  .description('A guided shell for learning how containers get their network, on the real kernel.')
  .version('0.1.0')
  .showHelpAfterError('(run `nslab --help` for the commands)')
  .option('--no-color', 'no ANSI colours in any output, as NO_COLOR=1 does')
  .option('--lang <lang>', 'en or zh-CN (default: NSLAB_LANG, then LC_ALL, LC_MESSAGES, LANG); lessons in lessons/zh-CN/ in Chinese')
  // One variable decides colour everywhere (view/color.ts), the lab's own commands included.
  .hook('preAction', (cmd) => { if (cmd.opts().color === false) process.env.NO_COLOR = '1'; });

// commander's error for a value an option does not take, with the same words as ours.
const takes = <T>(parse: (v: string) => T) => (v: string): T => {
  try {
    return parse(v);
  } catch (e) {
    throw e instanceof OptionValueError ? new InvalidArgumentError(e.message) : e;
  }
};
const presetOption = () =>
  new Option('--preset <name>', `starting state of the lab (${PRESETS.join(', ')})`).argParser(takes(parsePreset)).default('docker-host');
const containersOption = () =>
  new Option('--containers <n>', 'start N busybox containers c1…cN').argParser(takes(parseContainers));
const stepNumber = takes(parseStepNumber);

program
  .command('sandbox')
  .description('a plain shell in a fresh lab, for quick experiments (no lesson)')
  .addOption(presetOption())
  .addOption(containersOption())
  .action(async (opts) => (await import('./commands/sandbox.js')).sandboxCommand(opts));

program
  .command('run')
  .description('run one shell command in a fresh lab and exit with its status (for scripts and tests)')
  .addOption(presetOption())
  .addOption(containersOption())
  .argument('<command...>', 'the shell command (joined with spaces, run by bash)')
  .action(async (words: string[], opts) => (await import('./commands/run.js')).runCommand(words, opts));

program
  .command('walk')
  .description('follow one packet hop by hop: a fresh lab, the --setup lines, then the command with every namespace watched')
  .addOption(presetOption())
  .addOption(containersOption())
  .option('--setup <line>', 'a shell line to run first (repeatable), e.g. to break the lab on purpose', (v: string, prev: string[] = []) => [...prev, v])
  .option('--json', 'print the hops as JSON (the command\'s own output goes to stderr)')
  .addOption(new Option('--raw').hideHelp())
  .argument('<command...>', 'the shell command that sends the packet, e.g. docker exec c1 ping -c1 203.0.113.10')
  .action(async (words: string[], opts) => (await import('./commands/walk.js')).walkCliCommand(words, opts));

program
  .command('start')
  .description('start a lesson: builds its lab and opens the shell (a picker when no lesson is named)')
  .argument('[lesson]', 'a lesson number or id (see `nslab list`)')
  .option('--step <n>', 'begin at this step (earlier steps are replayed)', stepNumber)
  .action(async (lesson: string | undefined, opts) => (await import('./commands/start.js')).startCommand(lesson, opts));

program
  .command('solve')
  .description('prove lessons: each step\'s checks fail before its commands and pass after, on a fresh lab')
  .argument('[lesson]', 'a lesson number or id')
  .option('--all', 'every lesson in lessons/')
  .option('--json', 'print the proofs as JSON')
  .action(async (lesson: string | undefined, opts) => (await import('./commands/solve.js')).solveCommand(lesson, opts));

program
  .command('solve-in-lab', { hidden: true })
  .argument('<file>')
  .action(async (file: string) => (await import('./commands/solve.js')).solveInLabCommand(file));

program
  .command('topo')
  .description('draw a lab: a fresh one (a demo of a preset), or with --attach the lab of a session already running')
  .addOption(presetOption())
  .addOption(containersOption())
  .option('--ascii', 'plain ASCII instead of box-drawing characters')
  .option('--list', 'the compact list, even when the drawing would fit')
  .option('--json', 'print the kernel snapshot as JSON instead of drawing it')
  .option('--attach [pid]', 'draw a running lab (yours; as root, anyone\'s) instead of a fresh one; PID picks one of several')
  .addOption(new Option('--snapshot-here').hideHelp())
  .action(async (opts) => (await import('./commands/topo.js')).topoCommand(opts));

program
  .command('serve')
  .description('serve a class in the browser: each learner joins with a link and gets a lab of their own')
  .option('--port <n>', 'the port to listen on (0: any free one)', '8080')
  .option('--host <address>', 'the address to listen on; 0.0.0.0 serves a room (everyone who can reach this machine)', '127.0.0.1')
  .option('--seats <n>', 'the most learners that may join', '30')
  .option('--lesson <id>', 'the lesson every learner starts with (default: the first)')
  .option('--time-limit <duration>', 'a lab ends this long after it started (90m, 2h; 0: never)', '3h')
  .option('--idle-timeout <duration>', 'a lab ends after this long without typing (0: never)', '30m')
  .option('--grace <duration>', 'a lab whose page was closed waits this long for it to come back', '10m')
  .option('--memory <size>', 'the most memory one lab may use, as root (256M, 1G; 0: no limit)', '512M')
  .option('--state-dir <dir>', 'where the class (roster, progress) is kept (default: beside your progress, serve/)')
  .action(async (opts) => (await import('./commands/serve.js')).serveCommand(opts));

program
  .command('list')
  .description('the lessons, with your progress')
  .option('--json', 'print the lessons and your progress as JSON (shape: README.md)')
  .action(async (opts) => (await import('./commands/list.js')).listCommand(opts));

program
  .command('doctor')
  .description('check what nslab needs on this machine, with the fix for each failure')
  .option('--json', 'print the checks as JSON (shape: README.md)')
  .action(async (opts) => (await import('./commands/doctor.js')).doctorCommand(opts));

program
  .command('lint')
  .description('check lesson files: front matter, steps, checks, hints (default: lessons/*.md)')
  .argument('[files...]', 'lesson files to check')
  .action(async (files: string[]) => (await import('./commands/lint.js')).lintCommand(files));

program
  .command('progress')
  .description('show your progress in each lesson, or clear it')
  .option('--reset [lesson]', 'clear the progress of one lesson, or of all when none is named')
  .option('--json', 'print your progress as JSON (shape: README.md)')
  .action(async (opts) => (await import('./commands/progress.js')).progressCommand(opts));

program
  .command('explain')
  .description('explain pasted output of ip, route, brctl, iptables, ping, ifconfig, … (read from stdin; no lab needed)')
  .option('--as <command>', 'the command that printed the text, e.g. "route -n" (default: work it out)')
  .option('--json', 'print the parsed value as JSON instead')
  .option('--compact', 'only the few notes that matter most')
  .action(async (opts) => (await import('./commands/explain.js')).explainCommand({ ...opts, full: !opts.compact }));

export async function main(): Promise<void> {
  // Which command lines need a lab is bin/nslab's rule alone: it sends those through the
  // launcher (which enters the lab before Node starts) and marks the others as routed. A
  // command line that reaches here neither way (`node dist/cli.js …`) goes back through it.
  // The mark is dropped at once, so that nothing this process starts inherits it.
  let routed = process.env.NSLAB_ROUTED === '1';
  delete process.env.NSLAB_ROUTED;
  // bin/lab-launch.pl could not make the lab's user namespace for a lab command: say why.
  if (process.env.NSLAB_NO_USERNS === '1') {
    const { usernsBlockedMessage, readUsernsSysctls } = await import('./sandbox/userns.js');
    process.stderr.write(usernsBlockedMessage(readUsernsSysctls()) + '\n');
    process.exit(3);
  }
  // bin/nslab took `--lang` out and put it here; one nslab does not speak is an error.
  const { langProblem } = await import('./i18n/lang.js');
  const wrongLang = langProblem(process.env.NSLAB_LANG);
  if (wrongLang) throw new UserError(wrongLang);
  // The global --no-color may come before the command's name, which bin/nslab (looking at
  // the first word only) then did not see: sent back without it; NO_COLOR carries it over.
  let args = process.argv.slice(2);
  if (args[0] === '--no-color') {
    process.env.NO_COLOR = '1';
    args = args.slice(1);
    routed = false;
  }
  if (!routed && !inLab()) {
    const { relaunchInLab } = await import('./sandbox/relaunch.js');
    return relaunchInLab(args);
  }
  // `nslab` alone: in a lab (bin/nslab made one because this is a terminal), the lesson
  // picker; otherwise the help.
  if (args.length === 0) {
    if (inLab()) return (await import('./commands/start.js')).startCommand(undefined, {});
    program.outputHelp();
    return;
  }
  await program.parseAsync(['node', 'nslab', ...args]);
}

export { reportAndExit };
