import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/** The last calls through any door (GET /calls), newest first; refreshed on demand. */
export class QwcToolgateCalls extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: block; padding: 0.5em 1em; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: top; }
        td.args { font-family: var(--lumo-font-family-monospace, monospace); font-size: 0.85em; word-break: break-all; }
        .failed { color: var(--lumo-error-text-color); }
    `;

    static properties = { _calls: { state: true } };

    constructor() {
        super();
        this._calls = [];
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.getLastCalls().then(response => { this._calls = response.result; });
    }

    render() {
        return html`
            <button @click=${() => this._refresh()}>Refresh</button>
            ${this._calls.length === 0 ? html`<p>No calls yet.</p>` : html`
            <table>
                <tr><th>time</th><th>tool</th><th>door</th><th>caller</th><th>outcome</th><th>ms</th><th>arguments</th></tr>
                ${this._calls.map(call => html`<tr>
                    <td>${call.time}</td><td>${call.tool}</td><td>${call.door}</td><td>${call.principal}</td>
                    <td class=${call.success ? '' : 'failed'}>${call.success ? 'ok' : call.code}</td>
                    <td>${Number(call.duration_ms).toFixed(1)}</td>
                    <td class="args">${JSON.stringify(call.arguments)}</td></tr>`)}
            </table>`}`;
    }
}

customElements.define('qwc-toolgate-calls', QwcToolgateCalls);
