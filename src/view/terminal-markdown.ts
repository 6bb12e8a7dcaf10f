// Markdown's tokens (from marked's lexer) drawn for a terminal in colour: headings green
// and bold, inline code yellow, code blocks indented two columns and never wrapped, lists
// with bullets and their lines indented under the text, block quotes grey. Each block is
// filled to the width it has (a list item's text to the width left after its bullet), so
// a wrapped line always lands under the text it continues. No syntax highlighting: a
// command is read and copied, not studied.
import type { Token, Tokens } from 'marked';
import type { Colors } from './color.js';
import { displayWidth } from './display-width.js';
import { NO_WRAP, fillLine } from './wrap.js';

interface Context {
  c: Colors;
  /** Columns the block may fill; Infinity: no wrapping. */
  width: number;
  /** Whether this block is inside a list item (a nested list is not indented again). */
  inList: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** marked's lexer leaves entities as written (its HTML renderer passes them on). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

function inline(tokens: Token[] | undefined, c: Colors): string {
  return (tokens ?? []).map((t) => inlineToken(t as Tokens.Generic, c)).join('');
}

function inlineToken(t: Tokens.Generic, c: Colors): string {
  switch (t.type) {
    case 'text': return t.tokens ? inline(t.tokens, c) : decodeEntities(t.text);
    case 'escape': return t.text;
    case 'strong': return c.bold(inline(t.tokens, c));
    case 'em': return c.italic(inline(t.tokens, c));
    case 'del': return c.dim(c.strikethrough(inline(t.tokens, c)));
    case 'codespan': return c.yellow(t.text);
    case 'br': return '\n';
    case 'checkbox': return t.checked ? '[x] ' : '[ ] ';
    case 'link': {
      const text = inline(t.tokens, c);
      const shown = t.href === t.text || t.href === `mailto:${t.text}`;
      return shown ? c.blue(c.underline(text)) : `${c.blue(text)} (${c.blue(c.underline(t.href))})`;
    }
    case 'image': return `${c.blue(t.text || 'image')} (${c.blue(c.underline(t.href))})`;
    case 'html': return c.gray(t.raw);
    default: return 'tokens' in t && t.tokens ? inline(t.tokens, c) : decodeEntities(t.raw ?? '');
  }
}

/** Prose: its hard line breaks kept, each line filled. */
function fill(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => fillLine(line, width));
}

/** Lines with a first-line prefix, the following lines indented as wide as it. */
function hang(lines: string[], prefix: string): string[] {
  const indent = ' '.repeat(displayWidth(prefix));
  return lines.map((l, i) => (i === 0 ? prefix : l ? indent : '') + l);
}

function list(t: Tokens.List, ctx: Context): string[] {
  const lead = ctx.inList ? '' : '  ';
  const start = typeof t.start === 'number' ? t.start : 1;
  const bullets = t.items.map((_, i) => (t.ordered ? `${start + i}. ` : '* '));
  const widest = Math.max(...bullets.map((b) => b.length));
  const out: string[] = [];
  t.items.forEach((item, i) => {
    const prefix = lead + bullets[i].padEnd(widest);
    const body = blocks(item.tokens, { ...ctx, width: ctx.width - displayWidth(prefix), inList: true }, !t.loose);
    if (t.loose && i > 0) out.push('');
    out.push(...hang(body.length ? body : [''], prefix));
  });
  return out;
}

function table(t: Tokens.Table, ctx: Context): string[] {
  const { c } = ctx;
  const head = t.header.map((cell) => c.bold(inline(cell.tokens, c)));
  const rows = t.rows.map((row) => row.map((cell) => inline(cell.tokens, c)));
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (text: string, i: number) => {
    const room = widths[i] - displayWidth(text);
    if (t.align[i] === 'right') return ' '.repeat(room) + text;
    if (t.align[i] === 'center') return ' '.repeat(room >> 1) + text + ' '.repeat(room - (room >> 1));
    return text + ' '.repeat(room);
  };
  const line = (cells: string[]) => '  ' + cells.map(pad).join('  ').trimEnd() + NO_WRAP;
  return [line(head), '  ' + c.gray(widths.map((w) => '─'.repeat(w)).join('  ')) + NO_WRAP, ...rows.map(line)];
}

function block(t: Tokens.Generic, ctx: Context): string[] {
  const { c, width } = ctx;
  switch (t.type) {
    case 'paragraph': return fill(inline(t.tokens, c), width);
    case 'text': return fill(t.tokens ? inline(t.tokens, c) : decodeEntities(t.text), width);
    case 'heading': {
      const style = t.depth === 1 ? (s: string) => c.magenta(c.underline(c.bold(s))) : (s: string) => c.green(c.bold(s));
      return fill(`${'#'.repeat(t.depth)} ${inline(t.tokens, c)}`, width).map(style);
    }
    // Every line marked: copying it must give the command as typed, whatever the width.
    case 'code': return t.text.replaceAll(NO_WRAP, '').split('\n').map((l: string) => (l ? `  ${l}${NO_WRAP}` : ''));
    case 'list': return list(t as Tokens.List, ctx);
    case 'blockquote': return blocks(t.tokens ?? [], { ...ctx, width: width - 2 }, false).map((l) => (l ? `  ${c.gray(c.italic(l))}` : ''));
    case 'table': return table(t as Tokens.Table, ctx);
    case 'hr': return [c.gray('─'.repeat(Math.min(width, 40)))];
    case 'html': return t.raw.trimEnd().split('\n').map((l: string) => c.gray(l));
    case 'space': return [];
    default: return fill(decodeEntities(t.raw.trimEnd()), width);
  }
}

/** Blocks one after the other: a blank line between them, none between those of a tight
 * list item (its text and the list nested in it). */
function blocks(tokens: Token[], ctx: Context, tight: boolean): string[] {
  const drawn = tokens.map((t) => block(t as Tokens.Generic, ctx)).filter((lines) => lines.length);
  return drawn.flatMap((lines, i) => (i > 0 && !tight ? ['', ...lines] : lines));
}

/** Markdown's tokens as terminal lines, filled to `width` columns; the NO_WRAP marks on
 * code lines stay for the caller (wrap.ts's unmark). */
export function renderTokens(tokens: Token[], c: Colors, width: number): string {
  return blocks(tokens, { c, width, inList: false }, false).join('\n');
}
