// An upgrade request whose target is not a URL the server can read: refused, and the
// server goes on serving (the 'upgrade' handler runs outside any catch, so a throw there
// would end the whole class's server).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASH_LAUNCHER, startClass, type TestClass } from './class-server.js';

let cls: TestClass;
beforeAll(async () => { cls = await startClass({ launcher: BASH_LAUNCHER }); });
afterAll(async () => { await cls?.close(); });

/** Sends a raw upgrade request and gives the status line of the answer. */
function rawUpgrade(target: string): Promise<string> {
  const { port } = new URL(cls.url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), '127.0.0.1', () => {
      s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${cls.url}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    });
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d) => { got += d; });
    s.on('close', () => resolve(got.split('\r\n')[0]));
    s.on('error', reject);
    // A server that died answers nothing: fail then rather than hang.
    s.setTimeout(10_000, () => { s.destroy(); resolve('no answer'); });
  });
}

describe('upgrade requests with a target that is not a URL', () => {
  for (const target of ['//[', '//a b/ws']) {
    it(`refuses ${JSON.stringify(target)} and keeps serving`, async () => {
      expect(await rawUpgrade(target)).toMatch(/^HTTP\/1\.1 (400|404)/);
      expect((await fetch(`${cls.url}/`)).status).toBe(200);
    });
  }
});
