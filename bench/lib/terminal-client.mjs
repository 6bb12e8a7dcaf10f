// A page's terminal as the bench drives it: a WebSocket speaking the page protocol of
// `nslab serve` (binary frames: the terminal's bytes; JSON `{ t: 'in', data }`: keys), and
// a typist that presses one key at a time and times each key's echo.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

// What a terminal draws but a person does not read as a character: CSI and OSC sequences,
// other escapes, and control characters.
const NOT_SHOWN = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]|[\x00-\x1f\x7f]/g;

// The client keeps only what the terminal showed since the last Enter (bounded): fifty of
// them in the bench's one Node, each keeping and re-reading its whole screen, made the
// bench's own garbage collection pause it for up to 25 ms, counted as the server's echo.
const KEPT = 256 * 1024;

export class TerminalClient {
  /** What the terminal showed since the last Enter (its last KEPT characters). */
  screen = '';
  /** ms from a key sent to the first frame after it that shows that character. */
  echoes = [];
  /** Keys whose echo never came before the line ended. */
  lost = 0;
  closed = false;
  #pending = [];
  #waiters = [];

  /** url: the socket's ws:// address; origin: the page's http:// address. */
  constructor(url, origin) {
    this.ws = new WebSocket(url, { origin });
    this.ws.on('message', (data, binary) => { if (binary) this.#output(data.toString('utf8')); });
    this.ws.on('close', () => { this.closed = true; this.#wake(); });
    this.ws.on('error', () => { this.closed = true; this.#wake(); });
  }

  opened() {
    return new Promise((ok, fail) => {
      this.ws.once('open', ok);
      this.ws.once('unexpected-response', (_q, res) => fail(new Error(`the socket was refused: HTTP ${res.statusCode}`)));
      this.ws.once('error', fail);
    });
  }

  #output(text) {
    const at = performance.now();
    this.screen += text;
    if (this.screen.length > KEPT) this.screen = this.screen.slice(-KEPT);
    // Echoes come back in the order the keys went out: match them first come, first served.
    for (const ch of text.replace(NOT_SHOWN, '')) {
      if (!this.#pending.length) break;
      if (ch === this.#pending[0].ch) this.echoes.push(at - this.#pending.shift().at);
    }
    this.#wake();
  }

  #wake() {
    for (const w of this.#waiters.splice(0)) w();
  }

  #send(data) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ t: 'in', data }));
  }

  /** One printable key, timed until its echo. */
  key(ch) {
    this.#pending.push({ ch, at: performance.now() });
    this.#send(ch);
  }

  /** Enter (not timed: what comes back is the command's output, not an echo). Keys
   * still waiting for their echo keep waiting: it comes before the command's output. */
  enter() {
    this.screen = '';
    this.#send('\r');
  }

  /** The line is over (its prompt is back): a key not echoed by now never will be. */
  lineDone() {
    this.lost += this.#pending.length;
    this.#pending = [];
  }

  /** Resolves true once `re` matches what was shown since the last Enter, false after `ms`. */
  async until(re, ms = 10_000) {
    const end = performance.now() + ms;
    while (!re.test(this.screen)) {
      if (this.closed || performance.now() > end) return false;
      await new Promise((ok) => { this.#waiters.push(ok); setTimeout(ok, 200); });
    }
    return true;
  }

  close() {
    this.closed = true;
    this.ws.terminate();
  }
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Types `lines` as a person does: a key every `interval` ms, Enter at each line's end, then
 * waits for the prompt (`prompt`, at most 10 s) before the next line.
 */
export async function typeLines(client, lines, prompt, interval = 100) {
  for (const line of lines) {
    if (client.closed) return;
    for (const ch of line) {
      client.key(ch);
      await sleep(interval);
    }
    client.enter();
    await client.until(prompt);
    client.lineDone();
    await sleep(interval);
  }
}
