import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/**
 * Toolgate's tools in the Dev UI: each with its description, lint findings and schemas, and a form built from its
 * input schema that calls it through the same pipeline as every door (validation, roles, audit, metrics).
 */
export class QwcToolgateTools extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; gap: 1em; padding: 0.5em 1em; height: 100%; box-sizing: border-box; }
        .list { flex: 0 0 18em; overflow-y: auto; border-right: 1px solid var(--lumo-contrast-10pct); }
        .tool { padding: 0.4em 0.6em; cursor: pointer; border-radius: 4px; }
        .tool:hover, .tool.selected { background: var(--lumo-primary-color-10pct); }
        .tool .lintmark { color: var(--lumo-warning-text-color, #b26b00); margin-left: 0.3em; }
        .detail { flex: 1; overflow-y: auto; }
        .lint { color: var(--lumo-warning-text-color, #b26b00); }
        label { display: block; margin-top: 0.6em; font-weight: 600; }
        .hint { font-weight: normal; color: var(--lumo-secondary-text-color); font-size: 0.9em; }
        input, select, textarea { width: 100%; box-sizing: border-box; font-family: var(--lumo-font-family-monospace, monospace); }
        textarea { min-height: 4em; }
        button { margin-top: 0.8em; }
        pre { background: var(--lumo-contrast-5pct); padding: 0.6em; overflow-x: auto; }
        .failed { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _tools: { state: true },
        _selected: { state: true },
        _result: { state: true },
        _error: { state: true },
    };

    constructor() {
        super();
        this._tools = [];
        this._selected = null;
        this._result = null;
        this._error = null;
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getTools().then(response => {
            this._tools = response.result;
            if (this._tools.length > 0 && !this._selected) {
                this._selected = this._tools[0];
            }
        });
    }

    render() {
        return html`
            <div class="list">
                ${this._tools.map(tool => html`
                    <div class="tool ${this._selected && this._selected.name === tool.name ? 'selected' : ''}"
                         @click=${() => { this._selected = tool; this._result = null; this._error = null; }}>
                        ${tool.name}${tool.lint.length > 0 ? html`<span class="lintmark" title="lint findings">⚠</span>` : ''}
                    </div>`)}
            </div>
            <div class="detail">${this._selected ? this._detail(this._selected) : html`<p>No tools are served.</p>`}</div>`;
    }

    _detail(tool) {
        const properties = (tool.inputSchema && tool.inputSchema.properties) || {};
        const required = (tool.inputSchema && tool.inputSchema.required) || [];
        return html`
            <h3>${tool.title || tool.name}</h3>
            <p>${tool.description}</p>
            ${tool.roles.length > 0 ? html`<p>Roles: ${tool.roles.join(', ')}</p>` : ''}
            ${tool.lint.map(problem => html`<p class="lint">⚠ ${problem}</p>`)}
            <form id="call" @submit=${e => this._call(e, tool)}>
                ${Object.entries(properties).map(([name, schema]) => this._field(name, schema, required.includes(name)))}
                <button type="submit">Call ${tool.name}</button>
            </form>
            ${this._error ? html`<p class="failed">${this._error}</p>` : ''}
            ${this._result ? html`<h4 class=${this._result.success ? '' : 'failed'}>${this._result.success ? 'Result' : 'Refused or failed'}</h4>
                <pre>${JSON.stringify(this._result, null, 2)}</pre>` : ''}
            <details><summary>Input schema</summary><pre>${JSON.stringify(tool.inputSchema, null, 2)}</pre></details>
            ${tool.outputSchema ? html`<details><summary>Output schema</summary><pre>${JSON.stringify(tool.outputSchema, null, 2)}</pre></details>` : ''}`;
    }

    _field(name, schema, required) {
        const label = html`<label for=${name}>${name}${required ? ' *' : ''}
            <span class="hint">${schema.type || ''} ${schema.description || ''}</span></label>`;
        if (Array.isArray(schema.enum)) {
            return html`${label}<select id=${name} name=${name} data-kind="enum">
                ${required ? '' : html`<option value=""></option>`}
                ${schema.enum.map(v => html`<option value=${JSON.stringify(v)}>${v}</option>`)}</select>`;
        }
        switch (schema.type) {
            case 'boolean':
                return html`${label}<select id=${name} name=${name} data-kind="json">
                    ${required ? '' : html`<option value=""></option>`}
                    <option value="true">true</option><option value="false">false</option></select>`;
            case 'integer':
            case 'number':
                return html`${label}<input id=${name} name=${name} type="number" data-kind="number"
                    step=${schema.type === 'integer' ? '1' : 'any'} ?required=${required}>`;
            case 'string':
                return html`${label}<input id=${name} name=${name} type="text" data-kind="string" ?required=${required}>`;
            default:
                return html`${label}<textarea id=${name} name=${name} data-kind="json"
                    placeholder="JSON, e.g. ${schema.type === 'array' ? '[]' : '{}'}"></textarea>`;
        }
    }

    _call(event, tool) {
        event.preventDefault();
        this._error = null;
        const args = {};
        for (const element of event.target.querySelectorAll('[name]')) {
            const text = element.value;
            if (text === '') {
                continue;
            }
            const kind = element.dataset.kind;
            try {
                args[element.name] = kind === 'string' ? text : kind === 'number' ? Number(text) : JSON.parse(text);
            } catch (e) {
                this._error = `${element.name}: not valid JSON (${e.message})`;
                return;
            }
        }
        this.jsonRpc.callTool({ name: tool.name, arguments: JSON.stringify(args) })
            .then(response => { this._result = response.result; })
            .catch(failure => { this._error = failure.error ? failure.error.message : String(failure); });
    }
}

customElements.define('qwc-toolgate-tools', QwcToolgateTools);
