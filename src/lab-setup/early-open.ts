// Opening a lab before the CLI has loaded, so that its processes run while Node loads the
// rest: the CLI takes ~20 ms to load (commander, the commands), `nslab start` more (the
// lesson parser, the shell, reading every lesson), and a lab with many containers takes
// longest starting them. For command lines whose lab can be known early (`run` and
// `sandbox` with --preset and --containers; `start LESSON` when the query can mean one
// lesson alone), the entry point starts opening the lab at once, and the command's
// openLab() takes over the opening already under way. Anything else (another option, a
// bad value, --help, a lesson it cannot tell) is left to the CLI.
import { defaultLessonsDir } from '../lesson/find.js';
import { type LabOptions, type Preset } from '../sandbox/presets.js';
import { parseContainers, parsePreset, parseStepNumber, valueOrUndefined } from '../sandbox/option-values.js';

/** The lab options of a `run` or `sandbox` command line, when every word of it is one
 * these two options or (for `run`) a word of the command; otherwise undefined. Pure. */
export function plainLabOptions(argv: readonly string[]): LabOptions | undefined {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'sandbox') return undefined;
  const opts: LabOptions = { preset: 'docker-host' };
  let words = 0;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === '--') {
      words += rest.length - i - 1;
      break;
    }
    const option = /^--(preset|containers)(?:=(.*))?$/.exec(word);
    if (!option) {
      if (word.startsWith('-')) return undefined;
      words++;
      continue;
    }
    const value = option[2] ?? rest[++i];
    if (value === undefined) return undefined;
    if (option[1] === 'preset') {
      const preset = valueOrUndefined(parsePreset, value);
      if (preset === undefined) return undefined;
      opts.preset = preset;
    } else {
      const n = valueOrUndefined(parseContainers, value);
      if (n === undefined) return undefined;
      opts.containers = n;
    }
  }
  // `run` needs a command; `sandbox` takes none.
  return (command === 'run') === words > 0 ? opts : undefined;
}

/** The preset of the lesson `start LESSON [--step N]` names, when the query can mean
 * that lesson alone (lesson/meant.ts). */
export async function startPreset(argv: readonly string[], dir: string): Promise<Preset | undefined> {
  const [command, query, ...rest] = argv;
  if (command !== 'start' || query === undefined || query.startsWith('-')) return undefined;
  const step = rest.length === 2 && rest[0] === '--step' ? rest[1] : rest.length === 1 && rest[0].startsWith('--step=') ? rest[0].slice(7) : undefined;
  if (!(rest.length === 0 || (step !== undefined && valueOrUndefined(parseStepNumber, step) !== undefined))) return undefined;
  const { lessonMeant } = await import('../lesson/meant.js');
  return (await lessonMeant(dir, query))?.preset;
}

/** The lab a command line will open, when it is plain enough to know before the CLI has
 * read it and worth opening early: with containers, or for a lesson. */
export async function earlyLabOptions(argv: readonly string[], lessonsDir = defaultLessonsDir()): Promise<LabOptions | undefined> {
  if (argv[0] === 'start') {
    const preset = await startPreset(argv, lessonsDir);
    return preset ? { preset } : undefined;
  }
  const opts = plainLabOptions(argv);
  return opts?.containers ? opts : undefined;
}

let early: { key: string; opening: Promise<void> } | undefined;
const keyOf = (o: LabOptions) => `${o.preset} ${o.containers ?? 0}`;

/** Starts opening the lab `opts` describes (see earlyLabOptions). Resolves once the
 * opening is under way, so that the caller loads the rest of the CLI after the lab's
 * modules rather than competing with them. */
export async function openLabEarly(opts: LabOptions, load: () => Promise<(o: LabOptions) => Promise<void>>): Promise<void> {
  const open = await load();
  const opening = open(opts);
  opening.catch(() => { /* reported when the command takes it over */ });
  early = { key: keyOf(opts), opening };
}

/** The opening started early for these options, once; undefined when none was. */
export function takeEarlyOpening(opts: LabOptions): Promise<void> | undefined {
  if (!early) return undefined;
  const { key, opening } = early;
  early = undefined;
  if (key !== keyOf(opts)) {
    throw new Error(`internal error: the lab was opened early for "${key}" but the command asks for "${keyOf(opts)}"`);
  }
  return opening;
}
