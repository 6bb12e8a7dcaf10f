// The wrapper fills lines by display columns: Chinese prose, which has no spaces, breaks
// between its characters (never before a closing mark), and a colour on at a break starts
// again on the next line rather than hanging over its indent.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/view/display-width.js';
import { fillLine, wrapText } from '../../src/view/wrap.js';

const SGR = /\x1b\[[0-9;]*m/g;
const ZH = 'Docker 守护进程在 Linux 主机上启动时，会在任何容器存在之前建立一个小网络：一个名为 docker0 的虚拟交换机（Linux 网桥），它的一个地址，以及一条通往它的路由。';

describe('display width', () => {
  it('counts a CJK character or fullwidth mark as two columns, a combining mark and a colour code as none', () => {
    expect(displayWidth('容器 ab')).toBe(7);
    expect(displayWidth('，。（）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\x1b[33mip a\x1b[39m')).toBe(4);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('𠀀')).toBe(2); // outside the BMP
    expect(displayWidth('a\u200bb')).toBe(2);
  });
});

describe('wrapping Chinese prose', () => {
  it.each([20, 30, 40, 61])('at %i columns no line is wider, and nothing is lost', (width) => {
    const lines = wrapText(ZH, width).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
    expect(lines.join('').replace(/ /g, '')).toBe(ZH.replace(/ /g, ''));
  });

  it('fills each line: a line is short only when the next piece would not fit', () => {
    const lines = wrapText(ZH, 30).split('\n');
    for (const l of lines.slice(0, -1)) expect(displayWidth(l)).toBeGreaterThanOrEqual(30 - 8);
  });

  it('never starts a line with a closing mark nor ends one with an opening mark', () => {
    for (const width of [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]) {
      const lines = wrapText(ZH, width).split('\n');
      for (const l of lines.slice(1)) expect(l[0], `@${width}: ${l}`).not.toMatch(/[，。、：）]/);
      for (const l of lines.slice(0, -1)) expect(l.at(-1), `@${width}: ${l}`).not.toBe('（');
    }
  });

  it('does not break inside a Latin word between Chinese characters', () => {
    const lines = wrapText('网络'.repeat(8) + 'docker0' + '网络'.repeat(8), 24).split('\n');
    expect(lines.some((l) => l.includes('docker0'))).toBe(true);
  });
});

describe('wrapping coloured text', () => {
  it('never cuts a colour code, and a colour on at a break is ended and started again after the indent', () => {
    const line = `  * ${'word '.repeat(5)}\x1b[4m${'underlined words '.repeat(4)}\x1b[24m end`;
    const lines = fillLine(line, 30, '    ');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) {
      expect(displayWidth(l)).toBeLessThanOrEqual(30);
      expect(l.replace(SGR, '')).not.toContain('\x1b');
    }
    const inside = lines.slice(1, -1);
    for (const l of inside) {
      expect(l.startsWith('    \x1b[4m'), JSON.stringify(l)).toBe(true);
      expect(l.endsWith('\x1b[0m'), JSON.stringify(l)).toBe(true);
    }
    expect(lines.join(' ').replace(SGR, '').replace(/\s+/g, ' ')).toBe(line.replace(SGR, '').replace(/\s+/g, ' '));
  });

  it('a Chinese run in colour breaks between characters, the colour kept on both lines', () => {
    const lines = fillLine(`\x1b[33m${'网络'.repeat(10)}\x1b[39m`, 20);
    expect(lines).toEqual([`\x1b[33m${'网络'.repeat(5)}\x1b[0m`, `\x1b[33m${'网络'.repeat(5)}\x1b[39m`]);
  });
});
