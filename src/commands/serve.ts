// `nslab serve`: one server for a class. Learners join in the browser and each gets a lab
// of their own running the learning shell; the instructor's link shows the class.
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
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

function parseBytes(text: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(text.trim());
  if (!m) throw new UserError(`--memory: "${text}" is not a size: write it as 256M, 1G (or 0 for none).`);
  return Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
}

function duration(option: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (e) {
    throw new UserError(`${option}: ${(e as Error).message}.`);
  }
}

/** The addresses a room can reach this machine at, for `--host 0.0.0.0`. */
function roomAddresses(): string[] {
  return Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
}

export async function serveCommand(opts: ServeOptions): Promise<void> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) throw new UserError(`--port: "${opts.port}" is not a port number (0 to 65535; 0 picks a free one).`);
  const seats = Number(opts.seats);
  if (!/^\d+$/.test(opts.seats) || seats < 1 || seats > 1000) throw new UserError(`--seats: "${opts.seats}" is not a number of learners from 1 to 1000.`);
  const limits = {
    timeLimit: duration('--time-limit', opts.timeLimit),
    idleTimeout: duration('--idle-timeout', opts.idleTimeout),
    grace: duration('--grace', opts.grace),
    memoryMax: parseBytes(opts.memory),
  };
  // The class's lessons in English; each learner may read them in Chinese (their choice).
  const { lessons, errors } = await loadLessons(undefined, 'en');
  const translations = { 'zh-CN': (await loadLessons(undefined, 'zh-CN')).lessons };
  if (!lessons.length) throw new UserError(`no lessons to teach in ${defaultLessonsDir()}${errors.length ? `:\n${errors.map(formatLintError).join('\n')}` : '.'}`);
  const wanted = opts.lesson;
  const first = wanted ? lessons.find((l) => l.meta.id === wanted || l.meta.id.startsWith(`${wanted.padStart(2, '0')}-`)) : lessons[0];
  if (!first) throw new UserError(`--lesson: no lesson "${opts.lesson}"; \`nslab list\` shows them.`);
  const stateDir = resolve(opts.stateDir ?? join(dirname(progressLocation().path), 'serve'));
  // A learner's lab reports through a socket in the state directory: its path must fit a
  // socket address (108 bytes).
  if (join(stateDir, 'learners', 'x'.repeat(10), 'events.sock').length > 107) {
    throw new UserError(`--state-dir: ${stateDir} is too long a path for the labs' sockets; give a shorter folder.`);
  }
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
    server.once('error', (e: NodeJS.ErrnoException) => fail(new UserError(e.code === 'EADDRINUSE' ? `port ${port} on ${opts.host} is taken: choose another with --port.` : `cannot listen on ${opts.host}:${port}: ${e.message}`)));
    server.listen(port, opts.host, () => ok());
  });
  const bound = (server.address() as { port: number }).port;
  const hosts = opts.host === '0.0.0.0' || opts.host === '::' ? roomAddresses() : [opts.host];
  const base = (h: string) => `http://${h.includes(':') ? `[${h}]` : h}:${bound}`;
  const out = process.stdout;
  out.write(`nslab serve: class ${room.code}, ${seats} seats, starting at lesson ${first.meta.id}\n`);
  out.write(`  learners join at:  ${hosts.map((h) => `${base(h)}/join/${room.code}`).join('\n                     ')}\n`);
  out.write(`  instructor:        ${base(hosts[0] ?? opts.host)}/i/${room.roster.instructorToken}   (keep this one to yourself)\n`);
  out.write(`  labs end after ${formatDuration(limits.timeLimit)} (time limit), ${formatDuration(limits.idleTimeout)} idle, ${formatDuration(limits.grace)} away; state in ${stateDir}\n`);
  if (opts.host === '0.0.0.0' || opts.host === '::') {
    out.write('warning: every machine that can reach this one can open the join page and take a seat (each gets a lab on this machine); the instructor link stays secret.\n');
  }
  if (process.getuid?.() !== 0) {
    out.write('note: not run as root, so all learners\' labs share your subordinate ids and no memory limit applies; run as root for an id range per learner.\n');
  }
  const stop = async (signal: string) => {
    log(`${signal}: ending every lab (progress is kept)…`);
    await close();
    await room.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await new Promise(() => { /* serves until a signal */ });
}
