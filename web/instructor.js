// The instructor's view of the class: who is where, refreshed every two seconds. Every
// value is put in the page as text (learners choose their own names).
'use strict';
(function () {
  const token = location.pathname.split('/')[2];
  const cell = (text, cls) => { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; return td; };
  async function refresh() {
    try {
      const r = await fetch(`/api/i/${token}/class`, { cache: 'no-store' });
      if (!r.ok) throw new Error(String(r.status));
      const c = await r.json();
      document.getElementById('code').textContent = c.code;
      const online = c.learners.filter((l) => l.online).length;
      document.getElementById('summary').textContent = `${c.learners.length} of ${c.seats} seats taken, ${online} online. Learners join at ${location.origin}/join/${c.code}`;
      document.getElementById('rows').replaceChildren(...c.learners.map((l) => {
        const tr = document.createElement('tr');
        if (!l.online) tr.className = 'offline';
        tr.append(cell(String(l.seat)), cell(l.name), cell(l.lesson), cell(l.step ? `${l.step}/${l.steps}` : '–'),
          cell(l.checks ? `${l.checksPassed}/${l.checks}` : '–'), cell(String(l.hints)),
          cell(l.lastError ? `${l.lastError.line} — ${l.lastError.explanation}` : ''), cell(l.online ? l.lab : `${l.lab} (away)`));
        return tr;
      }));
    } catch (e) {
      document.getElementById('summary').textContent = `cannot reach the server (${e.message}); retrying…`;
    }
  }
  refresh();
  setInterval(refresh, 2000);
})();
