// Workflows: each definition drawn as a graph (cytoscape, breadth-first layout: steps, dependencies, conditions,
// approvals), its runs, a run drawn on that graph with live step statuses, details on click, Approve / Reject for a
// waiting approval, Cancel.
import {api, explain} from './api.js';
import {h, show, json, time} from './dom.js';

const COLOURS = {pending: '#9aa5b1', running: '#1e88e5', succeeded: '#2e7d32', failed: '#c62828', skipped: '#bdbdbd',
  waiting_for_input: '#f9a825', cancelled: '#6d4c41'};

export async function workflowsPage(main, [view, id]) {
  if (view === 'run' && id) return runPage(main, id);
  const list = (await api('/workflows')).body.workflows || [];
  const selected = view || (list[0] && list[0].name);
  const picker = h('select', {id: 'workflow-pick', 'aria-label': 'Workflow',
    onchange: e => { location.hash = '#/workflows/' + encodeURIComponent(e.target.value); }},
    list.map(w => h('option', {value: w.name, selected: w.name === selected}, w.name + ' (v' + w.version + ')')));
  const body = h('div');
  show(main, h('h2', {}, 'Workflows'), h('label', {}, 'Workflow ', picker), body);
  if (!selected) {
    show(body, h('p', {}, 'No workflow is defined.'));
    return;
  }
  const definition = (await api('/workflows/' + encodeURIComponent(selected))).body.definition;
  const graph = h('div', {class: 'graph', id: 'definition-graph', role: 'img',
    'aria-label': 'Steps of ' + selected + ' and their dependencies'});
  const input = h('textarea', {id: 'run-input', rows: 4, 'aria-label': 'Run input (JSON)'},
    '{"customer_id": 12345, "product_id": "LAP-001", "quantity": 1}');
  const started = h('p', {'aria-live': 'polite'});
  const runs = h('tbody');
  show(body,
    h('p', {}, definition.description || ''),
    graph, legend(),
    h('h3', {}, 'Start a run'),
    h('form', {onsubmit: async e => {
      e.preventDefault();
      try {
        const r = await api('/workflows/' + encodeURIComponent(selected) + '/runs', {method: 'POST',
          body: JSON.parse(input.value || '{}')});
        location.hash = '#/workflows/run/' + encodeURIComponent(r.body.run_id);
      } catch (err) {
        show(started, h('span', {class: 'field-error', role: 'alert'}, explain(err)));
      }
    }}, h('label', {for: 'run-input'}, 'Input (JSON)'), input, h('button', {type: 'submit', id: 'start-run'},
      'Start ' + selected), started),
    h('h3', {}, 'Runs'),
    h('table', {}, h('thead', {}, h('tr', {}, ['run', 'state', 'started by', 'created'].map(c => h('th', {}, c)))),
      runs));
  draw(graph, definition.steps || [], {});
  const r = await api('/workflows/runs?workflow=' + encodeURIComponent(selected) + '&limit=20');
  show(runs, (r.body.runs || []).map(run => h('tr', {},
    h('td', {}, h('a', {href: '#/workflows/run/' + encodeURIComponent(run.run_id)}, run.run_id)),
    h('td', {}, run.state), h('td', {}, run.started_by || ''), h('td', {}, time(run.created_at)))));
}

function legend() {
  return h('p', {class: 'legend', 'aria-hidden': 'true'},
    Object.entries(COLOURS).map(([s, c]) => h('span', {}, dot(c), s)));
}

function dot(colour) {
  const i = h('i');
  i.style.background = colour; // CSSOM, not a style attribute: allowed by the Content-Security-Policy
  return i;
}

/** Node positions from dagre: steps in ranks top to bottom, each below everything it depends on. */
function ranks(steps) {
  const g = new window.dagre.graphlib.Graph();
  g.setGraph({rankdir: 'TB', nodesep: 120, ranksep: 30});
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of steps) g.setNode(s.name, {width: 200, height: 30});
  for (const s of steps) for (const d of s.depends_on || []) g.setEdge(d, s.name);
  window.dagre.layout(g);
  return Object.fromEntries(steps.map(s => [s.name, {x: g.node(s.name).x, y: g.node(s.name).y}]));
}

