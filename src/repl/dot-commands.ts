// The shell's own commands, each with its help text beside its handler. A line starting
// with `.` is one of these; `./x` runs as a shell command.
import pc from 'picocolors';
import { shellText } from '../i18n/shell-text.js';
import type { KernelState } from '../kernel/types.js';
import type { CheckReport } from '../lesson/check-eval.js';
import type { LessonSession } from '../lesson/session.js';
import type { Lesson, Step } from '../lesson/types.js';
import type { Place } from '../place/places.js';

export type LineOutcome = 'continue' | 'quit';

/** What a dot-command may use of the shell it runs in (the shell, src/repl/lesson-shell.ts,
 * is one): its output, its switches and places, and the lesson's session. */
export interface ShellForCommands {
  readonly deps: { color: boolean; requestReset?: (stepNumber: number) => void; lessonTable?: () => Promise<string> };
  readonly lesson: Lesson | undefined;
  readonly step: Step | undefined;
  readonly stepIndex: number;
  readonly session: LessonSession | undefined;
  readonly place: Place;
  explainOn: boolean;
  traceOn: boolean;
  print(text: string): void;
  style(f: (s: string) => string, s: string): string;
  snapshotQuietly(): Promise<KernelState | undefined>;
  evaluate(state: KernelState): Promise<CheckReport<Step['checks'][number]>[]>;
  evalContext(): { commands: readonly string[]; examples: readonly string[] };
  goTo(index: number): Promise<void>;
  setPlace(name: string): Promise<string | undefined>;
  broadcast(line: string): Promise<void>;
  /** Runs a line where the learner is, its output shown (not a learner's line: no checks). */
  runHere(line: string): Promise<void>;
  /** The lab's picture elsewhere (the workshop page) with a walk's path marked. */
  showWalk(state: KernelState, marks: ReadonlyMap<string, string>): void;
}

export interface DotCommand {
  name: string;
  args?: string;
  help: string;
  /** Only in a lesson (not in `nslab sandbox`). */
  lessonOnly?: boolean;
  run(shell: ShellForCommands, arg: string): Promise<LineOutcome | void>;
}

/** `.NAME on|off`: sets a switch, or says how it stands when given neither. */
async function toggle(shell: ShellForCommands, arg: string, what: string, get: () => boolean, set: (v: boolean) => void | Promise<void>): Promise<void> {
  const v = arg === 'on' ? true : arg === 'off' ? false : undefined;
  if (v === undefined) {
    shell.print(shellText().switchState(what, get()) + '\n');
    return;
  }
  await set(v);
  shell.print(shellText().switchSet(what, v) + '\n');
}

