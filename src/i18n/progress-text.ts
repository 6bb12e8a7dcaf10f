// What the progress store tells the learner when their progress file is not as it should
// be: corrupt (and moved aside), written by a newer nslab, unreadable, unwritable, locked.
// Each is a warning that the shell prints and goes on; none is a crash.
import { inLanguages } from './lang.js';

export interface ProgressText {
  /** Why a file is corrupt (the reason inside `corrupt`). */
  empty: string;
  notJson(detail: string): string;
  notObject: string;
  noVersion: string;
  badShape(at: string, detail: string): string;
  topLevel: string;
  corrupt(path: string, reason: string, kept: string): string;
  newer(path: string, version: number, known: number): string;
  lockHeld(lockPath: string, seconds: number): string;
  notSaved(lockProblem: string): string;
  notRead(lockProblem: string): string;
  permissionDenied: string;
  readOnly: string;
  cannotRead(path: string, why: string): string;
  cannotSave(path: string, why: string): string;
}

const en: ProgressText = {
  empty: 'it is empty',
  notJson: (detail) => `it is not valid JSON (${detail})`,
  notObject: 'it is not a JSON object',
  noVersion: 'it has no valid "version"',
  badShape: (at, detail) => `it does not have the expected shape (${at}: ${detail})`,
  topLevel: 'top level',
  corrupt: (path, reason, kept) => `your progress file ${path} could not be read (${reason}); it is kept as ${kept} and your progress starts afresh.`,
  newer: (path, version, known) =>
    `your progress file ${path} was written by a newer nslab (format version ${version}; this one knows ${known}): progress is shown as far as it can be read, but not saved, so that the newer file is left intact. Update nslab to save progress again.`,
  lockHeld: (lockPath, seconds) => `${lockPath} has been held for over ${seconds} s; if no other nslab is running, delete it`,
  notSaved: (p) => `progress not saved: ${p}`,
  notRead: (p) => `progress not read: ${p}`,
  permissionDenied: 'permission denied',
  readOnly: 'read-only filesystem',
  cannotRead: (path, why) => `cannot read your progress file ${path}: ${why}`,
  cannotSave: (path, why) => `cannot save your progress file ${path}: ${why} (progress in this session is not saved)`,
};

const zh: ProgressText = {
  empty: '文件是空的',
  notJson: (detail) => `不是有效的 JSON（${detail}）`,
  notObject: '不是一个 JSON 对象',
  noVersion: '没有有效的 "version"',
  badShape: (at, detail) => `结构不对（${at}：${detail}）`,
  topLevel: '顶层',
  corrupt: (path, reason, kept) => `读不懂你的进度文件 ${path}（${reason}）；它已另存为 ${kept}，你的进度从头开始。`,
  newer: (path, version, known) =>
    `你的进度文件 ${path} 是更新版本的 nslab 写的（格式版本 ${version}；这个版本只认识到 ${known}）：进度按能读懂的部分显示，但不会保存，以免改坏那个更新的文件。升级 nslab 后就能继续保存进度。`,
  lockHeld: (lockPath, seconds) => `${lockPath} 已被占用超过 ${seconds} 秒；如果没有别的 nslab 在运行，请删除它`,
  notSaved: (p) => `进度没有保存：${p}`,
  notRead: (p) => `进度没有读出：${p}`,
  permissionDenied: '没有权限',
  readOnly: '文件系统是只读的',
  cannotRead: (path, why) => `读不了你的进度文件 ${path}：${why}`,
  cannotSave: (path, why) => `存不了你的进度文件 ${path}：${why}（这次会话的进度不会保存）`,
};

export const progressText = inLanguages<ProgressText>({ en, 'zh-CN': zh });
