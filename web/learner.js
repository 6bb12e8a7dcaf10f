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
    if (text && navigator.clipboard) navigator.clipboard.writeText(text).catch(() => notice('The browser did not allow copying: select the text and use its menu.', 'bad'));
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
      p.textContent = l.done === l.steps && l.steps > 0 ? '✔ done' : `${l.done}/${l.steps}`;
      b.append(p);
      b.addEventListener('click', () => {
        if (l.id === lessonId) return;
        if (confirm(`Open "${l.title}"? Your lab starts afresh for it; your progress in every lesson is kept.`)) send({ t: 'lesson', id: l.id });
      });
      li.append(b);
      return li;
    }));
  }

  function showStep(m) {
    if (lessonId === m.lessonId && $('banner-text').textContent.startsWith('The instructor holds')) banner('');
    lessonId = m.lessonId;
    $('step-number').textContent = `Step ${m.number}/${m.total}`;
    $('step-title').textContent = m.title;
    $('step-body').innerHTML = m.html; // rendered on the server from the lesson file, HTML escaped
    $('hint-text').hidden = true;
    $('hint-count').textContent = '';
    const checks = $('checks');
    checks.replaceChildren(...(m.checks.length ? m.checks : [m.question ? 'No checks: answer the question in the terminal to go on.' : 'No checks: run a command to go on.']).map((text) => {
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
      why.textContent = c.ok ? '' : `expected ${c.expected}; found ${c.found}`;
    });
  }

  function onMessage(m) {
    switch (m.t) {
      case 'hello':
        $('who').textContent = m.name;
        lessonId = m.lessonId;
        showLessons(m.lessons);
        return;
      case 'lab':
        if (m.state === 'starting') { banner('Building your lab…'); term.reset(); }
        else if (m.state === 'running') banner('');
        else banner(`Your lab has ended: ${m.reason || ''}`, true);
        return;
      case 'step': showStep(m); return;
      case 'checks': showChecks(m); return;
      case 'step-passed': notice(`✔ Step ${m.number} done`, 'good'); return;
      case 'lesson-done': notice('✔ Lesson done. Pick the next one below, or keep exploring.', 'good'); return;
      case 'hint':
        $('hint-text').hidden = false;
        $('hint-text').innerHTML = m.html; // from the lesson file, rendered on the server
        $('hint-count').textContent = `hint ${m.at} of ${m.of}`;
        return;
      case 'topology': $('topology').innerHTML = m.svg; return; // drawn on the server, every text escaped
      case 'prompt': $('hint').disabled = !m.idle; return;
      case 'held':
        banner(`The instructor holds the class at this step${m.message ? `: ${m.message}` : ''}. You go on when they release it; meanwhile, explore.`);
        return;
      case 'lessons': showLessons(m.lessons); return;
      case 'notice': notice(m.text); return;
      case 'error': notice(m.text, 'bad'); return;
    }
  }

  $('hint').addEventListener('click', () => { send({ t: 'hint' }); term.focus(); });

  function connect() {
    setConn('connecting', retry ? 'reconnecting…' : 'connecting…');
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/l/${token}`);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      retry = 0;
      setConn('online', 'connected');
      term.reset(); // the server sends the terminal's recent output again
      send({ t: 'resize', cols: term.cols, rows: term.rows });
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') term.write(new Uint8Array(ev.data));
      else onMessage(JSON.parse(ev.data));
    };
    ws.onclose = (ev) => {
      setConn('offline', 'disconnected');
      if (ev.code === 4000) {
        stopped = true;
        banner('This lab is open in another tab or window.');
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
          banner('This link is not one of this class\'s learners any more: join again with the class code.');
          return;
        }
        setTimeout(connect, Math.min(10000, 500 * 2 ** Math.min(retry, 5)) * (0.5 + Math.random()));
      }, () => setTimeout(connect, Math.min(10000, 500 * 2 ** Math.min(retry, 5)) * (0.5 + Math.random())));
    };
  }
  connect();
})();
