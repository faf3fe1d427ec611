/**
 * The review page's inline style and script. The script only filters and
 * expands what the page already holds (the page reads fine without it); it
 * loads nothing, and the page's content security policy allows nothing to
 * be loaded.
 */

export const PAGE_CSS = `
:root{color-scheme:light;--fg:#1d2329;--muted:#55606b;--line:#d9dee3;--high:#a0271b;--high-bg:#fdecea;--medium:#7a4b00;--medium-bg:#fff4dc;--low:#1e6b34;--low-bg:#e6f4ea;--focus:#1a5fb4}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--fg);background:#fff}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}.skip:focus{left:1rem}
header,main,footer{padding:0 1.5rem}header{border-bottom:1px solid var(--line);padding-top:1rem;padding-bottom:.75rem}
.layout{display:grid;grid-template-columns:minmax(14rem,18rem) 1fr;gap:1.5rem}
nav{border-right:1px solid var(--line);padding:1rem 1rem 2rem 1.5rem;position:sticky;top:0;max-height:100vh;overflow:auto}
nav ul{list-style:none;padding:0;margin:.25rem 0 1rem}nav li{margin:.15rem 0}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.75rem 0 .5rem}h3{font-size:1.05rem;margin:1.25rem 0 .4rem}h4{font-size:.95rem;margin:1rem 0 .3rem}
.meta{color:var(--muted);margin:.2rem 0}
a{color:var(--focus)}:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8;font-weight:600}caption{text-align:left;font-weight:600;padding:.25rem 0}
.badge{display:inline-block;font-weight:700;text-transform:uppercase;font-size:.72rem;letter-spacing:.03em;padding:.05rem .4rem;border-radius:4px;border:1px solid currentColor;min-width:4.2rem;text-align:center}
.badge.high{color:var(--high);background:var(--high-bg)}.badge.medium{color:var(--medium);background:var(--medium-bg)}.badge.low{color:var(--low);background:var(--low-bg)}
.gate{padding:.6rem 1rem;border-radius:6px;margin:.5rem 0}.gate.passed{background:var(--low-bg);border:1px solid #9bd3ab}.gate.failed{background:var(--high-bg);border:1px solid #f2a7a0}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:end;padding:.75rem;border:1px solid var(--line);border-radius:6px;background:#fafbfc}
form.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:.75rem;align-items:center}form.filters legend{font-weight:600;padding:0;margin-right:.5rem;float:left}
input[type=search]{font:inherit;padding:.3rem .5rem;min-width:18rem;border:1px solid #8a949e;border-radius:4px}
button{font:inherit;padding:.3rem .8rem;border:1px solid #8a949e;border-radius:4px;background:#fff;cursor:pointer}
ul.changes{list-style:none;padding:0;margin:0}
li.change{border:1px solid var(--line);border-radius:6px;margin:.35rem 0;content-visibility:auto;contain-intrinsic-size:auto 2.6rem}
li.change>details>summary{padding:.4rem .6rem;cursor:pointer;display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
li.change>details[open]>summary{border-bottom:1px solid var(--line);background:#fafbfc}
.detail{padding:.5rem .9rem}.detail dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.25rem 0 .75rem}.detail dt{font-weight:600}.detail dd{margin:0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}pre{white-space:pre-wrap;word-break:break-word;margin:0}
.summary-text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;word-break:break-all}
.where{color:var(--muted);font-size:.9em}
.widened{color:var(--high);font-weight:600}.narrowed{color:var(--medium);font-weight:600}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
@media (max-width:50rem){.layout{display:block}nav{position:static;border-right:0;max-height:none}}
`;

/**
 * Filtering by text and risk, and expanding or collapsing every shown change.
 * Groups and risk sections whose changes are all filtered out are hidden, and
 * the status line (a polite live region) says how many changes show.
 */
export const PAGE_SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var input = document.getElementById('filter-text');
  var status = document.getElementById('filter-status');
  var items = Array.prototype.slice.call(document.querySelectorAll('li.change'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  var risks = Array.prototype.slice.call(document.querySelectorAll('section.risk'));
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=risk]'));
  function apply() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var allowed = {};
    boxes.forEach(function (b) { allowed[b.value] = b.checked; });
    var shown = 0;
    items.forEach(function (li) {
      var text = li.getAttribute('data-text');
      var ok = allowed[li.getAttribute('data-risk')] && words.every(function (w) { return text.indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('li.change:not([hidden])'); });
    risks.forEach(function (r) { r.hidden = !r.querySelector('li.change:not([hidden])'); });
    status.textContent = 'Showing ' + shown + ' of ' + items.length + ' changes.';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  function setOpen(open) {
    items.forEach(function (li) { if (!li.hidden) li.querySelector('details').open = open; });
  }
  document.getElementById('expand-all').addEventListener('click', function () { setOpen(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { setOpen(false); });
}());
`;
