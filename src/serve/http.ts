// The class server's HTTP and WebSocket side: pages, assets (all served from nslab's own
// files and packages: a workshop room may have no internet), and the sockets that join a
// page to a learner's lab. Every route checks its token first; nothing here decides about
// lessons or labs (classroom.ts, learner.ts do).
import type { Lang } from '../i18n/lang.js';
import { serveText, type PageText } from '../i18n/serve-text.js';
import { langFromAcceptLanguage } from './learner-lang.js';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { NSLAB_ROOT } from '../sandbox/lab.js';
import type { Classroom } from './classroom.js';
import { classSnapshot, onInstructorSocket } from './instructor-socket.js';
import { socketText } from '../i18n/socket-text.js';
import { serveCliText } from '../i18n/serve-cli-text.js';
import { PAGE_FRAME_MAX, parsePageMessage } from './page-messages.js';
import { TOKEN_SHAPE } from './tokens.js';
import { escapeXml } from './topo-svg.js';

const require = createRequire(import.meta.url);
const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const WEB = join(NSLAB_ROOT, 'web');

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'xterm.js': { file: () => join(pkgDir('@xterm/xterm'), 'lib', 'xterm.js'), type: 'text/javascript' },
  'xterm.css': { file: () => join(pkgDir('@xterm/xterm'), 'css', 'xterm.css'), type: 'text/css' },
  'addon-fit.js': { file: () => join(pkgDir('@xterm/addon-fit'), 'lib', 'addon-fit.js'), type: 'text/javascript' },
  'learner.js': { file: () => join(WEB, 'learner.js'), type: 'text/javascript' },
  'instructor.js': { file: () => join(WEB, 'instructor.js'), type: 'text/javascript' },
  'notices.js': { file: () => join(WEB, 'notices.js'), type: 'text/javascript' },
  'words.js': { file: () => join(WEB, 'words.js'), type: 'text/javascript' },
  'page.css': { file: () => join(WEB, 'page.css'), type: 'text/css' },
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  // Links carry tokens in their path: never let one leave in a Referer to another site.
  // (`same-origin`, not `no-referrer`: with no referrer at all a browser sends `Origin: null`
  // on the join form, which could then not be told from another site's.)
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A page of plain HTML around a message, in `lang`; every value in it is escaped. */
function page({ title, body }: PageText, lang: Lang): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeXml(title)} · nslab</title><link rel="stylesheet" href="/assets/page.css"></head><body class="plain"><main class="card"><h1>${escapeXml(title)}</h1>${body}</main></body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...SECURITY_HEADERS });
  res.end(JSON.stringify(value));
}

/** The language of a page for whoever asked: their browser's (before there is a learner). */
const langOfRequest = (req: IncomingMessage): Lang => langFromAcceptLanguage(req.headers['accept-language']);

const forbidden = (req: IncomingMessage, res: ServerResponse) => sendHtml(res, 403, page(serveText(langOfRequest(req)).notAllowed, langOfRequest(req)));

async function readForm(req: IncomingMessage, max = 4096): Promise<URLSearchParams | undefined> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > max) return undefined;
  }
  return new URLSearchParams(body);
}

