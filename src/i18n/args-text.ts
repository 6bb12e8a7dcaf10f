// What nslab says of a command line it cannot take: commander's own errors (an unknown
// option or command, a missing or extra argument) and the values nslab's options refuse.
// commander words its errors in English and offers no hook per message, only the whole
// text (configureOutput's outputError); `commanderError` reads its known shapes, measured
// on commander 14 (test/i18n/args-text.test.ts runs the real parser), and words them again.
// A shape it does not know passes through in English rather than being lost.
import { inLanguages } from './lang.js';

export interface ArgsText {
  unknownOption(flag: string): string;
  unknownCommand(name: string): string;
  didYouMean(choices: string[]): string;
  missingArgument(name: string): string;
  optionMissingArgument(flags: string): string;
  tooManyArguments(command: string | undefined, expected: number, got: number): string;
  invalidOptionValue(flags: string, value: string, why: string): string;
  invalidArgumentValue(name: string, value: string, why: string): string;
  // Values nslab's options refuse (src/sandbox/option-values.ts), each saying what they take.
  presetChoice(presets: string, value: string): string;
  containersRange(max: number, value: string): string;
  stepNumber(value: string): string;
}

const en: ArgsText = {
  unknownOption: (flag) => `error: unknown option '${flag}'`,
  unknownCommand: (name) => `error: unknown command '${name}'`,
  didYouMean: (choices) => (choices.length > 1 ? `\n(Did you mean one of ${choices.join(', ')}?)` : `\n(Did you mean ${choices[0]}?)`),
  missingArgument: (name) => `error: missing required argument '${name}'`,
  optionMissingArgument: (flags) => `error: option '${flags}' argument missing`,
  tooManyArguments: (command, expected, got) =>
    `error: too many arguments${command ? ` for '${command}'` : ''}. Expected ${expected} argument${expected === 1 ? '' : 's'} but got ${got}.`,
  invalidOptionValue: (flags, value, why) => `error: option '${flags}' argument '${value}' is invalid. ${why}`,
  invalidArgumentValue: (name, value, why) => `error: command-argument value '${value}' is invalid for argument '${name}'. ${why}`,
  presetChoice: (presets, value) => `one of ${presets}, not "${value}".`,
  containersRange: (max, value) => `a whole number from 0 to ${max}, not "${value}".`,
  stepNumber: (value) => `a step number (1, 2, …), not "${value}".`,
};

const zh: ArgsText = {
  unknownOption: (flag) => `错误：没有 '${flag}' 这个选项`,
  unknownCommand: (name) => `错误：没有 '${name}' 这个命令`,
  didYouMean: (choices) => `\n（你是不是想用 ${choices.join('、')}？）`,
  missingArgument: (name) => `错误：缺少必需的参数 '${name}'`,
  optionMissingArgument: (flags) => `错误：选项 '${flags}' 缺少取值`,
  tooManyArguments: (command, expected, got) => `错误：${command ? `'${command}' 的` : ''}参数太多：应有 ${expected} 个，实际给了 ${got} 个。`,
  invalidOptionValue: (flags, value, why) => `错误：选项 '${flags}' 不接受 '${value}'：${why}`,
  invalidArgumentValue: (name, value, why) => `错误：参数 '${name}' 不接受 '${value}'：${why}`,
  presetChoice: (presets, value) => `应是 ${presets} 之一，而不是 "${value}"。`,
  containersRange: (max, value) => `应是 0 到 ${max} 的整数，而不是 "${value}"。`,
  stepNumber: (value) => `应是步骤编号（1、2、…），而不是 "${value}"。`,
};

export const argsText = inLanguages<ArgsText>({ en, 'zh-CN': zh });

/** commander's error text (one line, maybe a suggestion after it) in `t`'s words; text of
 * a shape not known here is returned as it came. */
export function commanderError(text: string, t: ArgsText): string {
  const nl = text.endsWith('\n') ? '\n' : '';
  const body = nl ? text.slice(0, -1) : text;
  const [first, ...rest] = body.split('\n');
  const suggestion = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(rest.join('\n'));
  const suggest = suggestion ? t.didYouMean(suggestion[1].split(', ')) : '';
  const shapes: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^error: unknown option '(.+)'$/, (m) => t.unknownOption(m[1]) + suggest],
    [/^error: unknown command '(.+)'$/, (m) => t.unknownCommand(m[1]) + suggest],
    [/^error: missing required argument '(.+)'$/, (m) => t.missingArgument(m[1])],
    [/^error: option '(.+)' argument missing$/, (m) => t.optionMissingArgument(m[1])],
    [/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (m) => t.tooManyArguments(m[1], Number(m[2]), Number(m[3]))],
    [/^error: option '(.+?)' argument '(.*)' is invalid\. (.*)$/s, (m) => t.invalidOptionValue(m[1], m[2], m[3])],
    [/^error: command-argument value '(.*)' is invalid for argument '(.+?)'\. (.*)$/s, (m) => t.invalidArgumentValue(m[2], m[1], m[3])],
  ];
  // A suggestion follows only an unknown option or command; any other text is read whole.
  const read = suggestion ? first : body;
  for (const [shape, word] of shapes) {
    const m = shape.exec(read);
    if (m) return word(m) + nl;
  }
  return text;
}
