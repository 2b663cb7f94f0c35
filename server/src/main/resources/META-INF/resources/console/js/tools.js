// Tools: the catalogue with search, one tool's definition, policy, lint findings, token cost and provider formats,
// and a form generated from its input schema (json-editor) that calls it through the REST door.
import {api, explain} from './api.js';
import {h, show, json, copyButton} from './dom.js';

const FORMATS = ['mcp', 'openai', 'openai-responses', 'anthropic', 'gemini', 'bedrock'];

export async function toolsPage(main, [name]) {
  const list = h('ul', {class: 'tool-list', 'aria-label': 'Tools'});
  const detail = h('section', {'aria-live': 'polite'});
  const query = h('input', {type: 'search', id: 'tool-search', name: 'q', placeholder: 'What should the tool do?',
    'aria-label': 'Search tools'});
  const status = h('small', {id: 'search-status', 'aria-live': 'polite'});
  // Not role=search: Pico draws that as one pill with the status inside; the region has its own landmark label.
  const form = h('form', {'aria-label': 'Search tools', onsubmit: e => { e.preventDefault(); load(); }}, query,
    h('p', {}, status));
  show(main, h('div', {class: 'split'}, h('aside', {}, h('h2', {}, 'Tools'), form, list), detail));

  async function load() {
    const q = query.value.trim();
    const r = await api('/tools' + (q ? '?q=' + encodeURIComponent(q) + '&limit=20' : ''));
    const tools = r.body.tools || [];
    const tokens = r.headers.get('Toolgate-Tokens'); // absent until the tokenizer has loaded, just after start-up
    status.textContent = tools.length + ' tools' + (q ? ' matching, ranked by ' + r.headers.get('Toolgate-Ranking')
      : '') + (tokens ? '; ' + tokens + ' tokens to offer them all' : '');
    show(list, tools.map(t => h('li', {}, h('button', {type: 'button', class: 'outline', dataset: {tool: t.name},
      onclick: () => { location.hash = '#/tools/' + encodeURIComponent(t.name); }},
      t.title || t.name, h('small', {}, t.name), h('small', {}, firstLine(t.description))))));
  }
  let timer;
  query.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  await load();
  if (name) await describe(detail, name);
  else show(detail, h('p', {}, 'Pick a tool to see its definition and try it.'));
}

function firstLine(text) {
  const s = String(text || '').split('\n')[0];
  return s.length > 140 ? s.slice(0, 137) + '…' : s;
}

async function describe(detail, name) {
  let tool;
  try {
    tool = (await api('/tools/' + encodeURIComponent(name))).body;
  } catch (e) {
    show(detail, h('p', {class: 'field-error', role: 'alert'}, explain(e)));
    return;
  }
  const hints = tool.annotations || {};
  const policy = tool.policy || {};
  const formats = h('div', {class: 'formats'});
  const tryIt = h('section', {id: 'try'});
  show(detail,
    h('h2', {id: 'tool-name'}, tool.title || tool.name),
    h('p', {}, h('code', {}, tool.name)),
    h("p", {id: "tool-description", class: "prewrap"}, tool.description || ''),
    h('div', {class: 'badges', 'aria-label': 'Hints and tags'},
      Object.entries(hints).filter(([, v]) => v === true).map(([k]) => h('span', {}, k)),
      (tool.tags || []).map(t => h('span', {}, 'tag: ' + t))),
    h('details', {open: true}, h('summary', {}, 'Policy'), h('table', {}, h('tbody', {},
      row('timeout', (policy.timeout_ms / 1000) + ' s'),
      row('bulkhead (max concurrent calls)', policy.max_concurrency),
      row('retries', policy.retry ? policy.retry.max_retries + ' (from ' + policy.retry.initial_delay_ms + ' ms, '
        + policy.retry.backoff + ')' : ''),
      row('circuit breaker', policy.circuit_breaker && policy.circuit_breaker.enabled
        ? policy.circuit_breaker.state + ' — opens at ' + policy.circuit_breaker.failure_ratio * 100
          + ' % failures of ' + policy.circuit_breaker.request_volume + ' calls, for '
          + policy.circuit_breaker.delay_ms + ' ms' : 'off'),
      row('rate limit', policy.rate_limit ? policy.rate_limit.calls + ' calls per ' + policy.rate_limit.period_ms
        + ' ms' : 'none'),
      row('roles', (policy.roles || []).join(', ') || 'anyone'),
      row('result cache', policy.cache && policy.cache.enabled ? policy.cache.ttl_ms + ' ms' : 'off')))),
    h('details', {}, h('summary', {}, 'Token cost per format'), h('table', {}, h('tbody', {},
      Object.entries(tool.token_cost || {}).map(([f, n]) => row(f, n + ' tokens'))))),
    (tool.lint || []).length ? h('details', {open: true}, h('summary', {}, 'Lint findings'),
      h('ul', {class: 'errors'}, tool.lint.map(l => h('li', {}, l)))) : h('p', {}, 'No lint findings.'),
    h('details', {}, h('summary', {}, 'Input and output schemas'), json(tool.inputSchema),
      tool.outputSchema ? json(tool.outputSchema) : ''),
    h('details', {}, h('summary', {}, 'Provider formats, side by side'), formats),
    tryIt);
  for (const f of FORMATS) {
    const box = h('article', {}, h('header', {}, f));
    formats.append(box);
    api('/tools/' + encodeURIComponent(name) + '?format=' + f).then(r => {
      const text = JSON.stringify(r.body, null, 2);
      box.append(json(r.body), copyButton('Copy ' + f, () => text));
    }).catch(e => box.append(h('p', {class: 'field-error'}, explain(e))));
  }
  tryCall(tryIt, tool);
}