export const DOT_COMMANDS: DotCommand[] = [
  {
    name: 'help',
    help: 'list these commands',
    async run(shell) {
      const shown = DOT_COMMANDS.filter((c) => shell.lesson || !c.lessonOnly);
      const width = Math.max(...shown.map((c) => c.name.length + (c.args ? c.args.length + 1 : 0)));
      const text = shellText();
      const lines = shown.map((c) => `  .${(c.name + (c.args ? ' ' + c.args : '')).padEnd(width)}  ${text.dotHelp[c.name] ?? c.help}`);
      shell.print([...text.helpIntro, ...lines, ''].join('\n'));
    },
  },
  {
    name: 'hint',
    lessonOnly: true,
    help: 'the next hint for this step (each one gives away a little more)',
    async run(shell) {
      // The hint itself is printed as the session announces it.
      if (!shell.session?.nextHint()) shell.print(shellText().noHints + '\n');
    },
  },
  {
    name: 'solution',
    lessonOnly: true,
    help: "this step's commands",
    async run(shell) {
      const cmds = shell.step?.commands ?? [];
      shell.print(cmds.length ? cmds.map((c) => `  ${c}`).join('\n') + '\n' : shellText().noCommands + '\n');
    },
  },
  {
    name: 'check',
    lessonOnly: true,
    help: 'every check of this step, with pass/fail and why',
    async run(shell) {
      const step = shell.step;
      if (!step) return;
      const state = await shell.snapshotQuietly();
      if (!state) return;
      const reports = await shell.evaluate(state);
      const { headline } = await import('../lesson/check-eval.js');
      const text = shellText();
      if (!reports.length) shell.print((step.question ? text.answeredByQuestion : text.noChecks) + '\n');
      for (const r of reports) {
        const mark = r.result.ok ? shell.style(pc.green, '✔') : shell.style(pc.red, '✘');
        shell.print(`${mark} ${headline(r.check, r.result, shell.evalContext())}${r.result.ok ? '' : `\n    ${text.expected} ${r.result.expected}\n    ${text.found} ${r.result.found}`}\n`);
      }
      if (reports.length && reports.every((r) => r.result.ok)) await shell.session?.afterLine(state, true);
    },
  },
  {
    name: 'next',
    lessonOnly: true,
    help: 'skip to the next step (it stays unfinished)',
    async run(shell) { await shell.goTo(shell.stepIndex + 1); },
  },
  {
    name: 'back',
    lessonOnly: true,
    help: 'show the previous step again (the lab stays as it is; .reset rebuilds it)',
    async run(shell) { await shell.goTo(shell.stepIndex - 1); },
  },
  {
    name: 'reset',
    lessonOnly: true,
    help: 'rebuild the lab as it was at the start of this step (replays earlier steps)',
    async run(shell) {
      if (!shell.deps.requestReset) {
        shell.print(shellText().resetNeedsTerminal(shell.lesson?.meta.id ?? '', shell.step?.number ?? 1) + '\n');
        return;
      }
      shell.print(shellText().freshLabAt(shell.step?.number ?? 1) + '\n');
      shell.deps.requestReset(shell.step?.number ?? 1);
      return 'quit';
    },
  },
  {
    name: 'topo',
    help: 'draw the lab as it is now: namespaces, bridges, veth pairs',
    async run(shell) {
      const state = await shell.snapshotQuietly();
      if (!state) return;
      const { drawTopology } = await import('../view/topology.js');
      shell.print(drawTopology(state, { color: shell.deps.color, width: process.stdout.columns || 100 }) + '\n');
    },
  },
  {
    name: 'walk',
    args: 'COMMAND',
    help: 'run COMMAND and follow its first packet hop by hop: where it went, NAT, where it died',
    async run(shell, arg) {
      if (!arg) {
        shell.print(shellText().walkUsage + '\n');
        return;
      }
      const [{ walkCommand }, { renderWalk, walkMarks }] = await Promise.all([import('../walk/capture.js'), import('../walk/render.js')]);
      const r = await walkCommand(arg, {
        runLine: (line) => shell.runHere(line),
        snapshot: async () => {
          const state = await shell.snapshotQuietly();
          if (!state) throw new Error(shellText().stateNotNow);
          return state;
        },
      });
      const style = (f: (s: string) => string) => (s: string) => shell.style(f, s);
      if (r.walk) shell.print(renderWalk(r.walk, { bold: style(pc.bold), dim: style(pc.dim), good: style(pc.green), bad: style(pc.red) }));
      // The same path on the lab's picture: each link the packet passed, with its hop numbers.
      if (r.walk && r.raw.state) {
        const { drawTopology } = await import('../view/topology.js');
        const marks = walkMarks(r.walk, r.raw.state);
        shell.print(drawTopology(r.raw.state, { color: shell.deps.color, width: process.stdout.columns || 100, marks }) + '\n');
        shell.showWalk(r.raw.state, marks);
      }
      if (r.problem) shell.print(`walk: ${r.problem}\n`);
    },
  },
  {
    name: 'explain',
    args: 'on|off',
    help: 'annotations under recognised output (on at first)',
    run: (shell, arg) => toggle(shell, arg, shellText().switchName.explain, () => shell.explainOn, (v) => { shell.explainOn = v; }),
  },
  {
    name: 'trace',
    args: 'on|off',
    help: 'show every ip/iptables step the docker command performs',
    run: (shell, arg) => toggle(shell, arg, shellText().switchName.trace, () => shell.traceOn, async (v) => {
      shell.traceOn = v;
      await shell.broadcast(v ? 'export NSLAB_TRACE=1' : 'unset NSLAB_TRACE');
    }),
  },
  {
    name: 'enter',
    args: 'NAME',
    help: 'run the next lines in a container, a namespace, or `outside`',
    async run(shell, arg) {
      if (!arg) { shell.print(shellText().enterUsage + '\n'); return; }
      const why = await shell.setPlace(arg);
      shell.print((why ? shellText().cannotEnter(why) : shellText().nowIn(shell.place.label)) + '\n');
    },
  },
  {
    name: 'host',
    help: 'back to the lab host',
    async run(shell) { await shell.setPlace('host'); shell.print(shellText().nowOnHost + '\n'); },
  },
  {
    name: 'lessons',
    help: 'the lessons and your progress',
    async run(shell) {
      shell.print(shell.deps.lessonTable ? (await shell.deps.lessonTable()) + '\n' : shellText().lessonsElsewhere + '\n');
    },
  },
  {
    name: 'quit',
    help: 'end the lab (your progress is saved)',
    async run() { return 'quit'; },
  },
];

export function findDotCommand(name: string): DotCommand | undefined {
  return DOT_COMMANDS.find((c) => c.name === name) ?? (name === 'exit' ? DOT_COMMANDS.find((c) => c.name === 'quit') : undefined);
}
