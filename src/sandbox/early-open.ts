// Opening a lab before the CLI has loaded. The CLI takes ~20 ms to load (commander, the
// commands), and `nslab start` another ~70 (yaml, the lesson parser, the shell) and ~30 to
// read the lessons, while the lab waits; a lab with many containers then takes its
// longest step, starting them. For command lines whose lab is plain to read (`run` and
// `sandbox` with --preset and --containers; `start LESSON` when the lesson files state
// their id and preset plainly), the entry point starts opening the lab at once, and the
// command's openLab() takes over the opening already under way. Anything less plain
// (another option, a bad value, --help, a lesson file it cannot read) is left to the CLI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultLessonsDir, matchLessons } from '../lesson/find.js';
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

/** The preset of the lesson `start LESSON [--step N]` names, read from the front matter
 * of every lesson file: only when each has one plain `id:` and `preset:` line (which the
 * lesson parser reads the same way) and the lesson is the only one the query can mean. */
export function plainStartPreset(argv: readonly string[], dir: string): Preset | undefined {
  const [command, query, ...rest] = argv;
  if (command !== 'start' || query === undefined || query.startsWith('-')) return undefined;
  if (!(rest.length === 0 || (rest.length === 2 && rest[0] === '--step' && /^\d+$/.test(rest[1])) || (rest.length === 1 && /^--step=\d+$/.test(rest[0])))) return undefined;
  const lessons: { meta: { id: string }; preset: string }[] = [];
  try {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
      const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(dir, name), 'utf8'))?.[1];
      const ids = frontMatter?.match(/^id:.*$/gm) ?? [];
      const presets = frontMatter?.match(/^preset:.*$/gm) ?? [];
      const id = /^id: *([0-9]{2}-[a-z0-9-]+) *$/.exec(ids[0] ?? '')?.[1];
      const preset = /^preset: *([a-z-]+) *$/.exec(presets[0] ?? '')?.[1];
      if (ids.length !== 1 || presets.length !== 1 || !id || !preset) return undefined;
      lessons.push({ meta: { id }, preset });
    }
  } catch {
    return undefined;
  }
  const found = matchLessons(lessons, query);
  if (found.length !== 1) return undefined;
  // The command matches among the lessons that load, a subset of these: if the one found
  // here did not load, it must find none rather than another one with another preset.
  if (matchLessons(lessons.filter((l) => l !== found[0]), query).length) return undefined;
  const preset = found[0].preset;
  return (PRESETS as readonly string[]).includes(preset) ? (preset as Preset) : undefined;
}

/** The lab a command line will open, when it is plain enough to know before the CLI has
 * read it and worth opening early: with containers, or for a lesson. */
export function earlyLabOptions(argv: readonly string[], lessonsDir = defaultLessonsDir()): LabOptions | undefined {
  if (argv[0] === 'start') {
    const preset = plainStartPreset(argv, lessonsDir);
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
