// Audit: the persisted audit log (admin role), searched by time, tool, caller, code and phase, newest first, paged
// by the server's cursor (a full page's "next", sent back as "before"), which neither repeats nor skips records that
// share a time.
import {api, explain} from './api.js';
import {h, show, time} from './dom.js';

const PAGE = 50;

export async function auditPage(main) {
  const f = {tool: h('input', {id: 'audit-tool', name: 'tool', placeholder: 'tool', 'aria-label': 'Tool'}),
    principal: h('input', {id: 'audit-principal', name: 'principal', placeholder: 'caller', 'aria-label': 'Caller'}),
    code: h('input', {id: 'audit-code', name: 'code', placeholder: 'code', 'aria-label': 'Code'}),
    from: h('input', {id: 'audit-from', name: 'from', type: 'datetime-local', 'aria-label': 'From'}),
    to: h('input', {id: 'audit-to', name: 'to', type: 'datetime-local', 'aria-label': 'To'})};
  const rows = h('tbody', {id: 'audit-rows'});
  const status = h('p', {'aria-live': 'polite'});
  const older = h('button', {type: 'button', class: 'secondary', id: 'audit-older'}, 'Older');
  const pages = []; // the "before" of each older page shown, for Newer
  show(main, h('h2', {}, 'Audit log'),
    h('form', {class: 'row', id: 'audit-search', onsubmit: e => { e.preventDefault(); pages.length = 0; load(null); }},
      Object.entries(f).map(([k, input]) => h('label', {}, k, input)), h('button', {type: 'submit'}, 'Search')),
    status,
    h('table', {}, h('thead', {}, h('tr', {}, ['time', 'tool', 'door', 'caller', 'phase', 'outcome', 'ms',
      'arguments'].map(c => h('th', {}, c)))), rows),
    h('div', {class: 'row'}, h('button', {type: 'button', class: 'secondary', onclick: () => {
      pages.pop();
      load(pages.length ? pages[pages.length - 1] : null, true);
    }}, 'Newer'), older));
  let last = null;
  older.addEventListener('click', () => { if (last) load(last); });

  async function load(before, back) {
    const p = new URLSearchParams({limit: String(PAGE)});
    for (const k of ['tool', 'principal', 'code']) if (f[k].value.trim()) p.set(k, f[k].value.trim());
    if (f.from.value) p.set('from', new Date(f.from.value).toISOString());
    if (f.to.value) p.set('to', new Date(f.to.value).toISOString());
    if (before) p.set('before', before);
    try {
      const page = (await api('/audit?' + p)).body;
      const records = page.records || [];
      if (before && !back) pages.push(before);
      show(status, records.length + ' records' + (pages.length ? ', page ' + (pages.length + 1) : ''));
      show(rows, records.map(r => h('tr', {},
        h('td', {}, time(r.at)), h('td', {}, r.tool), h('td', {}, r.door), h('td', {}, r.principal),
        h('td', {}, r.phase || ''), h('td', {class: r.success ? 'ok' : 'field-error'}, r.success ? 'ok' : r.code),
        h("td", {}, r.duration_ms !== undefined && r.duration_ms !== null ? Number(r.duration_ms).toFixed(1) : ""),
        h('td', {}, h('code', {}, r.arguments || '')))));
      last = page.next || null;
      older.disabled = !last;
    } catch (e) {
      show(status, h('span', {class: 'field-error', role: 'alert'}, explain(e)));
      show(rows);
    }
  }
  await load(null);
}
