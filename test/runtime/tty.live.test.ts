// docker exec -it and docker run -it on a terminal (a pseudo-terminal made by script(1)):
// the learner's shell runs in the container's namespaces, with the container's hostname.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runInLab } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const noScript = spawnSync('script', ['--version']).status !== 0 ? 'script(1) from util-linux is not installed' : undefined;

describe('interactive containers', () => {
  it('gives an interactive shell inside the container', async (ctx) => {
    if (noScript) return ctx.skip(noScript);
    const r = await runInLab(`${SECTION}
docker run -d --name web busybox >/dev/null
sec exec; printf 'tty; hostname; exit 4\\n' | script -qec "docker exec -it web sh" /dev/null; echo "exit=$?"
sec id; docker inspect -f '{{.Id}}' web
sec run; printf 'echo inside-$(hostname)\\nexit 5\\n' | script -qec "docker run -i -t --rm --net=none base /bin/bash" /dev/null; echo "exit=$?"
sec left; docker ps -aq | wc -l`);
    const s = sections(r.stdout.replace(/\r/g, '').replace(/\x1b\[\?2004[hl]/g, ''));
    const short = s.id.slice(0, 12);
    expect(s.exec).toMatch(/\/dev\/pts\/\d+\n/);
    expect(s.exec).toContain(`${short}\n`);
    expect(s.exec).toMatch(/exit=4$/);
    // The document's prompt: root@<short id>:/#
    expect(s.run).toMatch(/root@([0-9a-f]{12}):\/# echo inside/);
    const runShort = /root@([0-9a-f]{12}):/.exec(s.run)![1];
    expect(s.run).toContain(`inside-${runShort}\n`);
    expect(s.run).toMatch(/exit=5$/);
    expect(s.left).toBe('1'); // --rm removed the foreground container
  });
});
