// `nslab serve`: one server for a class. Learners join in the browser and each gets a lab
// of their own running the learning shell; the instructor's link shows the class.
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { serveCliText } from '../i18n/serve-cli-text.js';
import { currentLang } from '../i18n/lang.js';
import { displayWidth } from '../view/display-width.js';
import { raiseServerPriority } from '../sandbox/work-priority.js';
import { defaultLessonsDir, loadLessons } from '../lesson/load.js';
import { formatLintError } from '../lesson/types.js';
import { progressLocation } from '../progress/location.js';
import { Classroom } from '../serve/classroom.js';
import { formatDuration, parseDuration } from '../serve/durations.js';
import { classServer } from '../serve/http.js';
import { RosterError } from '../serve/roster.js';

export interface ServeOptions {
  port: string;
  host: string;
  seats: string;
  lesson?: string;
  timeLimit: string;
  idleTimeout: string;
  grace: string;
  memory: string;
  stateDir?: string;
}

const t = serveCliText();

function parseBytes(text: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(text.trim());
  if (!m) throw new UserError(t.notSize(text));
  return Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
}

function duration(option: string, text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new UserError(t.notDuration(option, text));
  }
}

/** The addresses a room can reach this machine at, for `--host 0.0.0.0`. */
function roomAddresses(): string[] {
  return Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
}

export async function serveCommand(opts: ServeOptions): Promise<void> {
  // Above every lab it will start (src/sandbox/work-priority.ts), where it may: as root.
  raiseServerPriority();
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) throw new UserError(t.notPort(opts.port));
  const seats = Number(opts.seats);
  if (!/^\d+$/.test(opts.seats) || seats < 1 || seats > 1000) throw new UserError(t.notSeats(opts.seats));
  const limits = {
    timeLimit: duration('--time-limit', opts.timeLimit),
    idleTimeout: duration('--idle-timeout', opts.idleTimeout),
    grace: duration('--grace', opts.grace),
    memoryMax: parseBytes(opts.memory),
  };
  // The class's lessons in English; each learner may read them in Chinese (their choice).
  const { lessons, errors } = await loadLessons(undefined, 'en');
  const translations = { 'zh-CN': (await loadLessons(undefined, 'zh-CN')).lessons };
  if (!lessons.length) throw new UserError(`${t.noLessons(defaultLessonsDir())}${errors.length ? `:\n${errors.map(formatLintError).join('\n')}` : '.'}`);
  const wanted = opts.lesson;
  const first = wanted ? lessons.find((l) => l.meta.id === wanted || l.meta.id.startsWith(`${wanted.padStart(2, '0')}-`)) : lessons[0];
  if (!first) throw new UserError(t.noLesson(opts.lesson!));
  const stateDir = resolve(opts.stateDir ?? join(dirname(progressLocation().path), 'serve'));
  let room: Classroom;
  try {
    room = new Classroom({ stateDir, seats, lessonId: first.meta.id, limits, lessons, translations, lessonsDir: process.env.NSLAB_LESSONS });
  } catch (e) {
    if (e instanceof RosterError) throw new UserError(e.message);
    throw e;
  }
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const { server, close } = classServer(room, log);
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(new UserError(e.code === 'EADDRINUSE' ? t.portTaken(port, opts.host) : t.cannotListen(`${opts.host}:${port}`, e.message))));
    server.listen(port, opts.host, () => ok());
  });
  const bound = (server.address() as { port: number }).port;
  const hosts = opts.host === '0.0.0.0' || opts.host === '::' ? roomAddresses() : [opts.host];
  const base = (h: string) => `http://${h.includes(':') ? `[${h}]` : h}:${bound}`;
  const out = process.stdout;
  // Labels padded to one column by display width (a Chinese label's characters are two wide).
  const labelWidth = Math.max(displayWidth(t.joinAt), displayWidth(t.instructorAt)) + 2;
  const label = (text: string) => `  ${text}${' '.repeat(labelWidth - displayWidth(text))}`;
  const lang = currentLang();
  out.write(`${t.started(room.code, seats, first.meta.id)}\n`);
  out.write(`${label(t.joinAt)}${hosts.map((h) => `${base(h)}/join/${room.code}`).join(`\n${' '.repeat(labelWidth + 2)}`)}\n`);
  out.write(`${label(t.instructorAt)}${base(hosts[0] ?? opts.host)}/i/${room.roster.instructorToken}   ${t.keepSecret}\n`);
  out.write(`  ${t.limits(formatDuration(limits.timeLimit, lang), formatDuration(limits.idleTimeout, lang), formatDuration(limits.grace, lang), stateDir)}\n`);
  if (opts.host === '0.0.0.0' || opts.host === '::') out.write(`${t.openToRoom}\n`);
  if (process.getuid?.() !== 0) out.write(`${t.notRoot}\n`);
  const stop = async (signal: string) => {
    log(t.stopping(signal));
    await close();
    await room.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await new Promise(() => { /* serves until a signal */ });
}
