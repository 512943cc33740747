"""The HTML report's inline style and script (no network: everything ships inside the page)."""

from __future__ import annotations

GOAL_COLOURS = {"acquire": "#2563eb", "retain": "#7c3aed", "engage": "#d97706", "convert": "#059669"}
STAGE_COLOURS = {"script": "#60a5fa", "plan": "#a78bfa", "shoot": "#f87171", "edit": "#34d399",
                 "review": "#fbbf24", "prep": "#f472b6", "live": "#dc2626", "adapt": "#2dd4bf", "reply": "#94a3b8"}

# Nothing may load from elsewhere: styles and scripts are inline, images are data: URIs.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bad: #dc2626; --warn: #d97706; --good: #059669; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       color: var(--ink); margin: 0; padding: 24px; background: #f9fafb; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; } h4 { font-size: 14px; margin: 12px 0 4px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0;
          min-width: 0; }
.meta { color: var(--muted); }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #eef2ff; margin: 0 6px 4px 0; }
.pill.bad { background: #fee2e2; color: var(--bad); } .pill.good { background: #dcfce7; color: var(--good); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f3f4f6; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll > table { width: auto; min-width: 100%; } .scroll td, .scroll th { overflow-wrap: normal; }
svg { max-width: 100%; height: auto; } .scroll svg { max-width: none; }
.cal { table-layout: fixed; }
.cal td { width: 14.28%; height: 64px; border: 1px solid var(--line); }
.cal .day { color: var(--muted); font-size: 11px; }
.cal td.outside { background: #f3f4f6; }
.post, .task { border-left: 4px solid #9ca3af; background: #f8fafc; margin: 3px 0; padding: 3px 5px; font-size: 12px;
               line-height: 1.35; border-radius: 4px; cursor: pointer; overflow-wrap: anywhere; }
.post:hover, .task:hover, .post:focus, .task:focus { background: #eef2ff; outline: none; }
.post.hl, .task.hl { box-shadow: 0 0 0 2px #111; }
.hm { font-size: 13px; font-variant-numeric: tabular-nums; } .pt { font-weight: 500; } .pw { color: #374151; }
.pw.none { color: var(--muted); }
.lab { display: inline-block; font-size: 11px; line-height: 1.3; padding: 0 4px; margin: 1px 3px 1px 0; border-radius: 4px;
       background: #fef3c7; color: #92400e; border: 1px solid #fcd34d; }
.lab.flag { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
.tk { font-size: 11px; color: var(--muted); white-space: nowrap; }
.tk.multi { color: #fff; border-radius: 4px; padding: 0 4px; font-weight: 600; }
.g-acquire { border-color: #2563eb; } .g-retain { border-color: #7c3aed; }
.g-engage { border-color: #d97706; } .g-convert { border-color: #059669; }
.s-script { border-color: #60a5fa; } .s-plan { border-color: #a78bfa; } .s-shoot { border-color: #f87171; }
.s-edit { border-color: #34d399; } .s-review { border-color: #fbbf24; } .s-prep { border-color: #f472b6; }
.s-live { border-color: #dc2626; } .s-adapt { border-color: #2dd4bf; } .s-reply { border-color: #94a3b8; }
.badge { background: #fee2e2; color: var(--bad); border-radius: 6px; padding: 0 4px; font-size: 10px; margin-left: 3px; }
.added { background: #dcfce7; } .moved { background: #fef3c7; }
.dropped { text-decoration: line-through; opacity: .55; background: #fee2e2; }
.diff { background: #fef3c7; font-weight: 600; }
.hard { color: var(--bad); font-weight: 600; } .soft { color: var(--warn); }
.legend span { display: inline-block; margin-right: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.swatch.outside { background: #fff; border: 1px dashed #111; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; } .charts > * { min-width: 0; max-width: 100%; }
.side { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(320px, 100%), 1fr)); gap: 12px; }
svg text { font-size: 11px; fill: #374151; }
.share { display: flex; height: 14px; min-width: 160px; border-radius: 3px; overflow: hidden; }
.share div { height: 100%; }
.controls { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 6px; }
button { font: inherit; padding: 3px 10px; border: 1px solid #d1d5db; border-radius: 6px; background: #fff;
         cursor: pointer; }
button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.board { display: grid; grid-template-columns: minmax(7em, 9em) repeat(7, minmax(0, 1fr)); margin: 4px 0 16px;
         border-top: 1px solid var(--line); border-left: 1px solid var(--line); }
.board > div { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 3px; min-width: 0; }
.board .hd { background: #f3f4f6; font-weight: 600; padding: 4px 6px; }
.board .rh { background: #fafafa; padding: 6px; } .board .rh b, .board .rh .meta { display: block; }
.board .rh .meta { font-size: 11px; }
.board .outside { background: #f3f4f6; }
.board .cell.off { background: #f3f4f6; } .board .cell.over { box-shadow: inset 0 0 0 2px var(--bad); }
.owner { display: none; }
body:not([data-view="member"]) .v-member, body[data-view="member"] .v-account { display: none; }
h3.week { margin-top: 14px; }
.panel { position: fixed; z-index: 10; top: 16px; right: 16px; bottom: 16px; width: min(460px, calc(100vw - 32px));
         overflow: auto; background: #fff; border-radius: 10px; padding: 12px 16px;
         box-shadow: 0 10px 40px rgba(0, 0, 0, .3); }
.panel[hidden] { display: none; }
.panel .close { float: right; width: 34px; height: 34px; padding: 0; font-size: 20px; border-radius: 50%;
                background: #f3f4f6; border: 0; }
.panel h3 { margin-top: 4px; } .panel tr.goal td { font-weight: 600; }
.agenda-m { border-top: 1px solid var(--line); padding-top: 4px; }
.agenda-m ul { margin: 2px 0 8px; padding-left: 18px; }
@media (max-width: 760px) {
  body { padding: 8px; } section { padding: 8px 10px; } h2 { margin-top: 16px; }
  .board { display: block; border: 0; }
  .board > div { border: 0; padding: 2px 0; }
  .board .corner, .board .rh, .board .hd.outside, .board .cell.empty, .board .cell.outside { display: none; }
  .board .hd { margin-top: 10px; border-radius: 4px; padding: 4px 8px; }
  .board .cell { border-bottom: 1px solid var(--line); padding: 4px 0; }
  .owner { display: block; font-size: 12px; font-weight: 600; color: var(--muted); }
  .post, .task { font-size: 13px; }
  .panel { top: auto; left: 0; right: 0; bottom: 0; width: auto; max-height: 80vh; border-radius: 12px 12px 0 0; }
}
@media print {
  body { background: #fff; padding: 0; } nav, .controls, .panel, button { display: none !important; }
  section { border: 0; padding: 0; }
  body.print-agenda > :not(#agenda) { display: none !important; }
  body.print-agenda .agenda-m { break-after: page; }
  .post, .task, .agenda-m li { break-inside: avoid; }
}
"""

# Tapping a post (or a task) marks every card of the same topic and opens the post's detail: its
# <template> copied into the one panel. The page marks itself once the script has run (data-js),
# so a test can tell a page whose script ran from one whose failed.
JS = """
(function () {
  var body = document.body;
  var panel = document.getElementById('panel');
  var inner = panel ? panel.querySelector('.panel-body') : null;
  var opener = null;
  function highlight(topic) {
    document.querySelectorAll('.post[data-topic], .task[data-topic]').forEach(function (el) {
      el.classList.toggle('hl', el.getAttribute('data-topic') === topic);
    });
  }
  function open(el) {
    var template = document.getElementById(el.getAttribute('data-pub'));
    if (!panel || !inner || !template) return;
    inner.replaceChildren(template.content.cloneNode(true));
    panel.hidden = false;
    opener = el;
    panel.querySelector('.close').focus();
  }
  function close() {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    if (opener) opener.focus();
  }
  document.addEventListener('click', function (ev) {
    var target = ev.target;
    if (!(target instanceof Element)) return;
    var card = target.closest('.post[data-topic], .task[data-topic]');
    if (card && !(panel && panel.contains(card))) {
      highlight(card.getAttribute('data-topic'));
      if (card.hasAttribute('data-pub')) open(card);
    }
    if (target.closest('.panel .close')) close();
    var view = target.closest('button[data-view]');
    if (view) {
      body.setAttribute('data-view', view.getAttribute('data-view'));
      document.querySelectorAll('button[data-view]').forEach(function (b) {
        b.setAttribute('aria-pressed', String(b === view));
      });
    }
    if (target.closest('button.print')) {
      body.classList.add('print-agenda');
      window.print();
    }
  });
  window.addEventListener('afterprint', function () { body.classList.remove('print-agenda'); });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') close();
    var target = ev.target;
    if ((ev.key === 'Enter' || ev.key === ' ') && target instanceof Element && target.matches('[data-pub]')) {
      ev.preventDefault();
      target.click();
    }
  });
  body.setAttribute('data-js', 'ok');
})();
"""
