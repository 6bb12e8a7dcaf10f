// Why a lab cannot be built, in both languages: the same keys, each sampled and said in
// Chinese, and the user-namespace paragraph whole in Chinese, its sysctls and commands
// as they are.
import { describe, expect, it } from 'vitest';
import { sandboxText, type SandboxText } from '../../src/i18n/sandbox-text.js';
import { usernsBlockedMessage } from '../../src/sandbox/userns.js';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';

const sample = (t: SandboxText) => [t.usernsCannot, t.usernsWhy, t.usernsFound(['a = 0']), t.usernsNoneFound, t.usernsFixes(['sudo x']), t.usernsAskAdmin,
  t.usernsOrRoot('x'), t.containersNeedDocker, t.nestedLab, t.noLauncher, t.shellKilled];

describe('the sandbox\'s words, in English and in Chinese', () => {
  it('have the same keys, every one sampled and translated', () => {
    expectSameKeysAllSampled(sandboxText('en'), sandboxText('zh-CN'), (t) => [t.sentenceGap, ...sample(t)]);
    expectTranslated(sandboxText('en'), sandboxText('zh-CN'), sample);
  });

  it('the user-namespace paragraph in Chinese keeps the sysctl and the command that lifts it', () => {
    const msg = usernsBlockedMessage({ unprivilegedUsernsClone: '0' }, sandboxText('zh-CN'));
    expect(msg).toMatch(/^nslab 无法搭建实验环境/);
    expect(msg).toContain('kernel.unprivileged_userns_clone = 0');
    expect(msg).toContain('`sudo sysctl -w kernel.unprivileged_userns_clone=1`');
    expect(msg).toContain('`sudo nslab …`');
    expect(msg).not.toMatch(/ {2}|[a-z]\. [A-Z]/); // no English sentence joints left
  });
});
