// `nslab explain`: explains output pasted on stdin (from a blog, a real Docker host) with
// no lab and no privilege. Works out which command printed it unless --as says so.
import { UserError } from '../errors.js';
import { toolsText } from '../i18n/tools-text.js';
import { colorEnabled } from '../view/color.js';

export interface ExplainCommandOptions {
  as?: string;
  json?: boolean;
  full?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function explainCommand(opts: ExplainCommandOptions): Promise<void> {
  const { acceptedNames, detect, explain, explainerForName, parse, renderAnnotated } = await import('../explain/index.js');
  const names = () => acceptedNames().map((n) => `"${n}"`).join(', ');
  let id = undefined as ReturnType<typeof detect>;
  if (opts.as !== undefined) {
    id = explainerForName(opts.as);
    if (!id) throw new UserError(toolsText().unknownAs(opts.as, names()), 2);
  }
  if (process.stdin.isTTY) process.stderr.write(`${toolsText().pasteThen}\n`);
  const text = await readStdin();
  if (text.trim() === '') throw new UserError(toolsText().nothingToExplain, 2);
  id ??= detect(text);
  if (!id) throw new UserError(toolsText().cannotTell(names()), 2);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ command: id, value: parse(id, text) }, null, 2) + '\n');
    return;
  }
  const lines = explain(id, text, { detail: opts.full === false ? 'compact' : 'full' });
  process.stdout.write(renderAnnotated(lines, { color: colorEnabled(), compact: false }));
}
