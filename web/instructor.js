// The instructor's page: the class live (a row a learner, pushed by the server as it
// changes), where the class is (learners per step), who looks stuck, and the controls:
// a message to all, move everyone to a lesson, hold the class at a step. Clicking a row
// shows that learner's terminal read-only: this page has no way to type into it.
// Every value is put in as text (learners choose their own names).
'use strict';
(function () {
  const token = location.pathname.split('/')[2];
  const $ = (id) => document.getElementById(id);
  let ws;
  let klass;
  let sortKey = 'seat';
  let sortDir = 1;
  let watching;
  let term;
  const send = (msg) => { if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg)); };

  $('export-csv').href = `/api/i/${token}/results.csv`;
  $('export-json').href = `/api/i/${token}/results.json`;

  const notice = (text, kind) => window.nslabNotice(text, kind, 8000);

  const minutes = (ms) => (ms < 60000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60000)} min`);
  const cell = (text, cls) => { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; return td; };

  function sortValue(r, key) {
    if (key === 'lastError') return r.lastError ? r.lastError.line : '';
    if (key === 'step') return `${r.lesson} ${String(r.step || 0).padStart(3, '0')}`;
    if (key === 'online') return r.online ? 1 : 0;
    return r[key];
  }

  function renderRows() {
    if (!klass) return;
    const rows = [...klass.rows].sort((a, b) => {
      const x = sortValue(a, sortKey); const y = sortValue(b, sortKey);
      return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
    });
    $('rows').replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.seat = String(r.seat);
      tr.dataset.name = r.name;
      tr.className = [r.stuck ? 'stuck' : '', r.online ? '' : 'offline', watching === r.seat ? 'watched' : ''].join(' ').trim();
      tr.title = r.stuck ? `Looks stuck: ${r.stuck}` : 'Click to watch this learner\'s terminal';
      tr.append(
        cell(String(r.seat)), cell(r.name + (r.stuck ? ' ⚠' : '')), cell(r.lessonTitle),
        cell(r.step ? `${r.step}/${r.steps} ${r.stepTitle}` : '–'),
        cell(r.checks ? `${r.checksPassed}/${r.checks}` : '–', r.checks && r.checksPassed === r.checks ? 'good' : ''),
        cell(r.step ? minutes(r.onStep) : '–'), cell(String(r.hints)),
        cell(r.lastError ? `${r.lastError.line} — ${r.lastError.explanation}` : '', 'error-cell'),
        cell(r.online ? (r.lab === 'running' ? 'online' : r.lab) : 'away'),
      );
      tr.addEventListener('click', () => watch(r.seat));
      return tr;
    }));
  }

  function renderBars() {
    $('bars').replaceChildren(...klass.bars.map((b) => {
      const box = document.createElement('div');
      box.className = 'lesson-bars';
      const title = document.createElement('div');
      title.className = 'bars-title';
      title.textContent = b.title;
      const most = Math.max(1, ...b.onStep);
      const row = document.createElement('div');
      row.className = 'bar-row';
      b.onStep.forEach((n, i) => {
        const col = document.createElement('div');
        col.className = 'bar';
        col.title = `step ${i + 1}: ${n} learner${n === 1 ? '' : 's'}`;
        const fill = document.createElement('div');
        fill.className = 'bar-fill';
        fill.style.height = `${(n / most) * 100}%`;
        const label = document.createElement('div');
        label.className = 'bar-label';
        label.textContent = n ? `${i + 1}: ${n}` : String(i + 1);
        col.append(fill, label);
        row.append(col);
      });
      box.append(title, row);
      return box;
    }));
    if (!klass.bars.length) $('bars').textContent = 'Nobody is in a lesson yet.';
  }

  function fillLessonSelects() {
    for (const id of ['pace-lesson', 'hold-lesson']) {
      const sel = $(id);
      if (sel.options.length) continue;
      for (const l of klass.lessons) {
        const o = document.createElement('option');
        o.value = l.id;
        o.textContent = l.title;
        sel.append(o);
      }
    }
    fillSteps();
  }

  function fillSteps() {
    const lesson = klass.lessons.find((l) => l.id === $('hold-lesson').value);
    if (!lesson || $('hold-step').dataset.lesson === lesson.id) return;
    $('hold-step').dataset.lesson = lesson.id;
    $('hold-step').replaceChildren(...lesson.steps.map((title, i) => {
      const o = document.createElement('option');
      o.value = String(i + 1);
      o.textContent = `${i + 1}. ${title}`;
      return o;
    }));
  }
  $('hold-lesson').addEventListener('change', fillSteps);

  function renderHold() {
    const h = klass.hold;
    $('release').disabled = !h;
    $('hold-state').textContent = h ? `held at step ${h.step} of ${h.lessonId}` : 'not held';
  }

  function watch(seat) {
    watching = seat;
    if (!term) {
      term = new Terminal({ disableStdin: true, fontSize: 13, lineHeight: 1.15, cols: 100, rows: 24, scrollback: 2000, fontFamily: '"DejaVu Sans Mono", monospace', theme: { background: '#0f172a', foreground: '#e2e8f0' } });
      term.open($('shadow-term'));
    }
    term.reset();
    $('shadow').hidden = false;
    send({ t: 'shadow', seat });
    renderRows();
  }
  $('shadow-close').addEventListener('click', () => { send({ t: 'unshadow' }); watching = undefined; $('shadow').hidden = true; renderRows(); });

  document.querySelectorAll('th[data-key]').forEach((th) => th.addEventListener('click', () => {
    const key = th.dataset.key;
    sortDir = key === sortKey ? -sortDir : 1;
    sortKey = key;
    renderRows();
  }));

  $('broadcast-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('broadcast-text').value.trim();
    if (!text) return;
    send({ t: 'broadcast', text });
    $('broadcast-text').value = '';
  });
  $('pace-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = $('pace-lesson').value;
    if (confirm('Move every learner to this lesson? Their labs start afresh for it; progress is kept.')) send({ t: 'pace', lessonId: id });
  });
  $('hold-form').addEventListener('submit', (e) => {
    e.preventDefault();
    send({ t: 'hold', lessonId: $('hold-lesson').value, step: Number($('hold-step').value), message: 'wait for the class here' });
  });
  $('release').addEventListener('click', () => send({ t: 'release' }));

  function onMessage(m) {
    switch (m.t) {
      case 'class':
        klass = m;
        $('code').textContent = m.code;
        const online = m.rows.filter((r) => r.online).length;
        $('summary').textContent = `${m.rows.length} of ${m.seats} seats taken, ${online} online · learners join at ${location.origin}/join/${m.code}`;
        fillLessonSelects();
        renderHold();
        renderBars();
        renderRows();
        return;
      case 'shadow': {
        $('shadow-name').textContent = `${m.name} (seat ${m.seat})`;
        $('shadow-topology').innerHTML = m.svg || ''; // drawn on the server, every text escaped
        $('shadow-recent').replaceChildren(...m.recent.map((c) => {
          const li = document.createElement('li');
          const line = document.createElement('code');
          line.textContent = c.line || '(a line)';
          const what = document.createElement('div');
          what.className = c.failing.length ? 'dim' : 'good';
          what.textContent = c.failing.length ? `${c.passed}/${c.of} checks; still failing: ${c.failing.join('; ')}` : `${c.passed}/${c.of} checks: all pass`;
          li.append(line, what);
          return li;
        }));
        return;
      }
      case 'done': notice(m.text, 'good'); return;
      case 'error': notice(m.text, 'bad'); return;
    }
  }

  let retry = 0;
  function connect() {
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/i/${token}`);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      retry = 0;
      $('conn').dataset.state = 'online';
      $('conn').textContent = 'live';
      if (watching) watch(watching);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') { if (term) term.write(new Uint8Array(ev.data)); return; }
      onMessage(JSON.parse(ev.data));
    };
    ws.onclose = () => {
      $('conn').dataset.state = 'offline';
      $('conn').textContent = 'reconnecting…';
      retry++;
      setTimeout(connect, Math.min(10000, 500 * 2 ** Math.min(retry, 5)) * (0.5 + Math.random()));
    };
  }
  connect();
})();
