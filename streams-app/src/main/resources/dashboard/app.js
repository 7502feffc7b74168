// massbalance dashboard: plain JavaScript, reads only the public /api/v1 endpoints of the instance
// that serves it. Every value from data is set as text (textContent, text nodes), never as HTML.
'use strict';

const TOKEN_KEY = 'massbalance.token';
const PAGE = 100;
const POLL_MS = 2000;
let poller = null;

// ---- DOM helpers: text only -----------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function show(view) {
  const main = document.getElementById('view');
  main.replaceChildren(view);
}

function message(text) {
  const m = document.getElementById('message');
  m.textContent = text || '';
  m.hidden = !text;
}

function table(headers, rows, numeric) {
  const num = new Set(numeric || []);
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: num.has(h) ? 'num' : null }, h)))),
    el('tbody', {}, rows));
}

function cell(value, numeric) {
  return el('td', { class: numeric ? 'num' : null }, value === null || value === undefined ? '' : value);
}

// ---- the API, with the token asked once and kept for the tab ---------------------------------

class AuthError extends Error {}

async function api(path) {
  const response = await request(path, 'application/json');
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const why = body && body.error ? body.error : response.statusText;
    const err = new Error(why);
    err.status = response.status;
    throw err;
  }
  return body;
}

// A document of the API that is not JSON (a label's SVG), as text.
async function apiText(path, accept) {
  const response = await request(path, accept);
  if (!response.ok) {
    let why = response.statusText;
    try {
      why = (await response.json()).error || why;
    } catch (e) {
      // not JSON
    }
    throw new Error(why);
  }
  return response.text();
}

async function request(path, accept) {
  const headers = { Accept: accept };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch(path, { headers });
  } catch (e) {
    throw new Error('The engine cannot be reached (' + e.message + ').');
  }
  if (response.status === 401) {
    askToken(token ? 'The token was refused: enter the right one.' : null);
    throw new AuthError('token needed');
  }
  return response;
}

function askToken(reason) {
  const form = document.getElementById('token-form');
  form.hidden = false;
  message(reason);
  document.getElementById('token-input').focus();
}

function setupToken() {
  const form = document.getElementById('token-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token-input').value);
    form.hidden = true;
    message(null);
    route();
  });
}

async function guarded(render) {
  try {
    await render();
  } catch (e) {
    if (!(e instanceof AuthError)) message(e.message);
  }
}

// ---- pages ------------------------------------------------------------------------------------

async function overview(offset) {
  const page = await api('/api/v1/balances?limit=' + PAGE + '&offset=' + offset);
  message(page.complete ? null : 'Some instances did not answer: the list may be incomplete.');
  const rows = page.balances.map((b) => {
    const oversold = Number(b.book_balance) < 0;
    const status = oversold ? 'OVERSOLD' : b.count_status;
    return el('tr', { 'data-key': b.site_id + '|' + b.product_id },
      cell(b.site_id),
      el('td', {}, el('a', { href: '#/product/' + encodeURIComponent(b.site_id) + '/' + encodeURIComponent(b.product_id) }, b.product_id)),
      cell(b.book_balance + ' ' + b.unit, true),
      cell(b.last_count === undefined ? '' : b.last_count + ' ' + b.unit, true),
      cell(b.book_at_last_count === undefined ? '' : b.book_at_last_count + ' ' + b.unit, true),
      el('td', {}, el('span', { class: 'status ' + status }, status.replace('_', ' ').toLowerCase())),
      el('td', { class: 'num' }, alertsLink(b)));
  });
  const pager = el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: offset === 0 ? 'disabled' : null, on: { click: () => guarded(() => overview(Math.max(0, offset - PAGE))) } }, 'Previous'),
    el('span', {}, (page.total === 0 ? 0 : offset + 1) + '–' + Math.min(offset + PAGE, page.total) + ' of ' + page.total),
    el('button', { type: 'button', disabled: offset + PAGE >= page.total ? 'disabled' : null, on: { click: () => guarded(() => overview(offset + PAGE)) } }, 'Next'));
  show(el('section', { 'aria-labelledby': 'overview-title' },
    el('h2', { id: 'overview-title' }, 'Book by site and product'),
    table(['site', 'product', 'book balance', 'last count', 'book at count', 'status', 'recent alerts'], rows, ['book balance', 'last count', 'book at count', 'recent alerts']),
    pager));
}

