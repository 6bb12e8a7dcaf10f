#!/usr/bin/env node
// The set-up that `npm start`, `npm test` and `npm run bench` run first, so that a fresh
// machine needs nothing but those commands: node packages, the TypeScript build, and the
// Debian tools the lab drives. Plain Node with no dependencies, because it runs before
// node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIRED_TOOLS, TEST_TOOLS, findTool } from './tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--for-tests');
const quiet = process.argv.includes('--quiet');
const say = (msg) => { if (!quiet) process.stderr.write(`setup: ${msg}\n`); };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  return r.status ?? 1;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function ensureNodePackages() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const manifest = statSync(join(root, 'package.json')).mtimeMs;
  if (existsSync(marker) && statSync(marker).mtimeMs >= manifest) return;
  say('installing node packages (npm install)…');
  if (run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']) !== 0) {
    fail('npm install failed: see the messages above, fix them, then run the command again.');
  }
}

function ensureBuild() {
  const stamp = join(root, 'dist', '.built');
  const srcTime = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'tsconfig.json')).mtimeMs);
  if (existsSync(stamp) && Number(readFileSync(stamp, 'utf8')) >= srcTime) return;
  say('building TypeScript (tsc)…');
  if (run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']) !== 0) {
    fail('the TypeScript build failed: see the errors above.');
  }
  writeFileSync(stamp, String(srcTime));
}

/** Whether a Debian package is installed (false where dpkg-query is not: not Debian). */
function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

/** Installs the missing ones of `tools` with apt-get. `needed`: without them the command
 * cannot work, so a failure stops it; otherwise (the tests' tools) it says so and goes on,
 * and the tests that need them skip with the reason. */
function ensureSystemTools(tools, { needed, purpose }) {
  // A tool is missing when its command is, or a package it comes with (the browser's fonts:
  // without a CJK font its screenshots show Chinese as empty boxes).
  const missing = tools.filter((t) => !findTool(t.command) || (t.with ?? []).some((p) => !debInstalled(p)));
  if (missing.length === 0) return;
  const stop = needed ? fail : (msg) => say(`${msg}\n  (the tests that need them will skip)`);
  const packages = [...new Set(missing.flatMap((t) => [t.pkg, ...(t.with ?? [])]))];
  const cmd = `apt-get install -y ${packages.join(' ')}`;
  if (process.getuid?.() !== 0) {
    stop(`${purpose} ${missing.map((t) => t.command).join(', ')}, which this machine lacks.\n` +
      `Install them, then run the command again:\n  sudo apt-get update && sudo ${cmd}`);
    return;
  }
  say(`installing ${packages.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['install', '-y', '-qq', ...packages], { env }) !== 0) {
    run('apt-get', ['update', '-qq'], { env });
    if (run('apt-get', ['install', '-y', '-qq', ...packages], { env }) !== 0) {
      stop(`apt-get could not install ${packages.join(' ')}: run \`apt-get update && ${cmd}\` and read its errors.`);
      return;
    }
  }
  const still = missing.filter((t) => !findTool(t.command) || (t.with ?? []).some((p) => !debInstalled(p)));
  if (still.length) stop(`still missing after apt-get: ${still.map((t) => t.command).join(', ')}`);
}

// The rootless tests run as this user: CI runs as root, and a lab started by an ordinary
// user must be shown to work too. It gets subordinate ids so `--map-auto` can be tested.
function ensureTestUser() {
  if (process.getuid?.() !== 0) return;
  const user = 'nslabtest';
  if (spawnSync('id', ['-u', user]).status !== 0) {
    say(`creating the unprivileged user ${user} for the rootless tests…`);
    if (run('useradd', ['--create-home', '--shell', '/bin/bash', user]) !== 0) {
      say(`could not create ${user}: the rootless tests will skip.`);
      return;
    }
  }
  const hasRange = (file) => existsSync(file) && readFileSync(file, 'utf8').split('\n').some((l) => l.startsWith(`${user}:`));
  if (!hasRange('/etc/subuid') || !hasRange('/etc/subgid')) {
    // usermod edits /etc/subuid and /etc/subgid safely (locked, atomically).
    run('usermod', ['--add-subuids', '231072-296607', '--add-subgids', '231072-296607', user]);
  }
}

function fail(message) {
  process.stderr.write(`setup: ${message}\n`);
  process.exit(1);
}

try {
  ensureNodePackages();
  ensureBuild();
  ensureSystemTools(REQUIRED_TOOLS, { needed: true, purpose: 'the lab needs' });
  if (forTests) {
    ensureSystemTools(TEST_TOOLS, { needed: false, purpose: 'the tests need' });
    ensureTestUser();
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
