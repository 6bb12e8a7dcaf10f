// The `docker` command inside a lab (lab-bin/docker runs this file). Each invocation is
// a short-lived process; the state it shares with the others is on disk (store.ts).
import { describeError } from '../errors.js';
import { COMMANDS, TOP_HELP } from './docker-cli.js';
import { DockerError, SUPPORTED } from './docker-error.js';
import { stderrTracer, traceWanted } from './steps.js';
import { currentHost } from './docker-hosts.js';

async function main(argv: string[]): Promise<number> {
  let trace = traceWanted();
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    if (argv[i] === '--trace') trace = true;
    else if (argv[i] === '--help' || argv[i] === '-h') { process.stdout.write(TOP_HELP); return 0; }
    else throw new DockerError(`unknown flag: ${argv[i]}\nSee 'docker --help'.\n${SUPPORTED}`, 125);
  }
  const [command, ...rest] = argv.slice(i);
  if (command === undefined) { process.stdout.write(TOP_HELP); return 0; }
  if (process.env.NSLAB_IN_LAB !== '1') {
    throw new DockerError('docker: this is nslab\'s docker: it runs only inside a lab (`nslab sandbox`), where it cannot touch the machine\'s own network.', 1);
  }
  if (!currentHost()) {
    throw new DockerError('docker: this namespace is not a Docker host: in the two-hosts lab, docker runs on host1 (`.host`) and host2 (`.enter host2`), not in the outside world or a container.', 1);
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) throw new DockerError(`docker: '${command}' is not a docker command.\nSee 'docker --help'\n${SUPPORTED}`, 1);
  return handler(rest, { out: (s) => process.stdout.write(s), tracer: stderrTracer(trace) });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    if (err instanceof DockerError) {
      process.stderr.write(err.message + '\n');
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`docker: unexpected error: ${describeError(err)}\n`);
      if (process.env.NSLAB_DEBUG && err instanceof Error) process.stderr.write(String(err.stack) + '\n');
      process.exitCode = 125;
    }
  },
);
