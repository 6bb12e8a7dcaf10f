// Opening a lab before the CLI has loaded. Node takes ~55 ms to start and the CLI another
// ~20 ms to load (commander, the commands); a lab with many containers then takes its
// longest step, starting them. For the commands whose lab is plain to read from argv
// (`run` and `sandbox` with --preset and --containers), the entry point starts opening
// the lab at once, and the command's openLab() takes over the opening already under way.
// Anything less plain (another option, a bad value, --help) is left to the CLI's parser.
import type { LabOptions } from './open.js';
import { CONTAINERS_MAX, PRESETS, type Preset } from './presets.js';

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
      if (!(PRESETS as readonly string[]).includes(value)) return undefined;
      opts.preset = value as Preset;
    } else {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n > CONTAINERS_MAX) return undefined;
      opts.containers = n;
    }
  }
  // `run` needs a command; `sandbox` takes none.
  return (command === 'run') === words > 0 ? opts : undefined;
}

let early: { key: string; opening: Promise<void> } | undefined;
const keyOf = (o: LabOptions) => `${o.preset} ${o.containers ?? 0}`;

/** Starts opening the lab for argv, if it is plain (see above) and asks for containers:
 * without them the preset alone is quick, and the CLI is loaded by the time it matters.
 * Resolves once the opening is under way, so that the caller loads the rest of the CLI
 * after the lab's modules rather than competing with them. */
export async function openLabEarly(argv: readonly string[], load: () => Promise<(o: LabOptions) => Promise<void>>): Promise<void> {
  const opts = plainLabOptions(argv);
  if (!opts?.containers) return;
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
