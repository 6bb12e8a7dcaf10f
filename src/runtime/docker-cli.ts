// One handler per docker command, each with its flags beside it. Handlers print what
// Docker prints and throw DockerError for what Docker reports as an error.
import { parseFlags, parsePort, has, value, values, type FlagSpec } from './args.js';
import { createContainer, findNetwork, removeContainer, stopContainer } from './containers.js';
import { DockerError, noSuchContainer, noSuchNetwork, SUPPORTED } from './docker-error.js';
import { defaultCmd, isShell, runInContainer } from './exec-in.js';
import { imageConfig } from './images.js';
import { containerJson, dockerJson, networkJson, networkTable, psTable } from './format.js';
import { withLock } from './pid-lock.js';
import { connect, createNetwork, disconnect, removeNetwork } from './networks.js';
import { createMacvlanNetwork } from './macvlan-driver.js';
import { createOverlayNetwork } from './overlay-driver.js';
import { labHosts, twoHosts } from './docker-hosts.js';
import { SWARM_DIR, SWARM_LOCK } from './swarm.js';
import { syncNames } from './dns.js';
import type { RuntimeState } from './state.js';
import type { Tracer } from './steps.js';
import { findContainer, getContainer, isRunning, loadState, LOCK_FILE, RUNTIME_DIR, saveState } from './store.js';
import { renderTemplate, TemplateError } from './template.js';
import { mkdirSync } from 'node:fs';

export interface Io {
  out: (s: string) => void;
  tracer: Tracer;
}

/** Runs fn on the state under the lock and saves what it changed; the resolvers of
 * user-defined networks then answer for what changed (dns.ts). */
async function mutate<T>(fn: (s: RuntimeState) => Promise<T>, tracer: Tracer): Promise<T> {
  mkdirSync(RUNTIME_DIR, { recursive: true });
  // With two hosts, the swarm's store is shared: its lock is taken too, always after the
  // host's own (one order for every process, so two hosts' commands cannot deadlock).
  const locked = <R>(body: () => Promise<R>): Promise<R> => {
    if (!twoHosts()) return body();
    mkdirSync(SWARM_DIR, { recursive: true });
    return withLock(SWARM_LOCK, body);
  };
  return withLock(LOCK_FILE, () => locked(async () => {
    const state = loadState();
    try {
      return await fn(state);
    } finally {
      try {
        await syncNames(state, isRunning, tracer, (s) => process.stderr.write(`${s}\n`));
      } finally {
        saveState(state);
      }
    }
  }));
}

const HELP_FLAG: FlagSpec = { long: 'help' };

export const RUN_FLAGS: FlagSpec[] = [
  { long: 'detach', short: 'd' }, { long: 'interactive', short: 'i' }, { long: 'tty', short: 't' }, { long: 'rm' },
  { long: 'name', value: true }, { long: 'net', value: true }, { long: 'network', value: true },
  { long: 'hostname', short: 'h', value: true }, { long: 'publish', short: 'p', value: true, repeat: true }, { long: 'ip', value: true },
  { long: 'network-alias', value: true, repeat: true }, HELP_FLAG,
];

const USAGE: Record<string, string> = {
  run: 'Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container (nslab: a process in its own network, uts and mount namespaces, with its own /etc/hosts, /etc/hostname and /etc/resolv.conf)\n\nOptions:\n  -d, --detach             Run container in background and print container ID\n  -h, --hostname string    Container host name\n  -i, --interactive        Keep STDIN open\n      --ip string          IPv4 address (e.g., 192.168.0.20) on a user-defined network\n      --name string        Assign a name to the container\n      --network string     Connect a container to a network (bridge, host, none, container:NAME, or a user network); --net is the same\n      --network-alias list Add network-scoped alias for the container (user-defined networks: its resolver answers for it)\n  -p, --publish list       Publish a container\'s port to the host (HOST:CONTAINER[/tcp])\n      --rm                 Automatically remove the container when it exits\n  -t, --tty                Allocate a pseudo-TTY\n',
  exec: 'Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container (its network, uts and mount namespaces)\n\nOptions:\n  -i, --interactive   Keep STDIN open\n  -t, --tty           Allocate a pseudo-TTY\n',
  inspect: 'Usage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nOptions:\n  -f, --format string   Format output using a Go template ({{.State.Pid}}, {{json .NetworkSettings}})\n',
  ps: 'Usage:  docker ps [OPTIONS]\n\nOptions:\n  -a, --all     Show all containers (default shows just running)\n  -q, --quiet   Only display container IDs\n',
  rm: 'Usage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nOptions:\n  -f, --force   Force the removal of a running container\n',
  stop: 'Usage:  docker stop CONTAINER [CONTAINER...]\n',
  network: 'Usage:  docker network COMMAND\n\nCommands:\n  connect     Connect a container to a network (--alias NAME)\n  create      Create a network: [-d bridge] [--subnet CIDR] [--gateway IP] NAME, or -d macvlan --subnet CIDR [--gateway IP] -o parent=IFACE [-o macvlan_mode=bridge] NAME, or -d overlay [--subnet CIDR] NAME (two-hosts lab: made on every host)\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  rm          Remove one or more networks\n',
};