/** Whether a WebSocket upgrade comes from a page this server served (the Origin a
 * browser sends): another site's page in the learner's browser gets no socket. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  return typeof origin === 'string' && typeof host === 'string' && (origin === `http://${host}` || origin === `https://${host}`);
}

export interface ServeLog {
  (line: string): void;
}

export function classServer(room: Classroom, log: ServeLog): { server: Server; close: () => Promise<void> } {
  const learnerWs = new WebSocketServer({ noServer: true, maxPayload: PAGE_FRAME_MAX });
  const instructorWs = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const suggestions = ['Ada', 'Linus', 'Radia', 'Vint', 'Grace', 'Ken', 'Barbara', 'Dennis', 'Margaret', 'Tim'];

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      log(serveCliText().requestFailed((e as Error).message));
      if (!res.headersSent) sendHtml(res, 500, page(serveText(langOfRequest(req)).somethingWrong, langOfRequest(req)));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    const lang = langOfRequest(req);
    const words = serveText(lang);
    if (req.method === 'GET' && parts[0] === 'assets' && parts.length === 2 && Object.hasOwn(ASSETS, parts[1])) {
      const a = ASSETS[parts[1]];
      res.writeHead(200, { 'Content-Type': `${a.type}; charset=utf-8`, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'max-age=300' });
      res.end(readFileSync(a.file()));
      return;
    }
    if (req.method === 'GET' && parts.length === 0) {
      const code = url.searchParams.get('code');
      if (code) {
        res.writeHead(303, { Location: `/join/${encodeURIComponent(code.trim().toUpperCase())}` });
        res.end();
        return;
      }
      sendHtml(res, 200, page(words.joinAClass, lang));
      return;
    }
    if (parts[0] === 'join' && parts.length === 2) {
      if (parts[1].toUpperCase() !== room.code) {
        sendHtml(res, 404, page(words.noSuchClass, lang));
        return;
      }
      if (room.seatsTaken >= room.opts.seats) return full(res, lang);
      if (req.method === 'GET') {
        const offer = `${suggestions[room.seatsTaken % suggestions.length]}-${room.seatsTaken + 1}`;
        sendHtml(res, 200, page(words.joinTheClass(escapeXml(offer)), lang));
        return;
      }
      if (req.method === 'POST') {
        // A browser says where a form came from: another site's page may not take seats.
        if (req.headers.origin !== undefined && !sameOrigin(req)) return forbidden(req, res);
        const form = await readForm(req);
        // The page and the lab speak the browser's language, until the learner picks another.
        const joined = room.join(form?.get('name') ?? '', lang);
        if (!joined.ok && joined.why === 'full') return full(res, lang);
        if (!joined.ok) {
          sendHtml(res, 400, page(words.namePlease(escapeXml(room.code)), lang));
          return;
        }
        log(serveCliText().joined(joined.learner.record.name, joined.learner.record.seat + 1, room.opts.seats));
        res.writeHead(303, { Location: `/l/${joined.token}`, ...SECURITY_HEADERS });
        res.end();
        return;
      }
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && parts[0] === 'l' && parts.length === 2) {
      if (!TOKEN_SHAPE.test(parts[1]) || !room.byToken(parts[1])) {
        sendHtml(res, 404, page(words.unknownLink, lang));
        return;
      }
      sendHtml(res, 200, readFileSync(join(WEB, 'learner.html'), 'utf8'));
      return;
    }
    if (req.method === 'GET' && parts[0] === 'i' && parts.length === 2) {
      if (!room.isInstructor(parts[1])) return forbidden(req, res);
      sendHtml(res, 200, readFileSync(join(WEB, 'instructor.html'), 'utf8'));
      return;
    }
    if (req.method === 'GET' && parts[0] === 'api' && parts[1] === 'i' && parts.length === 4 && parts[3] === 'class') {
      if (!room.isInstructor(parts[2])) return sendJson(res, 403, { error: 'the instructor token is needed' });
      // The same table the instructor's page is pushed (instructor-socket.ts), for scripts.
      sendJson(res, 200, classSnapshot(room));
      return;
    }
    if (req.method === 'GET' && parts[0] === 'api' && parts[1] === 'i' && parts.length === 4 && /^results\.(csv|json)$/.test(parts[3])) {
      if (!room.isInstructor(parts[2])) return sendJson(res, 403, { error: 'the instructor token is needed' });
      const format = parts[3].endsWith('csv') ? 'csv' : 'json';
      res.writeHead(200, {
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
        'Content-Disposition': `attachment; filename="nslab-class-${room.code}.${format}"`,
        ...SECURITY_HEADERS,
      });
      res.end(room.results(format));
      return;
    }
    sendHtml(res, 404, page(words.notFound, lang));
  }

  function full(res: ServerResponse, lang: Lang): void {
    sendHtml(res, 503, page(serveText(lang).classFull(room.opts.seats), lang));
  }

  server.on('upgrade', (req, socket, head) => {
    // A connection reset while it is being refused must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    // Outside any catch: a target that is not a URL (`//[`) must not end the whole server.
    let parts: string[];
    try {
      parts = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean);
    } catch {
      return refuse(400, 'Bad Request');
    }
    if (!sameOrigin(req)) return refuse(403, 'Forbidden');
    if (parts[0] === 'ws' && parts[1] === 'l' && parts.length === 3 && TOKEN_SHAPE.test(parts[2])) {
      const learner = room.byToken(parts[2]);
      if (!learner) return refuse(403, 'Forbidden');
      learnerWs.handleUpgrade(req, socket, head, (ws) => onLearnerSocket(ws, learner));
      return;
    }
    if (parts[0] === 'ws' && parts[1] === 'i' && parts.length === 3) {
      if (!room.isInstructor(parts[2])) return refuse(403, 'Forbidden');
      instructorWs.handleUpgrade(req, socket, head, (ws) => onInstructorSocket(ws, room, log));
      return;
    }
    refuse(404, 'Not Found');
  });

  function onLearnerSocket(ws: WebSocket, learner: ReturnType<Classroom['byToken']> & object): void {
    let bad = 0;
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : data.toString();
      const t = socketText(learner.lang);
      const msg = text === undefined ? t.binaryFrame : parsePageMessage(text, t);
      if (typeof msg === 'string') {
        bad++;
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'error', text: t.ignored(msg) }));
        if (bad > 20) ws.close(1008, 'too many bad messages');
        return;
      }
      learner.input(msg);
    });
    ws.on('close', () => learner.detach(ws));
    ws.on('error', () => ws.terminate());
    learner.attach(ws);
  }

  return {
    server,
    close: async () => {
      for (const ws of [...learnerWs.clients, ...instructorWs.clients]) ws.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
