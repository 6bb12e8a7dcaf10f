// The lab's drawing in Chinese: its titles and notes in Chinese, the kernel's words as they
// are, and every box still closed at the same column (a Chinese character is two columns).
import { describe, expect, it } from 'vitest';
import { drawingText } from '../../src/i18n/drawing-text.js';
import { displayWidth } from '../../src/view/display-width.js';
import { drawTopology } from '../../src/view/topology.js';
import { buildModel } from '../../src/view/topo-model.js';
import { UNICODE } from '../../src/view/topo-text.js';
import { captured } from '../view/fixtures.js';

describe('the drawing\'s words, in English and in Chinese', () => {
  it('have the same keys, and the Chinese ones are Chinese', () => {
    const [en, zh] = [drawingText('en'), drawingText('zh-CN')];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const sample = (t: typeof en) => [t.labHost, t.host1LabHost, t.outsideWorld, t.dockerHost, t.container('c1'), t.publicHost, t.router, t.noCarrier,
      t.portOf('br0'), t.on('eth0'), t.bothEndsHere, t.stray, t.pairIn('⇄', 'a', 'b'), t.onlyLo, t.sharedWith('c1'), t.noPorts, t.noDefaultRoute, t.notRunning('c1')];
    sample(zh).forEach((text, i) => {
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toBe(sample(en)[i]);
    });
  });

  it('a real lab drawn in Chinese: the boxes\' titles in Chinese, every row of the drawing as wide as the others', () => {
    const state = captured('lesson3-net-modes');
    const model = buildModel(state, UNICODE, 'zh-CN');
    expect(model.host.title.map((p) => p.text).join('')).toBe('实验宿主机');
    expect(model.boxes.find((b) => b.kind === 'outside')?.title.map((p) => p.text).join('')).toBe('外部网络');
    const saved = process.env.NSLAB_LANG;
    process.env.NSLAB_LANG = 'zh-CN';
    try {
      const drawn = drawTopology(state, { color: false, width: 140 });
      expect(drawn).toContain('┌─ 实验宿主机 ');
      expect(drawn).toMatch(/容器 \w+/);
      // Each box's rows end on the same column: the right border of the host's box is at
      // one display column on every row that has it.
      const rows = drawn.split('\n').filter((l) => l.startsWith('│') || l.startsWith('┌') || l.startsWith('└'));
      expect(rows.length).toBeGreaterThan(3);
      const hostEdge = rows.map((l) => { const i = [...l].findIndex((ch, k) => k > 0 && '│┐┘┤┼'.includes(ch)); return displayWidth([...l].slice(0, i + 1).join('')); });
      expect(new Set(hostEdge).size).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.NSLAB_LANG; else process.env.NSLAB_LANG = saved;
    }
  });
});