export const TOP_HELP = `Usage:  docker [--trace] COMMAND\n\nnslab's docker: what Docker's bridge driver does, on the lab's real kernel.\n--trace (or NSLAB_TRACE=1) prints every ip/iptables step it runs.\n\nCommands:\n  run, exec, inspect, ps, stop, rm, network\n\n${SUPPORTED}\n`;

function helpWanted(io: Io, cmd: string, p: { flags: Map<string, string[]> }): boolean {
  if (!p.flags.has('help')) return false;
  io.out(USAGE[cmd] ?? TOP_HELP);
  return true;
}

function needArgs(cmd: string, args: string[], min: number, what: string): void {
  if (args.length < min) throw new DockerError(`"docker ${cmd}" requires at least ${min} argument${min > 1 ? 's' : ''}.\nSee 'docker ${cmd} --help'.\n\n${USAGE[cmd]?.split('\n')[0] ?? ''}\n\n${what}`, cmd === 'run' ? 125 : 1);
}

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parseFlags(argv, RUN_FLAGS, 'run', { stopAtPositional: true });
  if (helpWanted(io, 'run', p)) return 0;
  needArgs('run', p.args, 1, 'Create and run a new container from an image');
  const [image, ...given] = p.args;
  const detach = has(p, 'detach');
  const interactive = has(p, 'interactive');
  const tty = has(p, 'tty');
  const autoRemove = has(p, 'rm');
  const cmd = given.length ? given : defaultCmd(image);
  const shown = imageConfig(image);
  const ports = values(p, 'publish').map(parsePort);
  const network = value(p, 'network') ?? value(p, 'net') ?? 'bridge';
  const rec = await mutate((state) => createContainer(state, {
    name: value(p, 'name'), image, entrypoint: shown.entrypoint, cmd: given.length ? given : shown.cmd, network, ip: value(p, 'ip'), hostname: value(p, 'hostname'), ports, tty, interactive, autoRemove,
    backgroundCmd: detach && given.length > 0 && !isShell(given), aliases: values(p, 'network-alias'),
  }, io.tracer), io.tracer);
  if (detach) {
    io.out(`${rec.id}\n`);
    return 0;
  }
  const code = await runInContainer(rec, cmd, { interactive }, io.tracer);
  await mutate(async (state) => {
    const now = state.containers.find((c) => c.id === rec.id);
    if (!now) return;
    if (autoRemove) await removeContainer(state, now, true, io.tracer);
    else await stopContainer(now, io.tracer, code);
  }, io.tracer);
  return code;
}

export async function exec(argv: string[], io: Io): Promise<number> {
  const p = parseFlags(argv, [{ long: 'interactive', short: 'i' }, { long: 'tty', short: 't' }, HELP_FLAG], 'exec', { stopAtPositional: true });
  if (helpWanted(io, 'exec', p)) return 0;
  needArgs('exec', p.args, 2, 'Execute a command in a running container');
  const [ref, ...cmd] = p.args;
  const c = getContainer(loadState(), ref);
  if (!isRunning(c)) throw new DockerError(`Error response from daemon: Container ${c.id} is not running`, 1);
  return runInContainer(c, cmd, { interactive: has(p, 'interactive') }, io.tracer);
}

function formatted(io: Io, format: string | undefined, objects: unknown[]): void {
  if (format === undefined) {
    io.out(dockerJson(objects) + '\n');
    return;
  }
  for (const o of objects) {
    try {
      io.out(renderTemplate(format, o) + '\n');
    } catch (e) {
      if (e instanceof TemplateError) throw new DockerError(`Template parsing error: ${e.message}`, 1);
      throw e;
    }
  }
}

