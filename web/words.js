// The page's words in its language, for both nslab pages: a dictionary per language,
// w(key, ...args) for one of its words, and apply(lang), which sets the page's lang, the
// language switch (#lang) and every [data-w] element. What else on a page depends on the
// language, the page redraws after apply.
'use strict';
window.nslabWords = function (words, first) {
  let lang = words[first] ? first : 'en';
  const w = (key, ...args) => { const v = words[lang][key]; return typeof v === 'function' ? v(...args) : v; };
  return {
    w,
    get lang() { return lang; },
    apply(next) {
      lang = words[next] ? next : 'en';
      document.documentElement.lang = lang;
      document.getElementById('lang').value = lang;
      document.querySelectorAll('[data-w]').forEach((el) => { el.textContent = w(el.dataset.w); });
    },
  };
};
