// inclusim serve: the page. It renders the scenario's form, sends every change as a
// `--set KEY=VALUE` argument, and shows what the server answers: the loader's messages at
// their fields, or the verdicts and the report's sections. It loads nothing but this server.
'use strict';

const TEXT = {
  nl: {
    tagline: 'business case van een inclusieve plaatsing',
    scenario: 'Scenario',
    intro: 'Vul de plaatsing in zoals u die met de werkgever bespreekt. Na elke wijziging rekent '
      + 'inclusim de business case opnieuw door op dezelfde toevalsgetallen: wat er verandert, komt '
      + 'door uw wijziging.',
    take: 'Meenemen:',
    dl_scenario: 'Scenario (TOML)',
    dl_report: 'Rapport (HTML)',
    dl_pdf: 'Rapport (PDF)',
    dl_xlsx: 'Werkboek (Excel)',
    answer: 'Het antwoord',
    running: 'Bezig met doorrekenen…',
    ready: 'Doorgerekend',
    invalid: 'Niet doorgerekend: verbeter de gemarkeerde invoer',
    failed: 'Fout',
    timing: (n, seed, s) => `${n} simulaties · seed ${seed} · ${s} s`,
    between: 'tussen', and: 'en', likely: 'meest waarschijnlijk',
    chance90: 'meestal (90%) tussen', mean: 'gemiddeld', sd: 'spreiding (sd)',
    placement: 'Plaatsing', peaks: 'Drukke periodes', arrangement: 'Regeling',
    fromFolder: 'Uit de map', bundled: 'Meegeleverde scenario’s', templates: 'Sjablonen (inclusim init)',
    units: { hours: 'uur', months: 'mnd', pct: '%', eur: '€' },
    nofields: 'Dit scenario heeft hier geen invoer die de pagina kan wijzigen.',
  },
  en: {
    tagline: 'business case of an inclusive placement',
    scenario: 'Scenario',
    intro: 'Fill in the placement as you discuss it with the employer. After every change inclusim '
      + 'recomputes the business case on the same random numbers: what moves is your change.',
    take: 'Take it with you:',
    dl_scenario: 'Scenario (TOML)',
    dl_report: 'Report (HTML)',
    dl_pdf: 'Report (PDF)',
    dl_xlsx: 'Workbook (Excel)',
    answer: 'The answer',
    running: 'Computing…',
    ready: 'Up to date',
    invalid: 'Not computed: correct the marked input',
    failed: 'Error',
    timing: (n, seed, s) => `${n} iterations · seed ${seed} · ${s} s`,
    between: 'between', and: 'and', likely: 'most likely',
    chance90: 'usually (90%) between', mean: 'mean', sd: 'spread (sd)',
    placement: 'Placement', peaks: 'Busy periods', arrangement: 'Arrangement',
    fromFolder: 'From the folder', bundled: 'Bundled scenarios', templates: 'Templates (inclusim init)',
    units: { hours: 'h', months: 'months', pct: '%', eur: '€' },
    nofields: 'This scenario has no inputs here that the page can change.',
  },
};

const state = {
  lang: new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'nl',
  session: (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)).replace(/[^A-Za-z0-9-]/g, ''),
  sources: [],
  source: null,
  form: null,
  edits: new Map(),  // key → TOML value text
  fields: new Map(), // key → { field, row, read }
  seq: 0,
  timer: null,
};

const $ = (sel, root = document) => root.querySelector(sel);
const t = () => TEXT[state.lang];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

// ---- numbers in the page's language --------------------------------------------------------

function parseNumber(text) {
  const s = String(text).trim().replace(',', '.');
  return /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : null;
}

function shown(x, unit) {
  const v = unit === 'pct' ? x * 100 : x;
  const s = String(Number(v.toPrecision(12)));
  return state.lang === 'nl' ? s.replace('.', ',') : s;
}

/** A typed number as TOML (a share typed as a percentage divided by 100), else the text as
 * typed, so that the loader says what is wrong with it. */
function tomlNumber(text, unit) {
  const n = parseNumber(text);
  if (n === null) return String(text).trim();
  return String(unit === 'pct' ? n / 100 : n);
}

