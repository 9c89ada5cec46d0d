import { createHash } from 'node:crypto';

/**
 * The one stylesheet of every status page: light by default, dark when the visitor's system says
 * so, one column on a phone. Colours meet WCAG AA contrast on their backgrounds; state is always
 * written in words as well, never carried by colour alone. Long or bidirectional names wrap and
 * stay isolated (`bdi`, `overflow-wrap`) instead of widening or reordering the page.
 */
const CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1a1d23;--muted:#525866;--line:#d5d9e0;--card:#f6f7f9;
--up:#0a7a3d;--warn:#8a5a00;--down:#b3261e;--none:#c4c9d2;--info:#1f5fbf;--focus:#1f5fbf}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#e8eaed;--muted:#a9afba;--line:#353a43;--card:#1b1e23;
--up:#4cc782;--warn:#e0b34c;--down:#ff8a80;--none:#4a505b;--info:#8ab4f8;--focus:#8ab4f8}}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;background:var(--bg);color:var(--fg)}
body{margin:0;overflow-wrap:anywhere}
a{color:var(--info)}
a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
bdi{unicode-bidi:isolate}
.skip{position:absolute;left:-9999px;top:0;background:var(--bg);padding:.5rem 1rem}
.skip:focus{left:1rem;top:1rem;z-index:1}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
header,main,footer{max-width:60rem;margin:0 auto;padding:1rem}
header{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;border-bottom:1px solid var(--line)}
header img{max-height:3rem;max-width:12rem;object-fit:contain}
h1{font-size:1.6rem;margin:.25rem 0;min-width:0}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0}
.description{color:var(--muted);white-space:pre-line;max-height:20rem;overflow:auto}
.overall{border-radius:.5rem;padding:1rem;font-weight:600;border:2px solid currentColor;margin:1rem 0}
.s-up,.s-operational{color:var(--up)}
.s-degraded,.s-maintenance,.s-partial_outage{color:var(--warn)}
.s-down,.s-major_outage{color:var(--down)}
.s-pending,.s-paused,.s-unknown{color:var(--muted)}
.group{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:.5rem}
.monitor{padding:1rem;border-top:1px solid var(--line)}
.monitor:first-child{border-top:0}
.monitor-head{display:flex;justify-content:space-between;gap:1rem;align-items:baseline;flex-wrap:wrap}
.monitor-head h3{min-width:0;flex:1 1 12rem;max-height:6rem;overflow:hidden}
.state{font-weight:600;white-space:nowrap}
.figures{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0 0;color:var(--muted);font-size:.9rem}
.figures div{display:flex;gap:.35rem}
.figures dt::after{content:":"}
.figures dd{margin:0;color:var(--fg)}
.history{margin:.75rem 0 0}
.bars{display:flex;gap:1px;list-style:none;margin:.75rem 0 .25rem;padding:0;height:2rem}
.bar{flex:1 1 0;min-width:1px;border-radius:1px;background:var(--none);position:relative}
.bar:hover>.sr{width:auto;height:auto;overflow:visible;clip:auto;clip-path:none;z-index:2;bottom:calc(100% + .25rem);left:0;
background:var(--fg);color:var(--bg);padding:.25rem .5rem;border-radius:.25rem;font-size:.8rem}
.bar:nth-child(n+46):hover>.sr{left:auto;right:0}
.bar-good{background:var(--up)}
.bar-warn-soft{background:var(--up);opacity:.7}
.bar-warn{background:var(--warn)}
.bar-bad{background:var(--down)}
.bars-caption{display:flex;flex-wrap:wrap;gap:.25rem .5rem;justify-content:space-between;color:var(--muted);font-size:.8rem}
.incident,.maintenance-item{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1rem;background:var(--card)}
.incident ol{list-style:none;padding:0;margin:.75rem 0 0}
.incident li{border-left:3px solid var(--line);padding:0 0 .75rem .75rem}
.update-status{font-weight:600;text-transform:capitalize}
.message{white-space:pre-line;margin:.25rem 0 0;max-height:30rem;overflow:auto}
.meta{color:var(--muted);font-size:.9rem}
footer{color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);margin-top:2rem}
@media (max-width:40rem){header,main,footer{padding:.75rem}.bars{height:1.5rem}h1{font-size:1.3rem}}
`.trim();

export interface Stylesheet {
  path: string;
  body: string;
}

const hash = createHash('sha256').update(CSS).digest('base64url').slice(0, 16);

/** Named by the hash of its content, so it is cached for good and a change is a new path. */
export const PAGE_STYLESHEET: Stylesheet = { path: `/status/assets/page-${hash}.css`, body: CSS };