// The recent CRITICAL and WARNING alerts of a book, linked to the alerts page filtered to it.
function alertsLink(b) {
  const n = Number(b.recent_alerts || 0);
  if (n === 0) return '0';
  const label = n + (b.recent_critical ? ' (' + b.recent_critical + ' critical)' : '');
  return el('a', { href: '#/alerts?' + new URLSearchParams({ site: b.site_id, product: b.product_id }).toString() }, label);
}

const alertFilters = { site: '', product: '', type: '', severity: '' };

// The filters come from the address (#/alerts?site=...&product=...): the nav link shows them all.
async function alerts(params) {
  for (const f of ['site', 'product', 'type', 'severity']) {
    alertFilters[f] = (params && params.get(f)) || '';
  }
  const form = el('form', { class: 'filters', on: { submit: (e) => e.preventDefault() } },
    ['site', 'product', 'type', 'severity'].map((f) => {
      const input = f === 'severity'
        ? el('select', { id: 'filter-' + f }, ['', 'CRITICAL', 'WARNING', 'INFO'].map((s) => el('option', { value: s }, s || 'any')))
        : el('input', { id: 'filter-' + f, value: alertFilters[f] });
      input.value = alertFilters[f];
      input.addEventListener('input', () => { alertFilters[f] = input.value.trim(); refresh(); });
      return el('label', { for: 'filter-' + f }, f, input);
    }));
  const list = el('div', { id: 'alert-list' });
  show(el('section', { 'aria-labelledby': 'alerts-title' }, el('h2', { id: 'alerts-title' }, 'Alerts, newest first'), form, list));

  async function refresh() {
    const q = new URLSearchParams({ limit: '200' });
    for (const f of ['site', 'product', 'type']) if (alertFilters[f]) q.set(f, alertFilters[f]);
    const body = await api('/api/v1/alerts?' + q.toString());
    const items = (body.alerts || []).filter((a) => !alertFilters.severity || a.severity === alertFilters.severity);
    list.replaceChildren(table(['detected', 'severity', 'type', 'site', 'product', 'quantity', 'message'],
      items.map((a) => el('tr', { 'data-alert-id': a.alert_id },
        cell(a.detected_at),
        el('td', {}, el('span', { class: 'status ' + a.severity }, a.severity)),
        cell(a.type), cell(a.site_id), cell(a.product_id),
        cell(a.quantity === null || a.quantity === undefined ? '' : a.quantity + ' ' + (a.unit || ''), true),
        cell(a.message))), ['quantity']));
  }
  await refresh();
  poller = setInterval(() => guarded(refresh), POLL_MS);
}

async function investigations() {
  const body = await api('/api/v1/investigations?status=open&limit=1000');
  const items = body.investigations || [];
  message(!body.complete ? 'Some instances did not answer: the list may be incomplete.'
    : body.total > items.length ? 'Showing the first ' + items.length + ' of ' + body.total + ' open cases.' : null);
  const rows = items.map((c) => el('tr', { 'data-key': c.site_id + '|' + c.product_id + '|' + c.period },
    cell(c.site_id),
    el('td', {}, el('a', { href: '#/product/' + encodeURIComponent(c.site_id) + '/' + encodeURIComponent(c.product_id) }, c.product_id)),
    cell(c.period),
    cell(c.count_variance === null || c.count_variance === undefined ? '' : c.count_variance + ' ' + (c.unit || ''), true),
    cell(c.variance_pct === null || c.variance_pct === undefined ? '' : c.variance_pct + ' %', true),
    cell(c.due_on),
    el('td', {}, el('span', { class: 'status ' + (c.overdue ? 'OVERDUE' : 'OPEN_CASE') }, c.overdue ? 'overdue' : 'open')),
    cell(c.investigation ? 'recorded, certifier not notified' : 'none')));
  show(el('section', { 'aria-labelledby': 'investigations-title' },
    el('h2', { id: 'investigations-title' }, 'Open variance investigations'),
    el('p', { class: 'muted' }, 'Closed periods with status INVESTIGATE and no investigation notifying the certifier yet (record one with POST /api/v1/investigations or ingest investigations).'),
    items.length === 0 ? el('p', {}, 'None open.') : table(['site', 'product', 'period', 'variance', 'variance %', 'due', 'status', 'investigation'], rows, ['variance', 'variance %'])));
}

