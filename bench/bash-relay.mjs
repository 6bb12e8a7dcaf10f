#!/usr/bin/env node
// The floor of the serve bench's echo figure: a bare relay of `bash` through `ws` and the
// same pty package as `nslab serve` (dist/serve/pty.js), speaking the page's protocol, and
// nothing else (no lab, no lesson, no roster). One bash per socket. Its PATH is an empty
// folder, so the lesson's lines a client types run nothing on this machine: each ends in
// "command not found", and the keys still echo through bash's readline.
//   node bench/bash-relay.mjs EMPTY_DIR   → prints "listening PORT" (127.0.0.1 only)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { spawnPty } = await import(join(root, 'dist', 'serve', 'pty.js'));
const empty = process.argv[2];
if (!empty) {
  process.stderr.write('usage: node bench/bash-relay.mjs EMPTY_DIR (a folder of no programs, for bash\'s PATH and HOME)\n');
  process.exit(2);
}

const ptys = new Set();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (ws) => {
  const env = { PATH: empty, HOME: empty, HISTFILE: '/dev/null', PS1: 'bash$ ', TERM: 'xterm-256color', LANG: process.env.LANG ?? 'C.UTF-8' };
  const pty = spawnPty('/bin/bash', ['--norc', '--noprofile', '-i'], { cols: 100, rows: 30, env, cwd: empty });
  ptys.add(pty);
  pty.onData((chunk) => { if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true }); });
  pty.onExit(() => { ptys.delete(pty); ws.close(); });
  ws.on('message', (data) => {
    try {
      const msg = JSON.parse(data.toString());
      if (msg.t === 'in' && typeof msg.data === 'string') pty.write(msg.data);
    } catch { /* the bench sends only page messages */ }
  });
  ws.on('close', () => pty.kill('SIGHUP'));
});
wss.on('listening', () => process.stdout.write(`listening ${wss.address().port}\n`));

function stop() {
  for (const pty of ptys) pty.kill('SIGHUP');
  wss.close();
  // bash ends at the hang-up; its exit lets this process end on its own, else in 2 s.
  setTimeout(() => process.exit(0), 2000).unref();
  const check = setInterval(() => { if (!ptys.size) process.exit(0); }, 50);
  check.unref();
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
