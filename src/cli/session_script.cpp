// The session's script and style sheet (see session_assets.h).
#include "session_assets.h"

namespace fairdraw::cli {

std::string_view session_script() {
    return R"JS('use strict';
// Renders /api/state into the page; on the operator page also sends the
// operator's actions with the token from the page's address.
const page = document.body.dataset.page;
const token = new URLSearchParams(location.search).get('token') || '';
let shownVersion = -1;
let state = null;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function label(zh, en) {
  const s = el('span', 'label', zh + ' ');
  s.appendChild(el('span', 'en', en));
  return s;
}
function row(dl, zh, en, value, id) {
  const dt = el('dt'); dt.appendChild(label(zh, en));
  const dd = el('dd', 'mono', value);
  if (id) dd.id = id;
  dl.append(dt, dd);
}
function section(parent, id, zh, en) {
  const s = el('section'); s.id = id;
  const h = el('h2'); h.appendChild(label(zh, en));
  s.appendChild(h); parent.appendChild(s);
  return s;
}
const KIND = {numbers: '开奖号码 numbers', witness: '见证人 witness', secret: '操作员密钥 secret',
              text: '文本 text', hex: '十六进制 hex'};
const PHASE = {collecting: '录入随机源数值 Entering the values', drawn: '已抽取 Drawn',
               impossible: '无法抽取（已记录） No draw possible (recorded)'};

function render(s) {
  const view = document.getElementById('view');
  const a = s.announcement;
  const d = s.draw || null;
  let phase = PHASE[s.phase] || s.phase;
  if (d && d.total !== undefined) phase += ' · ' + d.revealed + ' / ' + d.total;
  const line = document.getElementById('phase-line');
  line.textContent = phase; line.dataset.phase = s.phase;
  const root = el('div');

  const task = section(root, 'task', '抽查任务', 'Task');
  task.appendChild(el('p', 'title', a.title)).id = 'task-title';
  task.appendChild(el('p', '', a.department + ' · ' + a.window));
  const items = el('ul'); items.id = 'items';
  for (const i of a.items) items.appendChild(el('li', '', i.id + ' ' + i.name + '（' + i.category + '）'));
  task.appendChild(items);

  const frozen = section(root, 'frozen', '冻结的名录与公告', 'Frozen lists and announcement');
  const dl = el('dl');
  for (const [kind, zh] of [['enterprises', '企业名录'], ['inspectors', '执法人员名录'], ['conflicts', '回避关系']]) {
    const snap = a.snapshots[kind];
    if (snap) row(dl, zh, kind + ' (' + snap.rows + ')', snap.root, 'root-' + kind);
  }
  row(dl, '公告哈希', 'Announcement SHA-256', a.id, 'announcement-id');
  row(dl, '公告时间', 'Announced', a.announced + ' · 不早于 not before ' + a.not_before);
  frozen.appendChild(dl);
  const cp = el('pre', 'checkpoint', a.checkpoint); cp.id = 'announcement-checkpoint';
  frozen.appendChild(cp);

  const src = section(root, 'sources', '随机源', 'Randomness sources');
  const table = el('table');
  const head = el('tr');
  for (const h of ['名称 Name', '类型 Kind', '录入 As typed', '规范值 Canonical']) head.appendChild(el('th', '', h));
  table.appendChild(head);
  for (const v of s.sources) {
    const tr = el('tr', v.canonical !== null ? 'source confirmed' : 'source');
    tr.dataset.name = v.name;
    tr.appendChild(el('td', '', v.name));
    tr.appendChild(el('td', '', KIND[v.kind] || v.kind));
    const typed = v.typed !== null ? v.typed : (v.typing !== null ? v.typing : '—');
    tr.appendChild(el('td', 'mono typed' + (v.typed === null && v.typing !== null ? ' typing' : ''), typed));
    tr.appendChild(el('td', 'mono canonical', v.canonical !== null ? '✓ ' + v.canonical : ''));
    table.appendChild(tr);
  }
  src.appendChild(table);

  if (d && d.message !== undefined) {
    const imp = section(root, 'impossible', '无法抽取', 'No draw possible');
    imp.appendChild(el('p', '', d.message));
  }
  if (d && d.seed) {
    const seed = section(root, 'seed-section', '种子与抽取池', 'Seed and pool');
    const sdl = el('dl');
    row(sdl, '种子', 'Seed', d.seed, 'seed');
    row(sdl, '抽取池', 'Pool', d.pool, 'pool');
    for (const st of d.strata) row(sdl, '层 ' + st.name, 'stratum', st.pool + ' → ' + st.count);
    seed.appendChild(sdl);

    const res = section(root, 'result', '抽取结果', 'Result');
    const ol = el('ol'); ol.id = 'entities';
    for (const e of d.entities) {
      const li = el('li', 'entity'); li.dataset.code = e.code;
      li.appendChild(el('span', 'name', e.name));
      li.appendChild(el('span', 'code mono', e.code));
      li.appendChild(el('span', 'stratum', e.stratum + (e.region ? ' · ' + e.region : '')));
      const team = el('span', 'team');
      team.appendChild(label('检查组', 'Team'));
      team.appendChild(document.createTextNode(' ' + e.team.map(m => m.name + '（' + m.id + '）').join('、')));
      li.appendChild(team);
      ol.appendChild(li);
    }
    res.appendChild(ol);
    if (d.complete) {
      const fin = section(root, 'final', '结果与验证', 'Result hash and verification');
      const fdl = el('dl');
      row(fdl, '结果哈希', 'Result SHA-256', d.result_id, 'result-id');
      row(fdl, '日志条目', 'Log entry', d.log_index + ' · ' + d.time);
      fin.appendChild(fdl);
      const box = el('div', 'verify');
      const pre = el('pre', 'checkpoint', d.checkpoint); pre.id = 'draw-checkpoint';
      const img = el('img'); img.id = 'qr'; img.alt = 'QR: ' + d.verification;
      img.src = '/api/qr.svg?v=' + encodeURIComponent(d.result_id);
      box.append(img, pre);
      fin.appendChild(box);
      const vt = el('pre', 'verification', d.verification); vt.id = 'verification';
      fin.appendChild(vt);
    }
  }
  view.replaceChildren(root);
  // The wall follows the draw: the newest entity, then the verification data, stay in view.
  if (page === 'projector' && d && d.seed) {
    const last = document.getElementById('final') || [...document.querySelectorAll('.entity')].pop()
      || document.getElementById('seed-section');
    if (last) last.scrollIntoView({block: 'end'});
  }
  if (page === 'record') signatures(s);
  if (page === 'operator') controls(s);
}

function signatures(s) {
  const box = document.getElementById('signature-lines');
  const names = s.sources.map(v => [v.name, KIND[v.kind] || v.kind]);
  names.push(['监督人', 'Supervisor']);
  const lines = el('div');
  for (const [name, kind] of names) {
    const p = el('p', 'signature');
    p.appendChild(el('span', 'who', name + '（' + kind + '）'));
    p.appendChild(el('span', 'line', '签名 Signature'));
    p.appendChild(el('span', 'line short', '日期 Date'));
    lines.appendChild(p);
  }
  box.replaceChildren(lines);
}

let formBuilt = false;
function controls(s) {
  const form = document.getElementById('values');
  if (!formBuilt) {
    for (const v of s.sources) {
      const p = el('p', 'value-row');
      const id = 'value-' + s.sources.indexOf(v);
      const l = el('label', '', v.name + ' · ' + (KIND[v.kind] || v.kind)); l.htmlFor = id;
      const input = el('input'); input.id = id; input.dataset.source = v.name;
      input.type = v.kind === 'secret' ? 'password' : 'text';
      input.addEventListener('input', () => sendTyping(v.name, input.value));
      const b = el('button', 'confirm', '确认 Confirm'); b.type = 'button'; b.dataset.source = v.name;
      b.addEventListener('click', () => confirmValue(v.name, input));
      input.addEventListener('keydown', ev => { if (ev.key === 'Enter') { ev.preventDefault(); confirmValue(v.name, input); } });
      p.append(l, input, b);
      form.appendChild(p);
    }
    formBuilt = true;
  }
  const collecting = s.phase === 'collecting';
  for (const input of form.querySelectorAll('input, button')) input.disabled = !collecting;
  document.getElementById('draw').disabled = !collecting || s.sources.some(v => v.canonical === null);
  const d = s.draw || {};
  const more = d.total !== undefined && d.revealed < d.total;
  document.getElementById('reveal').disabled = !more;
  document.getElementById('reveal-all').disabled = !more;
}

function say(text, ok) {
  const m = document.getElementById('message');
  m.textContent = text; m.className = ok ? 'ok' : 'refused';
}
async function post(path, body) {
  const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Fairdraw-Token': token},
                               body: JSON.stringify(body || {})});
  let j = {};
  try { j = await r.json(); } catch (e) { j = {error: 'HTTP ' + r.status}; }
  return {ok: r.ok, status: r.status, body: j};
}
// What is typed goes to the projector one request at a time, latest text last,
// so that replies arriving out of order never leave an older text on the wall.
const typingQueue = new Map();
let typingBusy = false;
async function sendTyping(name, text) {
  typingQueue.set(name, text);
  if (typingBusy) return;
  typingBusy = true;
  while (typingQueue.size) {
    const [n, t] = typingQueue.entries().next().value;
    typingQueue.delete(n);
    try { await post('/api/typing', {source: n, text: t}); } catch (e) { /* shown again on the next key */ }
  }
  typingBusy = false;
}
function errorText(b) {
  return [b.error].concat(b.problems || []).concat(b.hint ? ['提示 hint: ' + b.hint] : []).join('\n');
}
async function confirmValue(name, input) {
  const r = await post('/api/value', {source: name, value: input.value});
  if (r.ok) say('已确认 Confirmed: ' + name + ' = ' + r.body.canonical, true);
  else say('拒绝 ' + errorText(r.body), false);
  await poll();
}
async function action(path, body, done) {
  const r = await post(path, body);
  if (r.ok) say(done, true); else say('拒绝 ' + errorText(r.body), false);
  await poll();
}
async function poll() {
  try {
    const r = await fetch('/api/state', {cache: 'no-store'});
    const s = await r.json();
    if (s.version !== shownVersion || JSON.stringify(s) !== JSON.stringify(state)) {
      state = s; shownVersion = s.version; render(s);
    }
  } catch (e) {
    document.getElementById('phase-line').textContent = '连接中断，重试中… Connection lost, retrying…';
  }
}
if (page === 'operator') {
  document.getElementById('draw').addEventListener('click', () => action('/api/draw', {}, '已抽取 Drawn'));
  document.getElementById('reveal').addEventListener('click', () => action('/api/reveal', {}, '已揭示 Revealed'));
  document.getElementById('reveal-all').addEventListener('click', () => action('/api/reveal', {all: true}, '已全部揭示 All revealed'));
}
if (page === 'record') document.getElementById('print').addEventListener('click', () => window.print());
poll();
setInterval(poll, 1000);
)JS";
}

