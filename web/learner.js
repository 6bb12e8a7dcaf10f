// The learner's page: a terminal on their lab (xterm.js over a WebSocket) and, beside it,
// what their lesson session reports: the step, its checks, hints, a picture of the lab,
// the lessons. The page decides nothing about steps; it shows what the server sends.
'use strict';
(function () {
  const token = location.pathname.split('/')[2];
  const $ = (id) => document.getElementById(id);
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    lineHeight: 1.15, // at 1.0 the row clips DejaVu's underscores (veth1_p read as veth1 p)
    scrollback: 5000,
    convertEol: false,
    theme: { background: '#0f172a', foreground: '#e2e8f0', cursor: '#facc15' },
  });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open($('terminal'));
  fit.fit();
  term.focus();

  // The page's own words, in the learner's language (the server says which in `hello`; the
  // switch in the header changes it). The step, hints and lessons come from the server
  // already in that language.
  const WORDS = {
    en: {
      connecting: 'connecting…', reconnecting: 'reconnecting…', connected: 'connected', disconnected: 'disconnected',
      starting: 'Your lab is starting…', checks: 'Checks', checksHere: 'The step\'s checks appear here.', hint: 'Hint',
      yourLab: 'Your lab', pictureLater: 'The picture of your lab appears after your first command.', lessons: 'Lessons',
      newLab: 'Start a new lab', done: '✔ done',
      open: (title) => `Open "${title}"? Your lab starts afresh for it; your progress in every lesson is kept.`,
      step: (n, total) => `Step ${n}/${total}`,
      noChecksQuestion: 'No checks: answer the question in the terminal to go on.', noChecks: 'No checks: run a command to go on.',
      why: (expected, found) => `expected ${expected}; found ${found}`,
      building: 'Building your lab…', ended: (reason) => `Your lab has ended: ${reason}`,
      stepDone: (n) => `✔ Step ${n} done`, lessonDone: '✔ Lesson done. Pick the next one below, or keep exploring.',
      hintOf: (at, of) => `hint ${at} of ${of}`,
      held: (message) => `The instructor holds the class at this step${message ? `: ${message}` : ''}. You go on when they release it; meanwhile, explore.`,
      heldPrefix: 'The instructor holds',
      copyRefused: 'The browser did not allow copying: select the text and use its menu.',
      otherTab: 'This lab is open in another tab or window.',
      gone: 'This link is not one of this class\'s learners any more: join again with the class code.',
      terminalLabel: 'your lab\'s terminal', labPicture: 'a picture of your lab\'s network',
    },
    'zh-CN': {
      connecting: '连接中…', reconnecting: '重新连接中…', connected: '已连接', disconnected: '已断开',
      starting: '你的实验环境正在启动…', checks: '检查', checksHere: '这一步的检查项会显示在这里。', hint: '提示',
      yourLab: '你的实验环境', pictureLater: '运行第一条命令后，这里会画出你的实验环境。', lessons: '课程',
      newLab: '重新开始一个实验环境', done: '✔ 已完成',
      open: (title) => `打开“${title}”？实验环境会为它重新开始；你在每门课里的进度都会保留。`,
      step: (n, total) => `第 ${n}/${total} 步`,
      noChecksQuestion: '没有检查项：在终端里回答问题即可继续。', noChecks: '没有检查项：运行一条命令即可继续。',
      why: (expected, found) => `期望 ${expected}；实际 ${found}`,
      building: '正在搭建你的实验环境…', ended: (reason) => `你的实验环境已结束：${reason}`,
      stepDone: (n) => `✔ 第 ${n} 步完成`, lessonDone: '✔ 课程完成。在下面选下一门课，或者继续探索。',
      hintOf: (at, of) => `提示 ${at}/${of}`,
      held: (message) => `讲师让全班停在这一步${message ? `：${message}` : ''}。讲师放行后就可以继续；在此之前可以自由探索。`,
      heldPrefix: '讲师让全班停在',
      copyRefused: '浏览器不允许复制：请选中文字，用浏览器的菜单复制。',
      otherTab: '这个实验环境已经在另一个标签页或窗口里打开了。',
      gone: '这个链接已经不属于本班的学员了：请用班级代码重新加入。',
      terminalLabel: '你的实验环境的终端', labPicture: '你的实验环境的网络图',
    },
  };
  const words = window.nslabWords(WORDS, document.documentElement.lang);
  const w = words.w;
  // The picture's name for a screen reader, in the page's language (the server's SVG has English).
  function labelPicture() {
    $('topology').querySelector('svg')?.setAttribute('aria-label', w('labPicture'));
  }
  function applyLang(next) {
    words.apply(next);
    labelPicture();
    const conn = $('conn');
    conn.textContent = w({ online: 'connected', offline: 'disconnected' }[conn.dataset.state] || 'connecting');
  }
  $('lang').addEventListener('change', () => { applyLang($('lang').value); send({ t: 'lang', lang: words.lang }); term.focus(); });

  let ws;
  let retry = 0;
  let lessonId = '';
  let stopped = false;
  const send = (msg) => { if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg)); };

  // Copy as terminals on a desktop do: Ctrl+Shift+C, or Ctrl+C while text is selected
  // (without a selection Ctrl+C interrupts, as always). Pasting (Ctrl+V, Ctrl+Shift+V, the
  // browser's menu) is xterm's own: the text is typed into the lab, several lines at once.
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown' || !ev.ctrlKey || ev.key.toLowerCase() !== 'c') return true;
    if (!ev.shiftKey && !term.hasSelection()) return true;
    const text = term.getSelection();
    if (text && navigator.clipboard) navigator.clipboard.writeText(text).catch(() => notice(w('copyRefused'), 'bad'));
    term.clearSelection();
    ev.preventDefault();
    return false;
  });
  term.onData((data) => send({ t: 'in', data }));
  term.onResize(({ cols, rows }) => send({ t: 'resize', cols, rows }));
  window.addEventListener('resize', () => fit.fit());

  function setConn(state, text) {
    const el = $('conn');
    el.dataset.state = state;
    el.textContent = text;
  }

  function banner(text, action) {
    $('banner').hidden = !text;
    $('banner-text').textContent = text || '';
    $('banner-action').hidden = !action;
  }
  $('banner-action').addEventListener('click', () => { send({ t: 'lesson', id: lessonId }); banner(''); term.focus(); });

  const notice = (text, kind) => window.nslabNotice(text, kind, 12000);

  function showLessons(lessons) {
    const list = $('lessons');
    list.replaceChildren(...lessons.map((l) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = l.id === lessonId ? 'lesson current' : 'lesson';
      b.dataset.id = l.id;
      b.textContent = l.title;
      const p = document.createElement('span');
      p.className = 'progress';
      p.textContent = l.done === l.steps && l.steps > 0 ? w('done') : `${l.done}/${l.steps}`;
      b.append(p);
      b.addEventListener('click', () => {
        if (l.id === lessonId) return;
        if (confirm(w('open', l.title))) send({ t: 'lesson', id: l.id });
      });
      li.append(b);
      return li;
    }));
  }

  function showStep(m) {
    if (lessonId === m.lessonId && $('banner-text').textContent.startsWith(w('heldPrefix'))) banner('');
    lessonId = m.lessonId;
    $('step-number').textContent = w('step', m.number, m.total);
    delete $('step-title').dataset.w; // a step's title now, not the page's words
    $('step-title').textContent = m.title;
    $('step-body').innerHTML = m.html; // rendered on the server from the lesson file, HTML escaped
    $('hint-text').hidden = true;
    $('hint-count').textContent = '';
    const checks = $('checks');
    checks.replaceChildren(...(m.checks.length ? m.checks : [m.question ? w('noChecksQuestion') : w('noChecks')]).map((text) => {
      const li = document.createElement('li');
      li.className = m.checks.length ? 'check pending' : 'dim';
      const code = document.createElement('code');
      code.textContent = text;
      li.append(code);
      return li;
    }));
    document.querySelectorAll('.lesson').forEach((b) => b.classList.toggle('current', b.dataset.id === lessonId));
  }

  function showChecks(m) {
    const items = $('checks').querySelectorAll('li.check');
    m.checks.forEach((c, i) => {
      const li = items[i];
      if (!li) return;
      li.className = `check ${c.ok ? 'ok' : 'fail'}`;
      let why = li.querySelector('.why');
      if (!why) { why = document.createElement('div'); why.className = 'why'; li.append(why); }
      why.textContent = c.ok ? '' : w('why', c.expected, c.found);
    });
  }

  function onMessage(m) {
    switch (m.t) {
      case 'hello':
        $('who').textContent = m.name;
        applyLang(m.lang);
        lessonId = m.lessonId;
        showLessons(m.lessons);
        return;
      case 'lab':
        if (m.state === 'starting') { banner(w('building')); term.reset(); }
        else if (m.state === 'running') banner('');
        else banner(w('ended', m.reason || ''), true);
        return;
      case 'step': showStep(m); return;
      case 'checks': showChecks(m); return;
      case 'step-passed': notice(w('stepDone', m.number), 'good'); return;
      case 'lesson-done': notice(w('lessonDone'), 'good'); return;
      case 'hint':
        $('hint-text').hidden = false;
        $('hint-text').innerHTML = m.html; // from the lesson file, rendered on the server
        $('hint-count').textContent = w('hintOf', m.at, m.of);
        return;
      case 'topology': $('topology').innerHTML = m.svg; labelPicture(); return; // drawn on the server, every text escaped
      case 'prompt': $('hint').disabled = !m.idle; return;
      case 'held':
        banner(w('held', m.message));
        return;
      case 'lessons': showLessons(m.lessons); return;
      case 'notice': notice(m.text); return;
      case 'error': notice(m.text, 'bad'); return;
    }
  }

  $('hint').addEventListener('click', () => { send({ t: 'hint' }); term.focus(); });

  function connect() {
    setConn('connecting', retry ? w('reconnecting') : w('connecting'));
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/l/${token}`);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      retry = 0;
      setConn('online', w('connected'));
      term.reset(); // the server sends the terminal's recent output again
      send({ t: 'resize', cols: term.cols, rows: term.rows });
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') term.write(new Uint8Array(ev.data));
      else onMessage(JSON.parse(ev.data));
    };
    ws.onclose = (ev) => {
      setConn('offline', w('disconnected'));
      if (ev.code === 4000) {
        stopped = true;
        banner(w('otherTab'));
        return;
      }
      if (stopped) return;
      retry++;
      // A link the server no longer knows (another class on the same address) is not
      // retried forever; anything else is (a restarted server, a laptop waking up), with
      // some randomness so that a whole room does not reconnect in the same instant.
      fetch(location.pathname, { method: 'HEAD', cache: 'no-store' }).then((r) => {
        if (r.status === 404) {
          stopped = true;
          banner(w('gone'));
          return;
        }
        setTimeout(connect, Math.min(10000, 500 * 2 ** Math.min(retry, 5)) * (0.5 + Math.random()));
      }, () => setTimeout(connect, Math.min(10000, 500 * 2 ** Math.min(retry, 5)) * (0.5 + Math.random())));
    };
  }
  connect();
})();
