// Tool sources: tool definition files, OpenAPI documents and upstream MCP servers with their problems, and the
// quarantined definitions of an upstream waiting for an operator's approval (admin role).
import {api, explain} from './api.js';
import {h, show, json} from './dom.js';

export async function sourcesPage(main) {
  let body;
  try {
    body = (await api('/tool-sources')).body;
  } catch (e) {
    show(main, h('h2', {}, 'Tool sources'), h('p', {class: 'field-error', role: 'alert'}, explain(e)));
    return;
  }
  const sources = body.sources || [];
  // Upstreams change on their own (a quarantine follows an upstream's list_changed): read them again on demand.
  const refresh = h('button', {type: 'button', class: 'outline', id: 'sources-refresh',
    onclick: () => sourcesPage(main)}, 'Refresh');
  show(main, h('div', {class: 'row'}, h('h2', {}, 'Tool sources'), refresh),
    h('p', {}, 'Folder: ', h('code', {}, body.folder || '(none)'), ' — prompt folder: ',
      h('code', {}, body.prompt_folder || '(none)')),
    h('table', {}, h('thead', {}, h('tr', {}, ['source', 'tools', 'problem', 'quarantined'].map(c => h('th', {}, c)))),
      h('tbody', {}, sources.map(s => h('tr', {},
        h('td', {}, h('code', {}, s.source)),
        h('td', {}, (s.tools || []).join(', ')),
        h('td', {class: s.problem ? 'field-error' : ''}, s.problem || ''),
        h('td', {}, quarantine(s)))))),
    (body.prompts || []).length ? [h('h3', {}, 'Prompt files'), json(body.prompts)] : '');
}

function quarantine(source) {
  const held = source.quarantined || [];
  if (!held.length) return '';
  const out = h('div', {}, h('details', {}, h('summary', {}, held.length + ' held back'), json(held)));
  out.append(h('button', {type: 'button', class: 'secondary', onclick: async e => {
    try {
      await api('/tool-sources/' + encodeURIComponent(source.source) + '/approve', {method: 'POST'});
      e.target.replaceWith(h('span', {class: 'ok'}, 'approved'));
    } catch (err) {
      out.append(h('p', {class: 'field-error', role: 'alert'}, explain(err)));
    }
  }}, 'Approve as listed now'));
  return out;
}