/** Draws steps (and their statuses, when a run is given) with cytoscape; returns the instance. */
function draw(container, steps, statuses, onTap) {
  const elements = [];
  for (const s of steps) {
    const status = statuses[s.name];
    const flags = [s.approval ? 'approval' : '', s.condition ? 'if ' + s.condition : ''].filter(x => x).join('\n');
    elements.push({data: {id: s.name, label: s.name + (status ? '\n[' + status + ']' : '') + (flags ? '\n' + flags : ''),
      colour: COLOURS[status] || '#607d8b'}});
    for (const d of s.depends_on || []) elements.push({data: {id: d + '->' + s.name, source: d, target: s.name}});
  }
  const cy = window.cytoscape({
    container, elements, userZoomingEnabled: false, boxSelectionEnabled: false, autoungrabify: true,
    layout: {name: 'preset', positions: ranks(steps), fit: true, padding: 20},
    style: [
      {selector: 'node', style: {'background-color': 'data(colour)', label: 'data(label)', 'text-wrap': 'wrap',
        'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': 6, 'font-size': 13, width: 18, height: 18,
        'text-max-width': 260}},
      {selector: 'edge', style: {width: 2, 'line-color': '#90a4ae', 'target-arrow-color': '#90a4ae',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier'}},
    ],
  });
  if (onTap) cy.on('tap', 'node', e => onTap(e.target.id()));
  return cy;
}

async function runPage(main, id) {
  const title = h('h2', {}, 'Run ', h('code', {}, id));
  const state = h('p', {id: 'run-state', 'aria-live': 'polite'});
  const actions = h('div', {class: 'row', id: 'run-actions'});
  const graph = h('div', {class: 'graph', id: 'run-graph', role: 'img', 'aria-label': 'The run on its workflow graph'});
  const steps = h('tbody');
  const detail = h('section', {id: 'step-detail', 'aria-live': 'polite'});
  show(main, title, state, actions, graph, legend(),
    h('table', {}, h('thead', {}, h('tr', {}, ['step', 'tool', 'status', 'attempts', 'duration'].map(c =>
      h('th', {}, c)))), steps), detail);
  let definition = null;
  let last = '';
  let cy = null;
  let run = null;
  const showStep = name => {
    const s = (run.steps || []).find(x => x.name === name);
    if (!s) return;
    show(detail, h('h3', {}, s.name), h('p', {}, 'Status: ', s.status, s.started_at ? ' — started ' + time(s.started_at)
      : '', s.finished_at ? ', finished ' + time(s.finished_at) : ''),
      h('h4', {}, 'Arguments'), json(s.arguments), h('h4', {}, 'Result'), json(s.result),
      s.error ? [h('h4', {}, 'Error'), json(s.error)] : '', s.approval ? [h('h4', {}, 'Approval'), json(s.approval)] : '');
  };
  async function refresh() {
    try {
      run = (await api('/workflows/runs/' + encodeURIComponent(id))).body;
    } catch (e) {
      show(state, h('span', {class: 'field-error', role: 'alert'}, explain(e)));
      return;
    }
    if (!definition) {
      definition = (await api('/workflows/' + encodeURIComponent(run.workflow) + '?version=' + run.version)).body
        .definition;
    }
    const key = JSON.stringify([run.state, run.steps.map(s => s.status)]);
    show(state, 'Workflow ', h('a', {href: '#/workflows/' + encodeURIComponent(run.workflow)}, run.workflow),
      ' — state: ', h('strong', {id: 'run-state-value'}, run.state), run.error ? ' — ' + run.error : '');
    show(steps, run.steps.map(s => h('tr', {dataset: {step: s.name}},
      h('td', {}, h('a', {href: '#', onclick: e => { e.preventDefault(); showStep(s.name); }}, s.name)),
      h('td', {}, s.tool || ''), h('td', {class: 'status'}, s.status), h('td', {}, s.attempts),
      h('td', {}, s.duration_ms !== undefined ? Math.round(s.duration_ms) + ' ms' : ''))));
    if (key !== last) {
      last = key;
      const statuses = Object.fromEntries(run.steps.map(s => [s.name, s.status]));
      for (const w of run.waiting_for || []) statuses[w] = 'waiting_for_input';
      if (cy) cy.destroy();
      cy = draw(graph, definition.steps || [], statuses, showStep);
      renderActions();
    }
  }
  function renderActions() {
    const waiting = run.state === 'waiting_for_input' ? run.waiting_for || [] : [];
    const over = ended();
    const decide = (approved, step) => async () => {
      const reason = approved ? {} : {reason: 'rejected in the console'};
      try {
        await api('/workflows/runs/' + encodeURIComponent(id) + '/input', {method: 'POST',
          body: {step, approved, data: reason}});
      } catch (e) {
        actions.append(h('p', {class: 'field-error', role: 'alert'}, explain(e)));
      }
      refresh();
    };
    show(actions,
      waiting.map(step => h('div', {},
        h('p', {}, 'Step ', h('strong', {}, step), ' waits for a decision.'),
        h('button', {type: 'button', id: 'approve-' + step, onclick: decide(true, step)}, 'Approve ' + step),
        ' ',
        h('button', {type: 'button', class: 'secondary', id: 'reject-' + step, onclick: decide(false, step)},
          'Reject ' + step))),
      over ? '' : h('button', {type: 'button', class: 'contrast outline', id: 'cancel-run', onclick: async () => {
        if (!confirm('Cancel run ' + id + '?')) return;
        try {
          await api('/workflows/runs/' + encodeURIComponent(id), {method: 'DELETE'});
        } catch (e) {
          actions.append(h('p', {class: 'field-error', role: 'alert'}, explain(e)));
        }
        refresh();
      }}, 'Cancel run'));
  }
  // Polled (a run may be advanced by any instance behind the load balancer, so a stream from this one would miss
  // steps), once a second until the run has ended: an ended run does not change any more.
  const ended = () => run && ['completed', 'failed', 'cancelled'].includes(run.state);
  await refresh();
  const timer = setInterval(() => { if (ended()) clearInterval(timer); else refresh(); }, 1000);
  return () => { clearInterval(timer); if (cy) cy.destroy(); };
}