function row(name, value) {
  return h('tr', {}, h('th', {scope: 'row'}, name), h('td', {}, value === undefined ? '' : String(value)));
}

/** A form from the input schema, the call through POST /tools/{name}/invoke, errors next to their fields. */
function tryCall(section, tool) {
  const holder = h('div', {id: 'call-form'});
  const result = h('div', {id: 'call-result', 'aria-live': 'polite'});
  const button = h('button', {type: 'button', id: 'call-button'}, 'Call ' + tool.name);
  show(section, h('h3', {}, 'Try a call'), holder, button, result);
  // json-editor (a UMD global from its webjar): the "html" theme, no icon library, our own error display.
  const editor = new window.JSONEditor(holder, {
    schema: forJsonEditor(tool.inputSchema), theme: 'html', iconlib: null, disable_edit_json: true, disable_properties: true,
    disable_collapse: true, show_errors: 'never', compact: false, prompt_before_delete: false,
    display_required_only: false, show_opt_in: false, no_additional_properties: true,
  });
  button.addEventListener('click', async () => {
    button.setAttribute('aria-busy', 'true');
    clearFieldErrors(holder);
    try {
      const r = await api('/tools/' + encodeURIComponent(tool.name) + '/invoke', {method: 'POST',
        body: {arguments: editor.getValue()}, allowError: true});
      const body = r.body || {};
      if (body.success) {
        show(result, h('p', {class: 'ok'}, 'Succeeded (HTTP ' + r.status + ')'), json(body.result));
      } else {
        const error = body.error || {};
        const details = error.details || [];
        // Each violation shown under the field that caused it, and listed.
        details.forEach(d => showFieldError(holder, editorPath(d.field), d.message));
        show(result, h('p', {class: 'field-error', role: 'alert'}, (error.code || 'HTTP ' + r.status) + ': '
          + (error.message || '')),
          details.length ? h('ul', {class: 'errors'}, details.map(d => h('li', {}, h('code', {}, d.field || '(call)'),
            ' — ', d.message))) : '');
      }
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
}

/**
 * json-editor turns titles and descriptions into text by parsing them as HTML in a detached element (its cleanText),
 * which creates an upstream's <img onerror=...> there (the Content-Security-Policy blocks the handler, but the image
 * is fetched). HTML-escaped first, they parse back to exactly the text; a property without a title gets its name as
 * an escaped title, since json-editor shows the name the same way.
 */
function forJsonEditor(schema) {
  const escape = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const walk = node => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = (k === 'title' || k === 'description') && typeof v === 'string' ? escape(v) : walk(v);
    }
    const rules = constraints(node);
    if (rules) out.description = (out.description ? out.description + ' ' : '') + '(' + escape(rules) + ')';
    if (out.properties && typeof out.properties === 'object' && !Array.isArray(out.properties)) {
      for (const [name, sub] of Object.entries(out.properties)) {
        if (sub && typeof sub === 'object' && sub.title === undefined) sub.title = escape(name);
      }
    }
    return out;
  };
  const out = walk(schema);
  if (out && typeof out === 'object' && out.title === undefined) out.title = 'Arguments'; // not json-editor's "root"
  return out;
}

/** The constraints of one schema node in words, shown with its field: "minimum 1, at most 1000". */
function constraints(node) {
  const words = {minimum: 'minimum', maximum: 'maximum', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than',
    minLength: 'at least characters:', maxLength: 'at most characters:', pattern: 'pattern', format: 'format',
    minItems: 'at least items:', maxItems: 'at most items:', multipleOf: 'multiple of'};
  const out = Object.entries(words).filter(([k]) => node[k] !== undefined && typeof node[k] !== 'object')
    .map(([k, w]) => w + ' ' + node[k]);
  if (Array.isArray(node.required) && node.required.length) out.push('required: ' + node.required.join(', '));
  return out.join(', ');
}

function clearFieldErrors(holder) {
  holder.querySelectorAll('.field-error').forEach(e => e.remove());
  holder.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
}

/** The server's message under the field json-editor drew for that schema path (or the nearest enclosing one). */
function showFieldError(holder, path, message) {
  let p = path;
  let container = null;
  while (p && !(container = holder.querySelector(`[data-schemapath="${CSS.escape(p)}"]`))) {
    p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
  }
  if (!container) return;
  const id = 'error-' + path.replace(/[^a-zA-Z0-9_-]/g, '-');
  container.append(h('p', {class: 'field-error', id, role: 'alert'}, message));
  const input = container.querySelector('input, select, textarea');
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
  }
}

/** "items[0].product_id" or "/items/0/product_id" -> json-editor's "root.items.0.product_id". */
function editorPath(field) {
  if (!field) return 'root';
  const parts = String(field).replace(/^\$\.?/, '').replace(/\[(\d+)\]/g, '.$1').split(/[./]/).filter(p => p);
  return ['root', ...parts].join('.');
}
