// Hexaglot pages: progressive enhancement only. Every page works without
// this file; it adds search-as-you-type suggestions, copy buttons and Escape for
// the check page's term tooltips.
(function () {
  'use strict';
  var body = document.body;

  function announce(text) {
    var live = document.getElementById('live');
    if (!live) return;
    live.textContent = '';
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  // Copy buttons: hidden in the markup, shown when they can work.
  Array.prototype.forEach.call(document.querySelectorAll('button.copy[data-copy]'), function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var text = b.getAttribute('data-copy');
      var label = b.querySelector('.copy-text');
      function done() {
        var old = label.textContent;
        b.classList.add('copied');
        label.textContent = body.getAttribute('data-copied');
        announce(body.getAttribute('data-copied'));
        window.setTimeout(function () { label.textContent = old; b.classList.remove('copied'); }, 1500);
      }
      function fallback() {
        try {
          var ta = document.createElement('textarea');
          ta.value = text;
          ta.setAttribute('readonly', '');
          ta.className = 'visually-hidden';
          document.body.appendChild(ta);
          ta.select();
          var ok = document.execCommand('copy');
          document.body.removeChild(ta);
          if (ok) { done(); } else { announce(body.getAttribute('data-copy-failed')); }
        } catch (e) {
          announce(body.getAttribute('data-copy-failed'));
        }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  // Term tooltips of the check page (shown by CSS on hover and focus): Escape hides the
  // one shown until the pointer or the focus leaves its term (WCAG 1.4.13, dismissible).
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    Array.prototype.forEach.call(document.querySelectorAll('.term-wrap:hover, .term-wrap:focus-within'), function (w) {
      w.classList.add('tip-dismissed');
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.term-wrap'), function (w) {
    function reset() { w.classList.remove('tip-dismissed'); }
    w.addEventListener('mouseleave', reset);
    w.addEventListener('focusout', reset);
  });

  // Suggestions while typing (ARIA 1.2 combobox with a listbox popup).
  var input = document.getElementById('q');
  var list = document.getElementById('suggest-list');
  if (!input || !list) return;
  var langSelect = document.getElementById('lang');
  var items = [];
  var active = -1;
  var timer = null;
  var seq = 0;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    var options = list.querySelectorAll('[role=option]');
    Array.prototype.forEach.call(options, function (o, j) { o.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(i) {
    var s = items[i];
    if (!s) return;
    close();
    window.location.href = '/concepts/' + encodeURIComponent(s.id);
  }

  function render(suggestions) {
    list.textContent = '';
    items = suggestions;
    suggestions.forEach(function (s, i) {
      var li = document.createElement('li');
      li.id = 'suggestion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var text = document.createElement('span');
      text.className = 's-text';
      text.textContent = s.text;
      text.lang = s.lang === 'zh' ? 'zh-Hans' : s.lang;
      text.dir = s.lang === 'ar' ? 'rtl' : 'ltr';
      var lang = document.createElement('span');
      lang.className = 's-lang';
      lang.textContent = s.lang;
      li.appendChild(text);
      li.appendChild(lang);
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    if (suggestions.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    } else {
      close();
    }
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    var q = input.value.trim();
    // One Chinese character is already a useful prefix; other scripts need two.
    if (q.length < 2 && !/[\u3400-\u9fff]/.test(q)) { close(); return; }
    timer = window.setTimeout(function () {
      var mine = ++seq;
      var url = '/api/v1/suggest?limit=8&q=' + encodeURIComponent(q);
      if (langSelect && langSelect.value) url += '&lang=' + encodeURIComponent(langSelect.value);
      fetch(url, { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (d) { if (mine === seq) render(d.suggestions || []); })
        .catch(close);
    }, 150);
  });

  input.addEventListener('keydown', function (e) {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight(Math.min(active + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(Math.max(active - 1, -1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  input.addEventListener('blur', function () { window.setTimeout(close, 150); });
})();
