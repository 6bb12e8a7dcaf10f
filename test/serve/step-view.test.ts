// A lesson step as the page shows it: markdown rendered on the server, raw HTML shown as
// text; and the step of a real lesson.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lesson/load.js';
import type { Lesson } from '../../src/lesson/types.js';
import { markdownHtml, stepView } from '../../src/serve/step-view.js';

describe('markdownHtml', () => {
  it('renders code blocks and inline code, escaping what they hold', () => {
    const html = markdownHtml('Run `ip a` now:\n\n```sh\nip link add veth1 type veth peer name veth1_p\necho "<b>" && true\n```\n');
    expect(html).toContain('<p>Run <code>ip a</code> now:</p>');
    expect(html).toContain('<pre><code class="language-sh">ip link add veth1 type veth peer name veth1_p\necho &quot;&lt;b&gt;&quot; &amp;&amp; true\n</code></pre>');
  });

  it('keeps web and in-page links, and turns any other link into its text', () => {
    expect(markdownHtml('[man](https://man7.org/x)')).toContain('<a href="https://man7.org/x" target="_blank" rel="noopener">man</a>');
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x']) {
      const html = markdownHtml(`[click](${href})`);
      expect(html, href).not.toContain('<a');
      expect(html, href).toContain('click');
    }
  });

  it('renders emphasis and lists', () => {
    expect(markdownHtml('a **bridge** and *veth*')).toBe('<p>a <strong>bridge</strong> and <em>veth</em></p>\n');
    expect(markdownHtml('1. one\n2. two\n')).toContain('<ol>\n<li>one</li>\n<li>two</li>\n</ol>');
  });

  it('shows raw HTML, inline or as a block, as text', () => {
    const inline = markdownHtml('look <img src=x onerror=alert(1)> here');
    expect(inline).toBe('<p>look &lt;img src=x onerror=alert(1)&gt; here</p>\n');
    const block = markdownHtml('<script>alert(1)</script>\n\nafter');
    expect(block).not.toMatch(/<script|<img/i);
    expect(block).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdownHtml('<div onclick="x()">hi</div>')).not.toMatch(/<div/);
  });
});

describe('stepView of a real lesson', () => {
  let lesson: Lesson;
  beforeAll(async () => {
    const { lessons } = await loadLessons();
    lesson = lessons.find((l) => l.meta.id === '01-docker0')!;
    expect(lesson).toBeDefined();
  });

  it('gives the step\'s title, number, total, body and checks, with its question', () => {
    const v = stepView(lesson, 1)!;
    expect(v).toMatchObject({ lessonId: '01-docker0', number: 1, total: lesson.steps.length, title: 'Find docker0' });
    expect(v.checks).toEqual(['ran /^ip\\s+(-\\S+\\s+)*a\\w*(\\s|$)/']);
    expect(v.html).toContain('<pre><code class="language-sh">ip a\n</code></pre>');
    expect(v.html).toContain('<strong>Question:</strong> Which IPv4 address did Docker give docker0?');
    // Hints and recap are not the step's text.
    expect(v.html).not.toContain('172.17.0.1/16</code>');
    expect(v.html).not.toContain('recap');
  });

  it('has no question line when the step has no question', () => {
    const step = lesson.steps.find((s) => !s.question)!;
    const v = stepView(lesson, step.number)!;
    expect(v.title).toBe(step.title);
    expect(v.checks).toEqual(step.checks.map((c) => c.text));
    expect(v.html).not.toContain('Question:');
  });

  it('is undefined for a step the lesson does not have', () => {
    expect(stepView(lesson, 0)).toBeUndefined();
    expect(stepView(lesson, lesson.steps.length + 1)).toBeUndefined();
    expect(stepView(lesson, 9999)).toBeUndefined();
  });
});
