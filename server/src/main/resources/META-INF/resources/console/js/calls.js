// Calls: this instance's recent calls (GET /calls) and every new one as it happens (GET /calls/stream, server-sent
// events read with fetch so the credential header goes along), filtered by tool, door, code and caller; calls and
// errors per minute, and latency percentiles per tool (Chart.js).
import {api, headers, explain} from './api.js';
import {h, show, time} from './dom.js';

const KEEP = 1000;

export async function callsPage(main) {
  const filters = {tool: h('input', {id: 'filter-tool', placeholder: 'tool', 'aria-label': 'Tool'}),
    door: h('input', {id: 'filter-door', placeholder: 'door (rest, mcp, batch, agent, workflow)', 'aria-label': 'Door'}),
    code: h('input', {id: 'filter-code', placeholder: 'code (ok, VALIDATION_ERROR, …)', 'aria-label': 'Code'}),
    caller: h('input', {id: 'filter-caller', placeholder: 'caller', 'aria-label': 'Caller'})};
  const live = h('small', {id: 'stream-state', 'aria-live': 'polite'}, 'connecting…');
  const rows = h('tbody', {id: 'calls'});
  const perMinute = h('canvas', {id: 'calls-per-minute', role: 'img', 'aria-label': 'Calls and errors per minute'});
  const latency = h('canvas', {id: 'latency', role: 'img', 'aria-label': 'Latency percentiles per tool'});
  show(main, h('h2', {}, 'Calls ', live),
    h('form', {class: 'row', onsubmit: e => e.preventDefault()}, Object.values(filters)),
    h('div', {class: 'charts'}, h('figure', {}, perMinute), h('figure', {}, latency)),
    h('table', {}, h('thead', {}, h('tr', {}, ['time', 'tool', 'door', 'caller', 'outcome', 'ms'].map(c =>
      h('th', {}, c)))), rows));

  let calls;
  try {
    calls = (await api('/calls?limit=' + KEEP)).body.calls || [];
  } catch (e) {
    show(main, h('p', {class: 'field-error', role: 'alert'}, explain(e)));
    return null;
  }
  const charts = {
    minute: new window.Chart(perMinute, {type: 'bar', data: {labels: [], datasets: [
      {label: 'calls', data: []}, {label: 'errors', data: []}]}, options: {animation: false}}),
    latency: new window.Chart(latency, {type: 'bar', data: {labels: [], datasets: [
      {label: 'p50 ms', data: []}, {label: 'p95 ms', data: []}, {label: 'p99 ms', data: []}]},
      options: {animation: false, indexAxis: 'y'}}),
  };
  const matches = c => (!filters.tool.value || c.tool === filters.tool.value.trim())
    && (!filters.door.value || c.door === filters.door.value.trim())
    && (!filters.code.value || (c.code || 'ok') === filters.code.value.trim())
    && (!filters.caller.value || c.principal === filters.caller.value.trim());
  const render = () => {
    const shown = calls.filter(matches);
    show(rows, shown.slice(0, 200).map(c => h('tr', {dataset: {tool: c.tool}},
      h('td', {}, time(c.time)), h('td', {}, c.tool), h('td', {}, c.door), h('td', {}, c.principal || ''),
      h('td', {class: c.success ? 'ok' : 'field-error'}, c.success ? 'ok' : c.code),
      h('td', {}, (c.duration_ms || 0).toFixed(1)))));
    chart(charts, shown);
  };
  for (const input of Object.values(filters)) input.addEventListener('input', render);
  render();

  const stop = new AbortController();
  stream(stop.signal, call => {
    calls.unshift(call);
    if (calls.length > KEEP) calls.length = KEEP;
    render();
  }, state => { live.textContent = state; });
  return () => { stop.abort(); charts.minute.destroy(); charts.latency.destroy(); };
}

function chart(charts, calls) {
  const minutes = new Map();
  for (const c of calls) {
    const m = new Date(c.time);
    m.setSeconds(0, 0);
    const key = m.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
    const v = minutes.get(key) || [0, 0, m.getTime()];
    v[0]++;
    if (!c.success) v[1]++;
    minutes.set(key, v);
  }
  const ordered = [...minutes.entries()].sort((a, b) => a[1][2] - b[1][2]).slice(-30);
  charts.minute.data.labels = ordered.map(([k]) => k);
  charts.minute.data.datasets[0].data = ordered.map(([, v]) => v[0]);
  charts.minute.data.datasets[1].data = ordered.map(([, v]) => v[1]);
  charts.minute.update();
  const byTool = new Map();
  for (const c of calls) (byTool.get(c.tool) || byTool.set(c.tool, []).get(c.tool)).push(c.duration_ms || 0);
  const tools = [...byTool.keys()].sort().slice(0, 25);
  charts.latency.data.labels = tools;
  [0.5, 0.95, 0.99].forEach((p, i) => {
    charts.latency.data.datasets[i].data = tools.map(t => percentile(byTool.get(t), p));
  });
  charts.latency.update();
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return +sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)].toFixed(2);
}

/** Reads text/event-stream from GET /calls/stream; reconnects after 2 s when the stream ends. */
async function stream(signal, onCall, onState) {
  while (!signal.aborted) {
    try {
      const response = await fetch('/calls/stream', {headers: headers({'Accept': 'text/event-stream'}), signal});
      if (!response.ok) throw new Error('HTTP ' + response.status);
      onState('live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const data = event.split(/\r?\n/).filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart())
            .join('\n');
          if (data) onCall(JSON.parse(data));
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      onState('disconnected (' + (e.message || e) + '), retrying');
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}