function months(from, to) {
  const out = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(y + '-' + String(m).padStart(2, '0'));
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function thisMonth() {
  const d = new Date();
  return d.getUTCFullYear() + '-' + String(d.getUTCMonth() + 1).padStart(2, '0');
}

function monthsBefore(month, n) {
  let [y, m] = month.split('-').map(Number);
  m -= n;
  while (m < 1) { m += 12; y -= 1; }
  return y + '-' + String(m).padStart(2, '0');
}

async function product(site, productId, from) {
  const to = thisMonth();
  const start = from || monthsBefore(to, 12);
  const enc = encodeURIComponent;
  const found = [];
  for (const p of months(start, to)) {
    try {
      found.push(await api('/api/v1/snapshots/' + enc(site) + '/' + enc(productId) + '/' + p));
    } catch (e) {
      if (e.status !== 404) throw e;
    }
  }
  const balance = await api('/api/v1/balances/' + enc(site) + '/' + enc(productId));
  const fromInput = el('input', { id: 'from-month', type: 'month', value: start });
  const controls = el('form', { class: 'filters', on: { submit: (e) => { e.preventDefault(); guarded(() => product(site, productId, fromInput.value)); } } },
    el('label', { for: 'from-month' }, 'from', fromInput), el('button', { type: 'submit' }, 'Show'));
  const rows = found.map((s) => el('tr', {},
    cell(s.period), cell(s.revision, true), cell(s.opening, true), cell(s.receipts, true), cell(s.sales, true),
    cell(s.waste, true), cell(s.corrections, true), cell(s.closing, true), cell(s.variance_pct, true),
    el('td', {}, el('span', { class: 'status ' + s.status }, s.status)),
    el('td', {}, s.signed_off
      ? el('span', { class: 'signed', title: 'signed at ' + s.signed_at }, 'signed by ' + s.signed_by)
      : '–')));
  show(el('section', { 'aria-labelledby': 'product-title' },
    el('h2', { id: 'product-title' }, productId + ' at ' + site + ' (' + balance.unit + ')'),
    el('p', {}, 'Book balance ', el('strong', {}, balance.book_balance + ' ' + balance.unit)),
    controls,
    chart(found, balance),
    table(['period', 'revision', 'opening', 'receipts', 'sales', 'waste', 'corrections', 'closing', 'variance %', 'status', 'signed off'], rows,
      ['revision', 'opening', 'receipts', 'sales', 'waste', 'corrections', 'closing', 'variance %'])));
}

function chart(snapshots, balance) {
  const W = 900, H = 260, L = 60, B = 40, T = 16;
  if (snapshots.length === 0) return el('p', {}, 'No snapshot in this range.');
  const series = ['receipts', 'sales', 'waste'];
  const max = Math.max(1, ...snapshots.flatMap((s) => [...series, 'closing'].map((k) => Math.abs(Number(s[k])))));
  const slot = (W - L) / snapshots.length;
  const y = (v) => T + (H - T - B) * (1 - Number(v) / max);
  const g = svg('svg', { class: 'chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'Monthly receipts, sales, waste and closing' });
  g.appendChild(svg('line', { x1: L, y1: y(0), x2: W, y2: y(0), stroke: '#999' }));
  g.appendChild(svg('text', { x: 4, y: T + 10 }, max.toFixed(0) + ' ' + balance.unit));
  const colours = { receipts: '#2e7d32', sales: '#1565c0', waste: '#c62828' };
  snapshots.forEach((s, i) => {
    const x0 = L + i * slot;
    series.forEach((k, j) => {
      const v = Number(s[k]);
      const top = y(Math.max(v, 0));
      g.appendChild(svg('rect', { x: x0 + 6 + j * (slot - 12) / 4, y: top, width: Math.max(2, (slot - 12) / 4 - 2), height: Math.max(0, y(0) - top), fill: colours[k] },
        svg('title', {}, s.period + ' ' + k + ' ' + s[k])));
    });
    g.appendChild(svg('text', { x: x0 + 4, y: H - B + 16 }, s.period));
    if (s.variance_pct !== null && s.variance_pct !== undefined) {
      const tol = Number(balance.tolerance_pct || 5);
      g.appendChild(svg('text', { x: x0 + 4, y: H - B + 30, fill: Math.abs(Number(s.variance_pct)) > tol ? '#b3261e' : '#1b7f3b' },
        'var ' + s.variance_pct + ' % (±' + tol + ')'));
    }
  });
  g.appendChild(svg('polyline', { fill: 'none', stroke: '#6a1b9a', 'stroke-width': 2,
    points: snapshots.map((s, i) => (L + i * slot + slot / 2) + ',' + y(s.closing)).join(' ') }));
  const legend = el('div', { class: 'legend' }, ['receipts', 'sales', 'waste', 'closing'].map((k) => el('span', {}, el('span', { class: 'sw ' + k }), k)));
  return el('figure', {}, g, legend);
}

function kv(label, value) {
  return el('span', {}, el('span', { class: 'k' }, label), ' ', value === null || value === undefined ? '–' : String(value));
}

// ---- scanned labels: GS1 Digital Link URIs and GS1 element strings ---------------------------

// The GS1 check digit of a GTIN's digits before it (weights 3, 1, ... from the right).
function gtinCheckDigit(digits) {
  let sum = 0;
  for (let i = digits.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10;
}

// A GTIN-8, -12, -13 or -14 with a valid check digit, as 14 digits; null otherwise.
function gtin14(text) {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(text || '')) return null;
  const g = text.padStart(14, '0');
  return gtinCheckDigit(g.slice(0, 13)) === Number(g[13]) ? g : null;
}

// Total lengths (AI included) of the element strings whose AI starts with these two digits
// (GS1 General Specifications, the predefined-length table); every other one ends at a separator.
const FIXED = { '00': 20, '01': 16, '02': 16, '03': 16, '04': 18, '11': 8, '12': 8, '13': 8, '14': 8,
  '15': 8, '16': 8, '17': 8, '18': 8, '19': 8, '20': 4, '31': 10, '32': 10, '33': 10, '34': 10,
  '35': 10, '36': 10, '41': 16 };

// The AIs of a raw element string: fixed-length ones by the table, 2-digit variable-length ones (10,
// 21, 22) up to a group separator (GS, 0x1D, as FNC1 is sent) or the end.
function rawElements(text) {
  const out = {};
  let t = text.replace(/^\](C1|e0|d2|Q3|J1)/, '');
  while (t.length > 0) {
    t = t.replace(/^\x1d+/, '');
    const two = t.slice(0, 2);
    if (FIXED[two]) {
      const n = FIXED[two];
      const aiLength = ['31', '32', '33', '34', '35', '36'].includes(two) ? 4 : 2;
      if (t.length < n) return null;
      out[t.slice(0, aiLength)] = t.slice(aiLength, n);
      t = t.slice(n);
    } else if (['10', '21', '22'].includes(two)) {
      const end = t.indexOf('\x1d');
      out[two] = end < 0 ? t.slice(2) : t.slice(2, end);
      t = end < 0 ? '' : t.slice(end);
    } else {
      break; // an AI this reader does not know: what came before is kept
    }
  }
  return out;
}

// What a scanner typed: a GS1 Digital Link URI (.../01/{gtin}/10/{lot}, or ?10= for the lot), an
// element string in human-readable form (01)...(10)..., or a raw one (01...10..., GS separated).
// Returns { gtin, lot, site } or null when it is none of these or lacks a GTIN or a lot.
function parseScan(text) {
  const t = (text || '').trim();
  let gtin = null;
  let lot = null;
  let site = null;
  if (/^https?:\/\//i.test(t)) {
    let u;
    try {
      u = new URL(t);
    } catch (e) {
      return null;
    }
    const segs = u.pathname.split('/');
    const at = segs.indexOf('01');
    if (at < 0 || at + 1 >= segs.length) return null;
    try {
      gtin = decodeURIComponent(segs[at + 1]);
      if (segs[at + 2] === '10' && at + 3 < segs.length) lot = decodeURIComponent(segs[at + 3]);
    } catch (e) {
      return null;
    }
    lot = lot || u.searchParams.get('10');
    site = u.searchParams.get('s');
  } else if (t.startsWith('(')) {
    const ais = {};
    const re = /\((\d{2,4})\)([^(]*)/g;
    let m;
    while ((m = re.exec(t)) !== null) ais[m[1]] = m[2].trim();
    gtin = ais['01'] || null;
    lot = ais['10'] || null;
  } else if (/^(\]\w\d)?\d{2}/.test(t)) {
    const ais = rawElements(t);
    if (!ais) return null;
    gtin = ais['01'] || null;
    lot = ais['10'] || null;
  }
  const g = gtin14(gtin);
  if (!g || !lot) return null;
  return { gtin: g, lot, site };
}

function scanHash(scan) {
  const q = new URLSearchParams({ gtin: scan.gtin, lot: scan.lot });
  if (scan.site) q.set('s', scan.site);
  return '#/scan?' + q.toString();
}

// #/scan?gtin=&lot=&s=: the engine resolves the link (with the token) and the lot page opens, or
// the sites holding that lot id are listed.
async function scan(params) {
  const gtin = params.get('gtin') || '';
  const lot = params.get('lot') || '';
  const site = params.get('s') || '';
  const result = el('div', { id: 'scan-result' }, 'Resolving (01)' + gtin + '(10)' + lot + ' ...');
  show(el('section', { 'aria-labelledby': 'scan-title' }, el('h2', { id: 'scan-title' }, 'Scanned label'), result));
  const enc = encodeURIComponent;
  const r = await api('/api/v1/resolve/01/' + enc(gtin) + '/10/' + enc(lot) + (site ? '?s=' + enc(site) : ''));
  if (r.lots.length === 1) {
    const l = r.lots[0];
    location.replace('#/trace?' + new URLSearchParams({ site: l.site_id, product: l.product_id, lot: l.lot_id }).toString());
    return;
  }
  result.replaceChildren(
    el('p', {}, 'Lot ' + lot + ' (GTIN ' + r.gtin + ') is held at ' + r.lots.length + ' sites: choose the one where it was scanned.'),
    el('ul', { class: 'choices' }, r.lots.map((l) => el('li', {},
      el('a', { href: '#/trace?' + new URLSearchParams({ site: l.site_id, product: l.product_id, lot: l.lot_id }).toString() }, l.site_id),
      ' ', l.product_id))),
    r.complete ? null : el('p', { class: 'muted' }, 'Some instances did not answer: the list may be short.'));
}

// "Print label": the lot's label.svg, fetched with the token, shown as an image (data: URL, so it
// runs nothing) in the print area, and the browser's print dialog, which prints that area alone.
async function printLabel(site, prod, lot) {
  const enc = encodeURIComponent;
  const path = '/api/v1/lots/' + enc(site) + '/' + enc(prod) + '/' + enc(lot) + '/label.svg';
  const text = await apiText(path, 'image/svg+xml');
  const src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  const area = document.getElementById('print-area');
  area.replaceChildren(el('figure', { id: 'label-figure' },
    el('img', { id: 'label-image', src, alt: 'Label of lot ' + lot, width: '374', height: '253' }),
    el('figcaption', {}, el('a', { href: src, download: 'label-' + site + '-' + prod + '-' + lot + '.svg' }, 'Download label.svg'))));
  area.hidden = false;
  document.body.classList.add('print-label');
  const img = document.getElementById('label-image');
  if (!img.complete) await new Promise((resolve) => { img.onload = resolve; img.onerror = resolve; });
  window.print();
}

async function trace(params) {
  const site = params.get('site') || '';
  const prod = params.get('product') || '';
  const movement = params.get('movement') || '';
  const lot = params.get('lot') || '';
  const inputs = {};
  const scanInput = el('input', { id: 'search-scan', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'https://.../01/GTIN/10/LOT or (01)GTIN(10)LOT' });
  const form = el('form', { class: 'search', on: { submit: (e) => {
    e.preventDefault();
    // a scanned label (in the scan field, or a link pasted as the lot) opens the lot it names
    const typed = scanInput.value.trim() || (/^(https?:|\()/i.test(inputs.lot.value.trim()) ? inputs.lot.value.trim() : '');
    if (typed) {
      const scanned = parseScan(typed);
      if (!scanned) {
        message('Not a GS1 Digital Link or element string with a GTIN and a lot: ' + typed);
        return;
      }
      location.hash = scanHash(scanned);
      return;
    }
    const q = new URLSearchParams();
    for (const [k, i] of Object.entries(inputs)) if (i.value.trim()) q.set(k, i.value.trim());
    location.hash = '#/trace?' + q.toString();
  } } },
  el('label', { for: 'search-scan', class: 'scan' }, 'scan a label', scanInput),
  ['site', 'product', 'movement', 'lot'].map((f) => {
    inputs[f] = el('input', { id: 'search-' + f, value: params.get(f) || '' });
    return el('label', { for: 'search-' + f }, f === 'movement' ? 'or movement id' : f === 'lot' ? 'or lot id' : f, inputs[f]);
  }),
  el('button', { type: 'submit', id: 'search-button' }, 'Trace'));
  const result = el('div', { id: 'trace-result' });
  show(el('section', { 'aria-labelledby': 'trace-title' }, el('h2', { id: 'trace-title' }, 'Trace a movement or a lot'), form, result));
  if (!site || !prod || (!movement && !lot)) {
    scanInput.focus(); // ready for a keyboard-wedge scanner
    return;
  }
  const enc = encodeURIComponent;
  if (movement) {
    const t = await api('/api/v1/trace/' + enc(site) + '/' + enc(prod) + '/' + enc(movement));
    result.replaceChildren(el('ul', { class: 'tree' }, el('li', {},
      el('strong', {}, t.type + ' ' + t.movement_id), ' ', kv('quantity', t.quantity + ' ' + t.unit), ' ', kv('at', t.occurred_at),
      el('ul', {}, (t.lots || []).map((l) => el('li', { class: 'lot' },
        el('a', { href: '#/trace?' + new URLSearchParams({ site, product: prod, lot: l.lot_id }).toString() }, 'lot ' + l.lot_id), ' ',
        kv('drawn', l.quantity), ' ', kv('received', l.received_at),
        el('ul', {}, el('li', { class: 'supplier' }, kv('supplier', l.supplier_id), ' ', kv('supplier lot', l.supplier_lot), ' ',
          kv('NOP ID', l.supplier_nop_id), ' ', kv('certified at receipt', l.certified_at_receipt), ' ', kv('import certificate', l.import_certificate)))))),
      Number(t.uncovered) > 0 ? el('p', {}, 'Not covered by any lot: ' + t.uncovered + ' ' + t.unit) : null)));
  } else {
    const l = await api('/api/v1/lots/' + enc(site) + '/' + enc(prod) + '/' + enc(lot));
    const print = el('button', { type: 'button', id: 'print-label', on: { click: () => guarded(() => printLabel(site, prod, l.lot_id)) } }, 'Print label');
    result.replaceChildren(el('ul', { class: 'tree' }, el('li', { class: 'lot-root', 'data-lot-id': l.lot_id },
      el('strong', {}, 'lot ' + l.lot_id), ' ', kv('site', l.site_id), ' ', kv('received', l.received + ' ' + l.unit), ' ', kv('remaining', l.remaining), ' ',
      kv('supplier', l.supplier_id), ' ', kv('supplier lot', l.supplier_lot), ' ', kv('NOP ID', l.supplier_nop_id), ' ', kv('certified at receipt', l.certified_at_receipt),
      el('ul', {}, (l.allocations || []).map((a) => el('li', { class: 'allocation' },
        el('a', { href: '#/trace?' + new URLSearchParams({ site, product: prod, movement: a.movement_id }).toString() }, a.type + ' ' + a.movement_id), ' ',
        kv('quantity', a.quantity), ' ', kv('at', a.occurred_at), ' ', kv('counterparty', a.counterparty_id), ' ',
        kv('document', a.document_ref), a.to_site_id ? kv(' to', a.to_site_id) : null))))),
    el('p', { class: 'actions' }, print));
  }
}

async function suppliers(offset) {
  const page = await api('/api/v1/suppliers?limit=' + PAGE + '&offset=' + offset);
  message(page.complete ? null : 'Some instances did not answer: lots on hand may be undercounted.');
  const rows = page.suppliers.map((s) => s.readable === false
    ? el('tr', { 'data-nop-id': s.nop_id }, cell(s.nop_id), el('td', { colspan: '8' }, 'certificate record cannot be read'))
    : el('tr', { 'data-nop-id': s.nop_id },
      cell(s.nop_id), cell(s.operation_name), cell(s.certifier),
      el('td', {}, el('span', { class: 'status ' + (s.certified_today ? 'CERTIFIED' : 'NOT_CERTIFIED') }, s.status)),
      cell(s.status_effective), cell(s.expires_on), cell((s.scopes || []).join(', ')),
      cell(s.certified_today ? 'yes' : 'no'), cell(s.lots_on_hand, true)));
  const pager = el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: offset === 0 ? 'disabled' : null, on: { click: () => guarded(() => suppliers(Math.max(0, offset - PAGE))) } }, 'Previous'),
    el('span', {}, (page.total === 0 ? 0 : offset + 1) + '–' + Math.min(offset + PAGE, page.total) + ' of ' + page.total),
    el('button', { type: 'button', disabled: offset + PAGE >= page.total ? 'disabled' : null, on: { click: () => guarded(() => suppliers(offset + PAGE)) } }, 'Next'));
  const imports = await importCertificates();
  show(el('section', { 'aria-labelledby': 'suppliers-title' },
    el('h2', { id: 'suppliers-title' }, 'Suppliers and their certificates'),
    table(['NOP ID', 'operation', 'certifier', 'status', 'status since', 'expires on', 'scopes', 'certified today', 'lots on hand'], rows, ['lots on hand']),
    pager, imports));
}

