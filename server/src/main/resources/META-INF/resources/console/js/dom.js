// Builds the page from elements and text nodes only: nothing the server sends (tool descriptions, arguments,
// results, all of which come from upstream servers and models) is ever parsed as HTML.

/** h('a', {href: '#x', onclick: fn}, 'text', child) — attributes, event handlers (on*), text or element children. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function show(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function json(value) {
  return h('pre', {}, h('code', {}, JSON.stringify(value, null, 2)));
}

/** A copy-to-clipboard button for a text. */
export function copyButton(label, text) {
  const button = h('button', {class: 'secondary outline', type: 'button', onclick: async () => {
    await navigator.clipboard.writeText(text()).catch(() => {});
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = label; }, 1500);
  }}, label);
  return button;
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}