function tomlValue(v) {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(', ')}]`;
  return `{ ${Object.entries(v).map(([k, x]) => `${k} = ${tomlValue(x)}`).join(', ')} }`;
}

// ---- the form ------------------------------------------------------------------------------

function numberInput(value, unit, wide) {
  const input = el('input', { type: 'text', inputmode: 'decimal', spellcheck: 'false' });
  if (wide) input.classList.add('wide');
  input.value = typeof value === 'number' ? shown(value, unit) : String(value ?? '');
  return input;
}

function unitText(unit) {
  return unit === 'plain' || unit === 'eur' ? null : el('span', { class: 'unit', text: t().units[unit] });
}

/** The words around a distribution's parameters: [text, param, text, param, …]. */
function distWords(d) {
  const kind = String(d.dist).toLowerCase();
  const w = t();
  if (['pert', 'triangular', 'triangle', 'beta-pert', 'betapert'].includes(kind) && 'min' in d && 'mode' in d && 'max' in d) {
    return [w.between, 'min', w.and, 'max', `\n${w.likely}`, 'mode'];
  }
  if (kind === 'uniform' && 'min' in d && 'max' in d) return [w.between, 'min', w.and, 'max'];
  if (kind.startsWith('log') && 'p5' in d && 'p95' in d) return [w.chance90, 'p5', w.and, 'p95'];
  if (kind === 'normal' && 'mean' in d && 'sd' in d) return [w.mean, 'mean', `\n${w.sd}`, 'sd'];
  const out = [];
  for (const k of Object.keys(d)) if (k !== 'dist' && typeof d[k] === 'number') out.push(k, k);
  return out;
}

function fieldRow(field) {
  const id = `f-${state.fields.size}`;
  const row = el('div', { class: 'field', 'data-key': field.key });
  const label = el('label', { for: id, text: field.label[state.lang] });
  const control = el('div', { class: 'control' });
  let read;
  const v = field.value;
  const euro = field.unit === 'eur' && typeof v !== 'string' ? el('span', { class: 'unit', text: '€' }) : null;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const inputs = {};
    const words = distWords(v);
    for (let i = 0; i < words.length; i += 2) {
      if (words[i].startsWith('\n')) control.append(el('span', { class: 'break' }));
      // A word, its input and its unit stay on one line.
      const part = el('span', { class: 'part' }, el('span', { class: 'word', text: words[i].trim() }));
      if (euro) part.append(euro.cloneNode(true));
      const input = numberInput(v[words[i + 1]], field.unit);
      input.setAttribute('aria-label', `${field.label[state.lang]}: ${words[i + 1]}`);
      if (i === 0) input.id = id;
      inputs[words[i + 1]] = input;
      part.append(input);
      const u = unitText(field.unit);
      if (u) part.append(u);
      control.append(part);
    }
    read = () => {
      const parts = Object.entries(v).map(([k, x]) => {
        const value = k in inputs ? tomlNumber(inputs[k].value, field.unit) : tomlValue(x);
        return `${k} = ${value}`;
      });
      return `{ ${parts.join(', ')} }`;
    };
  } else {
    if (euro) control.append(euro);
    const input = numberInput(v, field.unit, typeof v === 'string');
    input.id = id;
    control.append(input);
    const u = unitText(field.unit);
    if (u) control.append(u);
    read = () => {
      const text = input.value;
      if (parseNumber(text) !== null) return tomlNumber(text, field.unit);
      return typeof v === 'string' ? JSON.stringify(text.trim()) : text.trim();
    };
  }
  const original = read();
  const changed = () => {
    const now = read();
    if (now === original) state.edits.delete(field.key);
    else state.edits.set(field.key, now);
    for (const input of control.querySelectorAll('input')) input.classList.toggle('changed', now !== original);
    schedule(400);
  };
  control.addEventListener('input', changed);
  control.addEventListener('change', () => schedule(0));
  row.append(label, control);
  state.fields.set(field.key, { field, row });
  // An edit kept across a re-render (language switch) shows its typed value.
  if (state.edits.has(field.key)) restore(field, control, state.edits.get(field.key));
  return row;
}

/** Puts an edit's TOML text back into the inputs (after a re-render). */
function restore(field, control, toml) {
  const inputs = [...control.querySelectorAll('input')];
  if (inputs.length === 1) {
    const n = parseNumber(toml);
    inputs[0].value = n === null ? toml.replace(/^"|"$/g, '') : shown(n, field.unit);
  } else {
    const words = distWords(field.value);
    const keys = words.filter((_, i) => i % 2 === 1);
    keys.forEach((k, i) => {
      const m = new RegExp(`(?:^|[{,\\s])${k}\\s*=\\s*([^,}]+)`).exec(toml);
      if (m && inputs[i]) {
        const n = parseNumber(m[1]);
        inputs[i].value = n === null ? m[1].trim() : shown(n, field.unit);
      }
    });
  }
  for (const input of inputs) input.classList.add('changed');
}

function group(title, fields, note) {
  const box = el('div', { class: 'group' }, el('h3', { text: title }));
  if (note) box.append(el('p', { class: 'note', text: note }));
  for (const f of fields) box.append(fieldRow(f));
  return box;
}

function fieldset(title, note, groups) {
  const legend = el('legend', { text: title });
  if (note) legend.append(el('span', { class: 'note', text: note }));
  const fs = el('fieldset', {}, legend);
  for (const g of groups) fs.append(g);
  return fs;
}

function renderForm() {
  const root = $('#fields');
  root.replaceChildren();
  state.fields.clear();
  const f = state.form;
  if (!f) return;
  const L = state.lang;
  for (const p of f.placements) {
    root.append(fieldset(`${t().placement}: ${p.title[L]}`, null,
      p.sections.map((s) => group(s.title[L], s.fields))));
  }
  if (f.peaks.length) {
    root.append(fieldset(t().peaks, null, f.peaks.map((g) => group(g.title[L], g.fields))));
  }
  for (const a of f.arrangements) {
    const groups = a.instruments.filter((g) => g.fields.length).map((g) => group(g.title[L], g.fields));
    const names = a.instruments.map((g) => g.title[L]).join(' + ');
    root.append(fieldset(`${t().arrangement}: ${a.title[L]}`, a.note ? `${names} — ${a.note[L]}` : names, groups));
  }
  if (f.run.fields.length) root.append(fieldset(f.run.title[L], null, [group(f.title, f.run.fields)]));
  if (!state.fields.size) root.append(el('p', { text: t().nofields }));
}

function renderTexts() {
  document.documentElement.lang = state.lang;
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t()[e.dataset.t];
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  renderSources();
}

function renderSources() {
  const select = $('#source');
  select.replaceChildren();
  const groups = { file: t().fromFolder, bundled: t().bundled, template: t().templates };
  for (const [kind, title] of Object.entries(groups)) {
    const items = state.sources.filter((s) => s.id.kind === kind);
    if (!items.length) continue;
    const og = el('optgroup', { label: title });
    for (const s of items) {
      const title = state.lang === 'nl' && s.title_nl ? s.title_nl : s.title;
      const o = el('option', { value: JSON.stringify(s.id), text: kind === 'file' ? `${title} — ${s.id.name}` : title });
      if (state.source && JSON.stringify(state.source) === JSON.stringify(s.id)) o.selected = true;
      og.append(o);
    }
    select.append(og);
  }
}

// ---- talking to the server -----------------------------------------------------------------

function body(extra = {}) {
  return JSON.stringify({
    session: state.session,
    source: state.source,
    set: [...state.edits].map(([k, v]) => `${k}=${v}`),
    lang: state.lang,
    ...extra,
  });
}

async function post(path, payload) {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
}

async function open(source) {
  state.source = source;
  state.edits.clear();
  const r = await post('/api/open', JSON.stringify({ source }));
  const reply = await r.json();
  if (!r.ok) {
    showGeneral([reply.error]);
    return;
  }
  state.form = reply.form;
  renderForm();
  renderSources();
  schedule(0);
}

function schedule(ms) {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, ms);
}

function setStatus(kind, text) {
  const s = $('#status');
  s.dataset.state = kind;
  s.textContent = text;
}

async function run() {
  clearTimeout(state.timer);
  const seq = ++state.seq;
  const set = [...state.edits.keys()];
  setStatus('running', t().running);
  $('#result-body').dataset.stale = '';
  let reply;
  try {
    const r = await post('/api/run', body());
    reply = r.headers.get('content-type')?.includes('json') ? await r.json() : { error: await r.text() };
    if (!r.ok) reply.status = 'error';
  } catch (e) {
    reply = { status: 'error', error: String(e) };
  }
  if (seq !== state.seq || reply.status === 'cancelled') return; // a newer change is on its way
  clearMessages();
  if (reply.status === 'error') {
    setStatus('invalid', t().failed);
    showGeneral([reply.error]);
    return;
  }
  if (reply.status === 'invalid') {
    setStatus('invalid', t().invalid);
    const general = [];
    for (const m of reply.errors) {
      const key = m.set == null ? null : set[m.set];
      if (!key || !showAt(key, m.short || m.text, false, m.text)) general.push(m.text);
    }
    showGeneral(general);
    return;
  }
  delete $('#result-body').dataset.stale;
  setStatus('ok', t().ready);
  const n = new Intl.NumberFormat(state.lang === 'nl' ? 'nl-NL' : 'en-GB').format(reply.iterations);
  $('#timing').textContent = t().timing(n, reply.seed, shown(reply.ms / 1000, 'plain'));
  showResult(reply);
}

function clearMessages() {
  for (const m of document.querySelectorAll('#fields .message')) m.remove();
  for (const r of document.querySelectorAll('#fields [data-invalid]')) r.removeAttribute('data-invalid');
  showGeneral([]);
}

/** The message at its field (the command line's full text as its tooltip); false when the
 * field is not on the page. */
function showAt(key, text, warning, full) {
  const f = state.fields.get(key);
  if (!f) return false;
  if (!warning) f.row.setAttribute('data-invalid', '');
  f.row.append(el('p', { class: warning ? 'message warning' : 'message', role: 'alert', text, title: full || text }));
  return true;
}

function showGeneral(texts) {
  const box = $('#general-errors');
  box.replaceChildren(...texts.map((x) => el('p', { class: 'message', text: x })));
  box.hidden = texts.length === 0;
}

function showResult(reply) {
  const v = reply.verdict;
  $('#best').textContent = v.best || '';
  $('#cards').replaceChildren(...v.cards.map((c) => {
    const card = el('div', { class: 'card' }, el('p', { class: 'lead', text: c.lead }), el('p', { text: c.detail }));
    card.style.borderLeftColor = c.colour;
    return card;
  }));
  const set = [...state.edits.keys()];
  const list = $('#warnings');
  list.replaceChildren();
  for (const w of reply.warnings) {
    const key = w.set == null ? null : set[w.set];
    if (!key || !showAt(key, w.short || w.text, true, w.text)) list.append(el('li', { class: 'message warning', text: w.text }));
  }
  list.hidden = list.children.length === 0;
  const frame = $('#report');
  frame.onload = () => {
    const doc = frame.contentDocument;
    if (doc) frame.style.height = `${doc.documentElement.scrollHeight + 20}px`;
  };
  frame.srcdoc = reply.report || '';
}

async function download(what, button) {
  button.disabled = true;
  try {
    const r = await post(`/api/download/${what}`, body());
    if (!r.ok) {
      const reply = await r.json().catch(() => ({ error: r.statusText }));
      showGeneral([reply.error]);
      return;
    }
    const name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') || '')?.[1] || what;
    const url = URL.createObjectURL(await r.blob());
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } finally {
    button.disabled = false;
  }
}

async function start() {
  renderTexts();
  const r = await fetch('/api/sources');
  const reply = await r.json();
  state.sources = reply.sources;
  $('[data-download="pdf"]').hidden = !reply.pdf;
  renderSources();
  $('#source').addEventListener('change', (e) => open(JSON.parse(e.target.value)));
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      state.lang = b.dataset.lang;
      renderTexts();
      renderForm();
      schedule(0);
    });
  }
  for (const b of document.querySelectorAll('[data-download]')) {
    b.addEventListener('click', () => download(b.dataset.download, b));
  }
  $('#case').addEventListener('submit', (e) => { e.preventDefault(); schedule(0); });
  await open(reply.open);
}

start();