export async function inspect(argv: string[], io: Io): Promise<number> {
  const p = parseFlags(argv, [{ long: 'format', short: 'f', value: true }, { long: 'type', value: true }, HELP_FLAG], 'inspect', { stopAtPositional: false });
  if (helpWanted(io, 'inspect', p)) return 0;
  needArgs('inspect', p.args, 1, 'Return low-level information on Docker objects');
  const state = loadState();
  const found: unknown[] = [];
  const missing: string[] = [];
  for (const ref of p.args) {
    const c = value(p, 'type') === 'network' ? undefined : findContainer(state, ref);
    const n = c || value(p, 'type') === 'container' ? undefined : findNetwork(state, ref);
    if (c) found.push(containerJson(state, c, isRunning(c)));
    else if (n) found.push(networkJson(state, n));
    else missing.push(ref);
  }
  if (found.length || value(p, 'format') === undefined) formatted(io, value(p, 'format'), found);
  if (missing.length) throw new DockerError(missing.map((m) => `Error: No such object: ${m}`).join('\n'), 1);
  return 0;
}

export async function ps(argv: string[], io: Io): Promise<number> {
  const p = parseFlags(argv, [{ long: 'all', short: 'a' }, { long: 'quiet', short: 'q' }, HELP_FLAG], 'ps', { stopAtPositional: false });
  if (helpWanted(io, 'ps', p)) return 0;
  if (p.args.length) throw new DockerError(`"docker ps" accepts no arguments.\nSee 'docker ps --help'.`, 1);
  io.out(psTable(loadState(), isRunning, { all: has(p, 'all'), quiet: has(p, 'quiet') }));
  return 0;
}

/** rm, stop and network rm act on each argument in turn, printing each name done; failures
 * are reported together at the end, the rest still done (as Docker does). */
async function eachRef(refs: string[], io: Io, fn: (s: RuntimeState, ref: string) => Promise<void>): Promise<number> {
  const errors: string[] = [];
  await mutate(async (state) => {
    for (const ref of refs) {
      try {
        await fn(state, ref);
        io.out(`${ref}\n`);
      } catch (e) {
        if (!(e instanceof DockerError)) throw e;
        errors.push(e.message);
      }
    }
  }, io.tracer);
  if (errors.length) throw new DockerError(errors.join('\n'), 1);
  return 0;
}

export async function rm(argv: string[], io: Io): Promise<number> {
  const p = parseFlags(argv, [{ long: 'force', short: 'f' }, HELP_FLAG], 'rm', { stopAtPositional: false });
  if (helpWanted(io, 'rm', p)) return 0;
  needArgs('rm', p.args, 1, 'Remove one or more containers');
  return eachRef(p.args, io, async (state, ref) => {
    const c = findContainer(state, ref);
    if (!c) throw noSuchContainer(ref);
    await removeContainer(state, c, has(p, 'force'), io.tracer);
  });
}

export async function stop(argv: string[], io: Io): Promise<number> {
  const p = parseFlags(argv, [{ long: 'time', short: 't', value: true }, HELP_FLAG], 'stop', { stopAtPositional: false });
  if (helpWanted(io, 'stop', p)) return 0;
  needArgs('stop', p.args, 1, 'Stop one or more running containers');
  return eachRef(p.args, io, async (state, ref) => {
    const c = findContainer(state, ref);
    if (!c) throw noSuchContainer(ref);
    if (c.running && !isRunning(c)) c.running = false; // its process was killed by hand
    await stopContainer(c, io.tracer);
  });
}

