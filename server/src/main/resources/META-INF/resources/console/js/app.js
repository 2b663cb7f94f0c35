// The console's shell: hash routes (#/tools, #/tools/<name>, #/calls, #/workflows, #/workflows/run/<id>, #/audit,
// #/sources), the sign-in box, and one page at a time in <main>.
import {credential, setCredential, explain} from './api.js';
import {show, h} from './dom.js';
import {toolsPage} from './tools.js';
import {callsPage} from './calls.js';
import {workflowsPage} from './workflows.js';
import {auditPage} from './audit.js';
import {sourcesPage} from './sources.js';

const PAGES = {tools: toolsPage, calls: callsPage, workflows: workflowsPage, audit: auditPage, sources: sourcesPage};
const main = document.getElementById('main');
let leave = null; // the current page's clean-up (closes streams, timers)

async function route() {
  const [page, ...rest] = (location.hash.replace(/^#\/?/, '') || 'tools').split('/').map(decodeURIComponent);
  if (leave) { leave(); leave = null; }
  for (const a of document.querySelectorAll('nav a[data-page]')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const render = PAGES[page];
  if (!render) {
    show(main, h('p', {}, 'No such page: ', page));
    return;
  }
  show(main, h('p', {'aria-busy': 'true'}, 'Loading…'));
  try {
    leave = await render(main, rest) || null;
  } catch (e) {
    show(main, h('p', {class: 'field-error', role: 'alert'}, explain(e)));
  }
  document.title = 'Toolgate console — ' + page;
}

function signedIn() {
  document.getElementById('who').textContent = credential() ? 'signed in with a credential' : 'no credential';
}

document.getElementById('sign-in').addEventListener('submit', event => {
  event.preventDefault();
  const input = document.getElementById('credential');
  setCredential(input.value.trim());
  input.value = '';
  signedIn();
  route();
});

window.addEventListener('hashchange', route);
signedIn();
route();
