// Parses the command line and hands each command to its module, loaded only when that
// command runs: start-up time matters (see bench/), and most commands need few modules.
// Loaded by the entry point, src/cli.ts.
import { Command, Help, InvalidArgumentError, Option } from 'commander';
import { inLab } from './sandbox/lab.js';
import { PRESETS } from './sandbox/presets.js';
import { OptionValueError, parseContainers, parsePreset, parseStepNumber } from './sandbox/option-values.js';
import { reportAndExit, UserError } from './errors.js';
import { cliText } from './i18n/cli-text.js';
import { argsText, commanderError } from './i18n/args-text.js';
import { displayWidth } from './view/display-width.js';
import { fillLine } from './view/wrap.js';

// This module is loaded once per process, after bin/nslab has put --lang in NSLAB_LANG:
// the language read here is the one the process speaks throughout.
const t = cliText();

const program = new Command('nslab')
  // Set before any subcommand is added: each copies these. commander counts a Chinese
  // character as one column and wraps only at spaces; wrap.ts knows better.
  .configureHelp({
    styleTitle: (title) => t.helpTitles[title as keyof typeof t.helpTitles] ?? title,
    displayWidth,
    optionDescription(option) {
      return t.helpDefault(Help.prototype.optionDescription.call(this, option));
    },
    boxWrap(text, width) {
      return width < (this.minWidthToWrap ?? 40) ? text : text.split('\n').flatMap((line) => fillLine(line, width)).join('\n');
    },
  })
  .helpOption('-h, --help', t.helpOption)
  .helpCommand('help [command]', t.helpOption)
  .description(t.help.program)
  .version('0.1.0', '-V, --version', t.versionOption)
  .showHelpAfterError(t.helpAfterError)
  // commander's own errors in the learner's language (they are English in commander).
  .configureOutput({ outputError: (text, write) => write(commanderError(text, argsText())) })
  .option('--no-color', t.help.noColor)
  .option('--lang <lang>', t.help.lang)
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
  new Option('--preset <name>', t.help.preset(PRESETS.join(', '))).argParser(takes(parsePreset)).default('docker-host');
const containersOption = () =>
  new Option('--containers <n>', t.help.containers).argParser(takes(parseContainers));
const stepNumber = takes(parseStepNumber);

program
  .command('sandbox')
  .description(t.help.sandbox)
  .addOption(presetOption())
  .addOption(containersOption())
  .action(async (opts) => (await import('./commands/sandbox.js')).sandboxCommand(opts));

program
  .command('run')
  .description(t.help.run)
  .addOption(presetOption())
  .addOption(containersOption())
  .argument('<command...>', t.help.runCommand)
  .action(async (words: string[], opts) => (await import('./commands/run.js')).runCommand(words, opts));

program
  .command('walk')
  .description(t.help.walk)
  .addOption(presetOption())
  .addOption(containersOption())
  .option('--setup <line>', t.help.walkSetup, (v: string, prev: string[] = []) => [...prev, v])
  .option('--json', t.help.walkJson)
  .addOption(new Option('--raw').hideHelp())
  .argument('<command...>', t.help.walkCommand)
  .action(async (words: string[], opts) => (await import('./commands/walk.js')).walkCliCommand(words, opts));

program
  .command('start')
  .description(t.help.start)
  .argument('[lesson]', t.help.startLesson)
  .option('--step <n>', t.help.startStep, stepNumber)
  .action(async (lesson: string | undefined, opts) => (await import('./commands/start.js')).startCommand(lesson, opts));

program
  .command('solve')
  .description(t.help.solve)
  .argument('[lesson]', t.help.solveLesson)
  .option('--all', t.help.solveAll)
  .option('--json', t.help.solveJson)
  .action(async (lesson: string | undefined, opts) => (await import('./commands/solve.js')).solveCommand(lesson, opts));

program
  .command('solve-in-lab', { hidden: true })
  .argument('<file>')
  .action(async (file: string) => (await import('./commands/solve.js')).solveInLabCommand(file));

program
  .command('topo')
  .description(t.help.topo)
  .addOption(presetOption())
  .addOption(containersOption())
  .option('--ascii', t.help.topoAscii)
  .option('--list', t.help.topoList)
  .option('--json', t.help.topoJson)
  .option('--attach [pid]', t.help.topoAttach)
  .addOption(new Option('--snapshot-here').hideHelp())
  .action(async (opts) => (await import('./commands/topo.js')).topoCommand(opts));

program
  .command('serve')
  .description(t.help.serve)
  .option('--port <n>', t.help.servePort, '8080')
  .option('--host <address>', t.help.serveHost, '127.0.0.1')
  .option('--seats <n>', t.help.serveSeats, '30')
  .option('--lesson <id>', t.help.serveLesson)
  .option('--time-limit <duration>', t.help.serveTimeLimit, '3h')
  .option('--idle-timeout <duration>', t.help.serveIdle, '30m')
  .option('--grace <duration>', t.help.serveGrace, '10m')
  .option('--memory <size>', t.help.serveMemory, '512M')
  .option('--state-dir <dir>', t.help.serveStateDir)
  .action(async (opts) => (await import('./commands/serve.js')).serveCommand(opts));

program
  .command('list')
  .description(t.help.list)
  .option('--json', t.help.listJson)
  .action(async (opts) => (await import('./commands/list.js')).listCommand(opts));

program
  .command('doctor')
  .description(t.help.doctor)
  .option('--json', t.help.doctorJson)
  .action(async (opts) => (await import('./commands/doctor.js')).doctorCommand(opts));

program
  .command('lint')
  .description(t.help.lint)
  .argument('[files...]', t.help.lintFiles)
  .action(async (files: string[]) => (await import('./commands/lint.js')).lintCommand(files));

program
  .command('progress')
  .description(t.help.progress)
  .option('--reset [lesson]', t.help.progressReset)
  .option('--json', t.help.progressJson)
  .action(async (opts) => (await import('./commands/progress.js')).progressCommand(opts));

program
  .command('explain')
  .description(t.help.explain)
  .option('--as <command>', t.help.explainAs)
  .option('--json', t.help.explainJson)
  .option('--compact', t.help.explainCompact)
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