export async function network(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const specs: Record<string, FlagSpec[]> = {
    ls: [{ long: 'quiet', short: 'q' }, HELP_FLAG],
    inspect: [{ long: 'format', short: 'f', value: true }, HELP_FLAG],
    create: [{ long: 'subnet', value: true }, { long: 'gateway', value: true }, { long: 'opt', short: 'o', value: true, repeat: true }, { long: 'driver', short: 'd', value: true }, { long: 'attachable' }, HELP_FLAG],
    rm: [HELP_FLAG],
    connect: [{ long: 'alias', value: true, repeat: true }, HELP_FLAG],
    disconnect: [{ long: 'force', short: 'f' }, HELP_FLAG],
  };
  if (sub === undefined || sub === '--help' || !specs[sub === 'list' ? 'ls' : sub === 'remove' ? 'rm' : sub]) {
    if (sub === undefined || sub === '--help') { io.out(USAGE.network); return 0; }
    throw new DockerError(`docker: unknown command: docker network ${sub}\n\nRun 'docker network --help' for more information\n${SUPPORTED}`, 1);
  }
  const name = sub === 'list' ? 'ls' : sub === 'remove' ? 'rm' : sub;
  const p = parseFlags(rest, specs[name], `network ${name}`, { stopAtPositional: false });
  if (p.flags.has('help')) { io.out(USAGE.network); return 0; }
  switch (name) {
    case 'ls': {
      const state = loadState();
      io.out(has(p, 'quiet') ? state.networks.map((n) => n.id.slice(0, 12) + '\n').join('') : networkTable(state));
      return 0;
    }
    case 'inspect': {
      needArgs('network inspect', p.args, 1, 'Display detailed information on one or more networks');
      const state = loadState();
      const nets = p.args.map((ref) => findNetwork(state, ref) ?? ref);
      const missing = nets.filter((n): n is string => typeof n === 'string');
      const peers = labHosts().map((h) => ({ Name: h.name, IP: h.ip }));
      const found = nets.filter((n) => typeof n !== 'string').map((n) => networkJson(state, n as never, peers));
      if (found.length || value(p, 'format') === undefined) formatted(io, value(p, 'format'), found);
      if (missing.length) throw new DockerError(missing.map((m) => `Error response from daemon: network ${m} not found`).join('\n'), 1);
      return 0;
    }
    case 'create': {
      needArgs('network create', p.args, 1, 'Create a network');
      const driver = value(p, 'driver') ?? 'bridge';
      if (driver === 'macvlan') {
        const net = await mutate((state) => createMacvlanNetwork(state, { name: p.args[0], subnet: value(p, 'subnet'), gateway: value(p, 'gateway'), options: values(p, 'opt') }, io.tracer), io.tracer);
        io.out(`${net.id}\n`);
        return 0;
      }
      if (driver === 'overlay') {
        const net = await mutate((state) => createOverlayNetwork(state, { name: p.args[0], subnet: value(p, 'subnet'), gateway: value(p, 'gateway'), options: values(p, 'opt') }, io.tracer), io.tracer);
        io.out(`${net.id}\n`);
        return 0;
      }
      if (driver !== 'bridge') throw new DockerError(`Error response from daemon: nslab's docker creates bridge, macvlan and overlay networks only, not ${driver}`, 1);
      const net = await mutate((state) => createNetwork(state, p.args[0], { subnet: value(p, 'subnet'), gateway: value(p, 'gateway') }, io.tracer), io.tracer);
      io.out(`${net.id}\n`);
      return 0;
    }
    case 'rm': {
      needArgs('network rm', p.args, 1, 'Remove one or more networks');
      return eachRef(p.args, io, async (state, ref) => { await removeNetwork(state, ref, io.tracer); });
    }
    case 'connect':
    case 'disconnect': {
      needArgs(`network ${name}`, p.args, 2, `${name === 'connect' ? 'Connect a container to' : 'Disconnect a container from'} a network`);
      const [netRef, ref] = p.args;
      await mutate(async (state) => {
        const net = findNetwork(state, netRef);
        if (!net) throw noSuchNetwork(netRef);
        const c = findContainer(state, ref);
        if (!c) throw noSuchContainer(ref);
        if (name === 'connect') await connect(state, net, c, io.tracer, values(p, 'alias'));
        else await disconnect(net, c, io.tracer);
      }, io.tracer);
      return 0;
    }
  }
  return 0;
}

export const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  run, exec, inspect, ps, rm, stop, network,
  container: async (argv, io) => {
    const [sub, ...rest] = argv;
    const map: Record<string, string> = { ls: 'ps', list: 'ps', run: 'run', exec: 'exec', inspect: 'inspect', rm: 'rm', stop: 'stop' };
    const target = sub ? COMMANDS[map[sub] ?? ''] : undefined;
    if (!target) throw new DockerError(`docker: unknown command: docker container ${sub ?? ''}\n${SUPPORTED}`, 1);
    return target(rest, io);
  },
};
