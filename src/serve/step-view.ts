// A lesson step as the learner's page shows it: its markdown rendered to HTML on the
// server, from the lesson file (never from what a lab reports), with raw HTML in the
// markdown shown as text rather than passed through.
import { shellText } from '../i18n/shell-text.js';
import { Marked } from 'marked';
import type { Lesson } from '../lesson/types.js';
import { escapeXml } from './topo-svg.js';

const marked = new Marked({ gfm: true, breaks: false });
marked.use({
  renderer: {
    html: ({ text }) => escapeXml(text),
    // Links to the web or within the page only: never `javascript:` or `data:`.
    link({ href, text }) {
      return /^(https?:\/\/|#|\/)/i.test(href) ? `<a href="${escapeXml(href)}" target="_blank" rel="noopener">${escapeXml(text)}</a>` : escapeXml(text);
    },
  },
});

export function markdownHtml(md: string): string {
  return marked.parse(md, { async: false }) as string;
}

export interface StepView {
  lessonId: string;
  number: number;
  total: number;
  title: string;
  html: string;
  checks: string[];
  /** The step ends with a question, answered in the terminal. */
  question: boolean;
}

/** The step `number` of `lesson`, or undefined when the lesson has no such step. */
export function stepView(lesson: Lesson, number: number): StepView | undefined {
  const step = lesson.steps.find((s) => s.number === number);
  if (!step) return undefined;
  const question = step.question ? `\n\n**${shellText(lesson.lang ?? 'en').questionLabel}** ${step.question.prompt}` : '';
  return {
    lessonId: lesson.meta.id,
    number,
    total: lesson.steps.length,
    title: step.title,
    html: markdownHtml(step.body + question),
    checks: step.checks.map((c) => c.text),
    question: Boolean(step.question),
  };
}
