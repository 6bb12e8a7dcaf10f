// Command-line parsing the way Docker's CLI (cobra/pflag) does it: combined short flags
// (-dit), --flag=value and --flag value, -p=8080:80, and for run/exec the first
// positional (IMAGE or CONTAINER) ends the flags. Pure.
import { DockerError, SUPPORTED } from './docker-error.js';

export interface FlagSpec {
  long: string;
  short?: string;
  value?: boolean; // takes a value
  repeat?: boolean; // may be given several times (-p)
}

export interface Parsed {
  flags: Map<string, string[]>; // long name → values ('true' for a boolean flag)
  args: string[];
}

/** Docker flags nslab knows but does not implement: a precise message beats "unknown". */
const NOT_IMPLEMENTED = new Set(['env', 'volume', 'privileged', 'cap-add', 'cap-drop', 'workdir', 'entrypoint', 'restart', 'memory', 'cpus', 'mac-address', 'dns', 'add-host', 'user', 'link', 'env-file', 'label', 'mount', 'publish-all', 'expose', 'ulimit', 'pid', 'ipc', 'userns', 'detach-keys', 'platform', 'pull', 'init', 'sysctl', 'device']);
const NOT_IMPLEMENTED_SHORT: Record<string, string> = { e: 'env', v: 'volume', w: 'workdir', m: 'memory', u: 'user', P: 'publish-all', l: 'label' };

function unknownFlag(flag: string, command: string): DockerError {
  const long = flag.replace(/^-+/, '').split('=')[0];
  const name = flag.startsWith('--') ? long : NOT_IMPLEMENTED_SHORT[long];
  if (name && NOT_IMPLEMENTED.has(name)) {
    return new DockerError(`docker: nslab's docker does not implement ${flag.split('=')[0]}: it keeps only what container networking needs.\n${SUPPORTED}`, 125);
  }
  return new DockerError(`unknown ${flag.startsWith('--') ? 'flag' : 'shorthand flag'}: ${flag.startsWith('--') ? flag.split('=')[0] : `'${flag[1]}' in ${flag}`}\nSee 'docker ${command} --help'.\n${SUPPORTED}`, 125);
}

export function parseFlags(argv: string[], specs: FlagSpec[], command: string, opts: { stopAtPositional: boolean }): Parsed {
  const flags = new Map<string, string[]>();
  const args: string[] = [];
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const set = (spec: FlagSpec, value: string) => {
    const prev = flags.get(spec.long) ?? [];
    flags.set(spec.long, spec.repeat ? [...prev, value] : [value]);
  };
  let i = 0;
  const needValue = (spec: FlagSpec, shown: string): string => {
    if (i + 1 >= argv.length) throw new DockerError(`flag needs an argument: ${shown}\nSee 'docker ${command} --help'.`, 125);
    return argv[++i];
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { args.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const spec = byLong.get(name);
      if (!spec) throw unknownFlag(a, command);
      if (spec.value) set(spec, eq >= 0 ? a.slice(eq + 1) : needValue(spec, `--${name}`));
      else set(spec, eq >= 0 ? a.slice(eq + 1) : 'true');
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const spec = byShort.get(a[j]);
        if (!spec) throw unknownFlag(`-${a.slice(j)}`, command);
        if (spec.value) {
          let v = a.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          set(spec, v !== '' ? v : needValue(spec, `-${a[j]}`));
          break;
        }
        set(spec, 'true');
      }
    } else {
      args.push(a);
      if (opts.stopAtPositional) { args.push(...argv.slice(i + 1)); break; }
    }
  }
  return { flags, args };
}

export const has = (p: Parsed, long: string): boolean => (p.flags.get(long)?.at(-1) ?? 'false') !== 'false';
export const value = (p: Parsed, long: string): string | undefined => p.flags.get(long)?.at(-1);
export const values = (p: Parsed, long: string): string[] => p.flags.get(long) ?? [];

export interface PortSpec { hostPort: number; containerPort: number; proto: 'tcp' }

/** -p HOST:CONTAINER[/tcp] (also IP:HOST:CONTAINER with IP 0.0.0.0). */
export function parsePort(spec: string): PortSpec {
  const m = /^(?:(0\.0\.0\.0):)?(\d{1,5}):(\d{1,5})(?:\/(tcp|udp))?$/.exec(spec);
  const bad = () => new DockerError(`docker: invalid publish spec "${spec}": nslab's docker takes -p HOST:CONTAINER or HOST:CONTAINER/tcp, e.g. -p 8080:80.\nSee 'docker run --help'.`, 125);
  if (!m) throw bad();
  if (m[4] === 'udp') throw new DockerError(`docker: nslab's docker publishes tcp ports only (its test server speaks HTTP); use -p ${m[2]}:${m[3]}.`, 125);
  const hostPort = Number(m[2]);
  const containerPort = Number(m[3]);
  if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) throw bad();
  return { hostPort, containerPort, proto: 'tcp' };
}