// The import certificates (first 100 by number): certified, received and remaining, overdrawn ones marked.
async function importCertificates() {
  let page;
  try {
    page = await api('/api/v1/import-certificates?limit=' + PAGE);
  } catch (e) {
    if (e instanceof AuthError) throw e;
    return el('p', { id: 'import-certificates-error' }, 'Import certificates cannot be read now.');
  }
  const rows = page.import_certificates.map((c) => el('tr', { 'data-import-certificate': c.certificate_number },
    cell(c.certificate_number), cell(c.known ? c.product_id : 'no record'), cell(c.certified, true), cell(c.received, true),
    el('td', { class: 'num' }, el('span', { class: c.overdrawn ? 'status INVESTIGATE' : null }, c.remaining === null ? '' : c.remaining)),
    cell(c.unit), cell(c.valid_from), cell(c.valid_to), cell(c.draws, true)));
  return el('section', { 'aria-labelledby': 'import-certificates-title', id: 'import-certificates' },
    el('h3', { id: 'import-certificates-title' }, 'Import certificates (' + page.total + ')'),
    table(['number', 'product', 'certified', 'received', 'remaining', 'unit', 'valid from', 'valid to', 'movements'], rows,
      ['certified', 'received', 'remaining', 'movements']));
}

// ---- routing ----------------------------------------------------------------------------------

