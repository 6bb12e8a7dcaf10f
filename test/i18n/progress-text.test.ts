// The progress store's warnings in both languages: the same keys, each one said in Chinese,
// and a store whose learner reads Chinese tells them so in Chinese, the paths untouched.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressText, type ProgressText } from '../../src/i18n/progress-text.js';
import { ProgressStore } from '../../src/progress/index.js';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';

const sample = (t: ProgressText) => [t.empty, t.notJson('x'), t.notObject, t.noVersion, t.badShape('a.b', 'x'), t.topLevel, t.corrupt('/p', 'r', '/p.bak'),
  t.newer('/p', 7, 1), t.lockHeld('/p.lock', 30), t.notSaved('x'), t.notRead('x'), t.permissionDenied, t.readOnly, t.cannotRead('/p', 'x'), t.cannotSave('/p', 'x')];

describe('the progress store\'s words, in English and in Chinese', () => {
  it('have the same keys, every one sampled and translated', () => {
    expectSameKeysAllSampled(progressText('en'), progressText('zh-CN'), sample);
    expectTranslated(progressText('en'), progressText('zh-CN'), sample);
  });

  function corruptStore(text: string) {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-progress-zh-'));
    const path = join(dir, 'nslab', 'progress.json');
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return { path, store: new ProgressStore({ path }, { lang: 'zh-CN' }) };
  }

  it('a corrupt file is reported in Chinese, and still kept aside', async () => {
    const { path, store } = corruptStore('{"version": 1, "lessons": {"a": ');
    const r = await store.read();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(new RegExp(`^读不懂你的进度文件 ${path}（不是有效的 JSON（.+）\\）；它已另存为 ${path}\\.bak，你的进度从头开始。$`));
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{"version": 1, "lessons": {"a": ');
  });

  it('a file from a newer nslab is reported in Chinese', async () => {
    const { path, store } = corruptStore(JSON.stringify({ version: 9, lessons: {} }));
    expect((await store.read()).warnings).toEqual([`你的进度文件 ${path} 是更新版本的 nslab 写的（格式版本 9；这个版本只认识到 1）：进度按能读懂的部分显示，但不会保存，以免改坏那个更新的文件。升级 nslab 后就能继续保存进度。`]);
  });

  it('a file of the wrong shape names the place in Chinese', async () => {
    const { store } = corruptStore('{"version": 1}');
    expect((await store.read()).warnings[0]).toContain('结构不对（lessons：');
  });
});
