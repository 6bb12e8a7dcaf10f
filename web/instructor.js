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

  // The page's words in English or Chinese: the browser's language at first, then the
  // instructor's choice in the header (kept in this browser). What the server sends (lesson
  // titles, the learners' errors) is shown as it comes.
  const WORDS = {
    en: {
      klass: 'class', live: 'live', reconnecting: 'reconnecting…', connecting: 'connecting…',
      broadcastPlaceholder: 'A message for every learner\'s page', sendAll: 'Send to all', everyoneTo: 'Everyone to ', moveClass: 'Move the class',
      holdAt: 'Hold at ', stepWord: ' step ', hold: 'Hold', release: 'Release', results: 'Results: ', whereClass: 'Where the class is',
      colLearner: 'learner', colLesson: 'lesson', colStep: 'step', colChecks: 'checks', colOnStep: 'on step', colHints: 'hints', colLastError: 'last error', colStatus: 'status',
      watching: 'Watching ', readOnly: ' (read-only)', stopWatching: 'Stop watching', lastChecks: 'Last lines\' checks',
      minutes: (ms) => (ms < 60000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60000)} min`),
      stuck: (why) => `Looks stuck: ${why}`, clickToWatch: 'Click to watch this learner\'s terminal',
      online: 'online', away: 'away', learnersOnStep: (i, n) => `step ${i}: ${n} learner${n === 1 ? '' : 's'}`, nobody: 'Nobody is in a lesson yet.',
      heldAt: (step, lesson) => `held at step ${step} of ${lesson}`, notHeld: 'not held',
      confirmPace: 'Move every learner to this lesson? Their labs start afresh for it; progress is kept.', holdMessage: 'wait for the class here',
      summary: (taken, seats, online, url) => `${taken} of ${seats} seats taken, ${online} online · learners join at ${url}`,
      seatOf: (name, seat) => `${name} (seat ${seat})`, aLine: '(a line)',
      stillFailing: (passed, of, failing) => `${passed}/${of} checks; still failing: ${failing}`, allPass: (passed, of) => `${passed}/${of} checks: all pass`,
    },
    'zh-CN': {
      klass: '班级', live: '实时', reconnecting: '重新连接中…', connecting: '连接中…',
      broadcastPlaceholder: '发给每位学员页面的一条消息', sendAll: '发送给所有人', everyoneTo: '全班转到 ', moveClass: '让全班转过去',
      holdAt: '停在 ', stepWord: ' 的 ', hold: '停住', release: '放行', results: '结果：', whereClass: '全班进度',
      colLearner: '学员', colLesson: '课程', colStep: '步骤', colChecks: '检查', colOnStep: '本步用时', colHints: '提示', colLastError: '最近的错误', colStatus: '状态',
      watching: '正在查看 ', readOnly: '（只读）', stopWatching: '停止查看', lastChecks: '最近几行的检查结果',
      minutes: (ms) => (ms < 60000 ? `${Math.round(ms / 1000)} 秒` : `${Math.floor(ms / 60000)} 分钟`),
      stuck: (why) => `好像卡住了：${why}`, clickToWatch: '点击查看这位学员的终端',
      online: '在线', away: '离开', learnersOnStep: (i, n) => `第 ${i} 步：${n} 位学员`, nobody: '还没有人开始课程。',
      heldAt: (step, lesson) => `停在 ${lesson} 的第 ${step} 步`, notHeld: '未停住',
      confirmPace: '让每位学员都转到这门课？他们的实验环境会重新开始；进度会保留。', holdMessage: '在这里等全班',
      summary: (taken, seats, online, url) => `已占 ${taken}/${seats} 个座位，${online} 人在线 · 学员从 ${url} 加入`,
      seatOf: (name, seat) => `${name}（座位 ${seat}）`, aLine: '（一行命令）',
      stillFailing: (passed, of, failing) => `${passed}/${of} 项检查通过；仍未通过：${failing}`, allPass: (passed, of) => `${passed}/${of} 项检查：全部通过`,
    },
  };
  const stored = (() => { try { return localStorage.getItem('nslab-lang'); } catch { return null; } })();
  const fromBrowser = (navigator.languages || [navigator.language]).some((l) => /^zh(-cn|-hans|-sg)?$/i.test(l) || /^zh-hans/i.test(l)) ? 'zh-CN' : 'en';
  const words = window.nslabWords(WORDS, WORDS[stored] ? stored : fromBrowser);
  const w = words.w;
  function applyLang(next) {
    words.apply(next);
    $('broadcast-text').placeholder = w('broadcastPlaceholder');
    const conn = $('conn');
    conn.textContent = w({ online: 'live', offline: 'reconnecting' }[conn.dataset.state] || 'connecting');
    if (klass) onMessage(klass);
  }
  $('lang').addEventListener('change', () => {
    try { localStorage.setItem('nslab-lang', $('lang').value); } catch { /* private mode: for this page only */ }
    applyLang($('lang').value);
    sayLang();
  });

  $('export-csv').href = `/api/i/${token}/results.csv`;
  $('export-json').href = `/api/i/${token}/results.json`;

  const notice = (text, kind) => window.nslabNotice(text, kind, 8000);

  const minutes = (ms) => w('minutes', ms);
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
      tr.title = r.stuck ? w('stuck', r.stuck) : w('clickToWatch');
      tr.append(
        cell(String(r.seat)), cell(r.name + (r.stuck ? ' ⚠' : '')), cell(r.lessonTitle),
        cell(r.step ? `${r.step}/${r.steps} ${r.stepTitle}` : '–'),
        cell(r.checks ? `${r.checksPassed}/${r.checks}` : '–', r.checks && r.checksPassed === r.checks ? 'good' : ''),
        cell(r.step ? minutes(r.onStep) : '–'), cell(String(r.hints)),
        cell(r.lastError ? `${r.lastError.line} — ${r.lastError.explanation}` : '', 'error-cell'),
        cell(r.online ? (r.lab === 'running' ? w('online') : r.lab) : w('away')),
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
        col.title = w('learnersOnStep', i + 1, n);
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
    if (!klass.bars.length) $('bars').textContent = w('nobody');
  }

  function fillLessonSelects() {
    for (const id of ['pace-lesson', 'hold-lesson']) {
      const sel = $(id);
      // Made once (a choice in progress stays chosen); the titles follow the page's language.
      if (!sel.options.length) {
        for (const l of klass.lessons) {
          const o = document.createElement('option');
          o.value = l.id;
          sel.append(o);
        }
      }
      for (const o of sel.options) o.textContent = klass.lessons.find((l) => l.id === o.value)?.title ?? o.value;
    }
    fillSteps();
  }

  function fillSteps() {
    const lesson = klass.lessons.find((l) => l.id === $('hold-lesson').value);
    if (!lesson) return;
    const sel = $('hold-step');
    // Made again for another lesson; for the same one, only the titles follow the language.
    if (sel.dataset.lesson !== lesson.id) {
      sel.dataset.lesson = lesson.id;
      sel.replaceChildren(...lesson.steps.map((_, i) => {
        const o = document.createElement('option');
        o.value = String(i + 1);
        return o;
      }));
    }
    lesson.steps.forEach((title, i) => { sel.options[i].textContent = `${i + 1}. ${title}`; });
  }
  $('hold-lesson').addEventListener('change', fillSteps);

  function renderHold() {
    const h = klass.hold;
    $('release').disabled = !h;
    $('hold-state').textContent = h ? w('heldAt', h.step, h.lessonId) : w('notHeld');
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
    if (confirm(w('confirmPace'))) send({ t: 'pace', lessonId: id });
  });
  $('hold-form').addEventListener('submit', (e) => {
    e.preventDefault();
    send({ t: 'hold', lessonId: $('hold-lesson').value, step: Number($('hold-step').value), message: w('holdMessage') });
  });
  $('release').addEventListener('click', () => send({ t: 'release' }));

  function onMessage(m) {
    switch (m.t) {
      case 'class':
        klass = m;
        $('code').textContent = m.code;
        const online = m.rows.filter((r) => r.online).length;
        $('summary').textContent = w('summary', m.rows.length, m.seats, online, `${location.origin}/join/${m.code}`);
        fillLessonSelects();
        renderHold();
        renderBars();
        renderRows();
        return;
      case 'shadow': {
        $('shadow-name').textContent = w('seatOf', m.name, m.seat);
        $('shadow-topology').innerHTML = m.svg || ''; // drawn on the server, every text escaped
        $('shadow-recent').replaceChildren(...m.recent.map((c) => {
          const li = document.createElement('li');
          const line = document.createElement('code');
          line.textContent = c.line || w('aLine');
          const what = document.createElement('div');
          what.className = c.failing.length ? 'dim' : 'good';
          what.textContent = c.failing.length ? w('stillFailing', c.passed, c.of, c.failing.join('; ')) : w('allPass', c.passed, c.of);
          li.append(line, what);
          return li;
        }));
        return;
      }
      case 'done': notice(m.text, 'good'); return;
      case 'error': notice(m.text, 'bad'); return;
    }
  }

  // The server words its replies and the lessons' titles in the page's language.
  function sayLang() {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'lang', lang: words.lang }));
  }

  let retry = 0;
  function connect() {
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/i/${token}`);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      retry = 0;
      $('conn').dataset.state = 'online';
      $('conn').textContent = w('live');
      sayLang();
      if (watching) watch(watching);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') { if (term) term.write(new Uint8Array(ev.data)); return; }
      onMessage(JSON.parse(ev.data));
    };
    ws.onclose = () => {
      $('conn').dataset.state = 'offline';
      $('conn').textContent = w('reconnecting');
      retry++;
      setTimeout(connect, Math.min(10000, 500 * 2 ** Math.min(retry, 5)) * (0.5 + Math.random()));
    };
  }
  applyLang(words.lang);
  connect();
})();