function route() {
  if (poller) { clearInterval(poller); poller = null; }
  message(null);
  const area = document.getElementById('print-area');
  area.hidden = true;
  area.replaceChildren();
  document.body.classList.remove('print-label');
  const hash = location.hash || '#/';
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  for (const a of document.querySelectorAll('nav a')) a.classList.remove('current');
  const pages = { alerts: 'nav-alerts', trace: 'nav-trace', scan: 'nav-trace', suppliers: 'nav-suppliers', investigations: 'nav-investigations' };
  const current = pages[parts[0]] || 'nav-overview';
  document.getElementById(current).classList.add('current');
  if (parts[0] === 'alerts') guarded(() => alerts(new URLSearchParams(query || '')));
  else if (parts[0] === 'investigations') guarded(investigations);
  else if (parts[0] === 'trace') guarded(() => trace(new URLSearchParams(query || '')));
  else if (parts[0] === 'scan') guarded(() => scan(new URLSearchParams(query || '')));
  else if (parts[0] === 'suppliers') guarded(() => suppliers(0));
  else if (parts[0] === 'product' && parts.length === 3) guarded(() => product(parts[1], parts[2]));
  else guarded(() => overview(0));
}

document.addEventListener('DOMContentLoaded', () => {
  setupToken();
  window.addEventListener('hashchange', route);
  route();
});
