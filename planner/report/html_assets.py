"""The HTML report's inline style and script (no network: everything ships inside the page)."""

from __future__ import annotations

GOAL_COLOURS = {"acquire": "#2563eb", "retain": "#7c3aed", "engage": "#d97706", "convert": "#059669"}
STAGE_COLOURS = {"script": "#60a5fa", "plan": "#a78bfa", "shoot": "#f87171", "edit": "#34d399",
                 "review": "#fbbf24", "prep": "#f472b6", "live": "#dc2626", "adapt": "#2dd4bf"}

# Nothing may load from elsewhere: styles and scripts are inline, images are data: URIs.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bad: #dc2626; --warn: #d97706; --good: #059669; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       color: var(--ink); margin: 0; padding: 24px; background: #f9fafb; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.meta { color: var(--muted); }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #eef2ff; margin-right: 6px; }
.pill.bad { background: #fee2e2; color: var(--bad); } .pill.good { background: #dcfce7; color: var(--good); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.cal { table-layout: fixed; }
.cal td { width: 14.28%; height: 64px; border: 1px solid var(--line); }
.cal .day { color: var(--muted); font-size: 11px; }
.cal td.outside { background: #f3f4f6; }
.post { border-left: 4px solid #999; background: #f8fafc; margin: 2px 0; padding: 1px 4px; font-size: 12px;
        border-radius: 3px; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.post.hl { outline: 2px solid #111; }
.g-acquire { border-color: #2563eb; } .g-retain { border-color: #7c3aed; }
.g-engage { border-color: #d97706; } .g-convert { border-color: #059669; }
.badge { background: #fee2e2; color: var(--bad); border-radius: 6px; padding: 0 4px; font-size: 10px; margin-left: 3px; }
.added { background: #dcfce7; } .moved { background: #fef3c7; }
.dropped { text-decoration: line-through; opacity: .55; background: #fee2e2; }
.diff { background: #fef3c7; font-weight: 600; }
.hard { color: var(--bad); font-weight: 600; } .soft { color: var(--warn); }
.legend span { display: inline-block; margin-right: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.side { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
svg text { font-size: 11px; fill: #374151; }
.share { display: flex; height: 14px; min-width: 160px; border-radius: 3px; overflow: hidden; }
.share div { height: 100%; }
"""

# Clicking a post highlights every post of the same topic. The page marks itself once the
# script has run (data-js), so a test can tell a page whose script ran from one whose failed.
JS = """
(function () {
  var posts = document.querySelectorAll('.post[data-topic]');
  posts.forEach(function (el) {
    el.addEventListener('click', function () {
      var topic = el.getAttribute('data-topic');
      posts.forEach(function (other) {
        other.classList.toggle('hl', other.getAttribute('data-topic') === topic);
      });
    });
  });
  document.body.setAttribute('data-js', 'ok');
})();
"""
