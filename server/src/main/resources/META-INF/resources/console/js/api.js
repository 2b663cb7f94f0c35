// The console calls the same API as every other client, with the credential the user signed in with (kept in this
// tab's sessionStorage only). Same-origin requests: the server's cross-site guard lets them through.

const KEY = 'toolgate.credential';

export function credential() {
  return sessionStorage.getItem(KEY) || '';
}

export function setCredential(value) {
  if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY);
}

export function headers(extra) {
  const h = Object.assign({'Accept': 'application/json'}, extra || {});
  const c = credential();
  if (c) h['Authorization'] = 'Bearer ' + c;
  return h;
}

/** An API failure: the HTTP status and Toolgate's structured error ({code, message, details}). */
export class ApiError extends Error {
  constructor(status, error) {
    super(error && error.message ? error.message : 'HTTP ' + status);
    this.status = status;
    this.error = error || {};
  }
}

/** fetch + JSON; resolves to {status, body, headers}; rejects with ApiError unless allowError. */
export async function api(path, options = {}) {
  const init = {method: options.method || 'GET', headers: headers(options.headers), credentials: 'same-origin'};
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = {raw: text}; }
  if (!response.ok && !options.allowError) {
    throw new ApiError(response.status, body && body.error ? body.error : {message: text || response.statusText});
  }
  return {status: response.status, body, headers: response.headers};
}

/** What to tell the user when a page's data cannot be read. */
export function explain(e) {
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
    return e.message + ' — sign in with an API key or token that has the role this page needs (docs/console.md).';
  }
  return e.message || String(e);
}
