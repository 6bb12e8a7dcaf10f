// The page's words in its language, for both nslab pages: a dictionary per language,
// w(key, ...args) for one of its words, and apply(lang), which sets the page's lang, the
// language switch (#lang), every [data-w] element's text and every [data-w-label]'s
// aria-label. What else on a page depends on the
// language, the page redraws after apply.
'use strict';
window.nslabWords = function (words, first) {
  // Kept where the browser tests can read them, to hold every language to the same keys.
  window.nslabWords.dictionaries.push(words);
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
      document.querySelectorAll('[data-w-label]').forEach((el) => { el.setAttribute('aria-label', w(el.dataset.wLabel)); });
    },
  };
};
window.nslabWords.dictionaries = [];