std::string_view session_style() {
    return R"CSS(body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
       margin: 0 2rem; color: #111; background: #fff; line-height: 1.35; }
.en { color: #555; font-size: 0.8em; font-weight: normal; }
.mono, pre { font-family: "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
h1 { margin: 0.5em 0 0.2em; } h2 { margin: 0.8em 0 0.3em; border-bottom: 2px solid #c00; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; }
tr.confirmed td.canonical { color: #060; font-weight: bold; } td.typing { color: #a60; }
pre.checkpoint, pre.verification { background: #f4f4f4; padding: 0.4em; white-space: pre-wrap; margin: 0.3em 0; }
.phase { font-size: 1.3em; font-weight: bold; color: #c00; margin: 0; }
ol#entities li { margin: 0.3em 0; } .entity .name { font-weight: bold; margin-right: 0.6em; }
.entity .code, .entity .stratum { margin-right: 0.6em; color: #333; } .entity .team { display: block; }
.verify { display: flex; gap: 1.5em; align-items: flex-start; } #qr { width: 16rem; height: 16rem; image-rendering: pixelated; }
.projector { font-size: 1.6rem; } .projector h1 { font-size: 2.4rem; } .projector #qr { width: 22rem; height: 22rem; }
.projector ol#entities { font-size: 2rem; } .projector #seed, .projector #result-id { font-size: 1.4rem; }
.operator #controls { background: #fff8e6; padding: 0.5em 1em; border: 2px solid #e0b000; }
.value-row label { display: inline-block; min-width: 18em; } .value-row input { font-size: 1.2em; width: 22em; }
button, #record-link { font-size: 1.1em; margin-right: 0.8em; padding: 0.3em 0.8em; }
#message.refused { color: #b00; font-weight: bold; white-space: pre-wrap; } #message.ok { color: #060; }
.signature { display: flex; gap: 1em; margin: 1.4em 0; } .signature .who { min-width: 16em; }
.signature .line { flex: 1; border-bottom: 1px solid #000; color: #777; font-size: 0.8em; }
.signature .line.short { flex: 0 0 10em; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; font-size: 10pt; } .noprint { display: none; }
  h2 { break-after: avoid; } li.entity, .signature, .verify { break-inside: avoid; }
  #qr { width: 45mm; height: 45mm; }
}
)CSS";
}

}  // namespace fairdraw::cli
