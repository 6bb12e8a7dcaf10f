// A short note in the corner of an nslab page (#notices), as text, gone after a while.
'use strict';
window.nslabNotice = function (text, kind, ms) {
  const el = document.createElement('div');
  el.className = `notice ${kind || ''}`;
  el.textContent = text;
  document.getElementById('notices').append(el);
  setTimeout(() => el.remove(), ms || 10000);
};
