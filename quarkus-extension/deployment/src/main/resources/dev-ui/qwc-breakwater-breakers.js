import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { guardedMethods } from 'build-time-data';

/**
 * Breakwater's Dev UI page: the live circuit breakers (state, counters, actions) and rate limiters (limit, permits
 * left, counters) from the JSON-RPC service, and the guarded methods with their annotations from the build.
 */
export class QwcBreakwaterBreakers extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct); }
        .OPEN { color: var(--lumo-error-text-color); font-weight: bold; }
        .HELD_OPEN { color: var(--lumo-error-text-color); font-weight: bold; font-style: italic; }
        .HALF_OPEN { color: var(--lumo-warning-text-color, orange); }
        .CLOSED { color: var(--lumo-success-text-color); }
        .HELD_CLOSED { color: var(--lumo-success-text-color); font-style: italic; }
        .DISABLED { color: var(--lumo-disabled-text-color, gray); font-style: italic; }
        code { font-size: var(--lumo-font-size-s); }
    `;

    static properties = {
        _breakers: { state: true },
        _limiters: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this._show(this.jsonRpc.breakers());
        this.jsonRpc.rateLimiters().then(response => {
            this._limiters = response.result;
        }).catch(failure => {
            this._error = failure?.error?.message ?? String(failure);
        });
    }

    render() {
        return html`
            <h3>Circuit breakers <button @click=${() => this._refresh()}>Refresh</button></h3>
            ${this._error ? html`<p class="OPEN">${this._error}</p>` : ''}
            ${this._breakers ? this._breakerTable() : html`<p>Loading…</p>`}
            <h3>Rate limiters</h3>
            ${this._limiters ? this._limiterTable() : html`<p>Loading…</p>`}
            <h3>Guarded methods</h3>
            <table>
                <tr><th>Method</th><th>Annotations</th></tr>
                ${guardedMethods.map(row => html`
                    <tr><td><code>${row.method}</code></td><td><code>${row.annotations}</code></td></tr>`)}
            </table>`;
    }

    _breakerTable() {
        return html`
            <table>
                <tr><th>Name</th><th>State</th><th>Fleet</th><th>Since (s)</th><th>Methods</th><th>Succeeded</th><th>Failed</th>
                    <th>Rejected</th><th>Opened</th><th></th></tr>
                ${this._breakers.map(breaker => html`
                    <tr data-breaker=${breaker.name}>
                        <td>${breaker.name}</td>
                        <td class=${breaker.state}>${breaker.state}</td>
                        <td>${breaker.fleet}</td>
                        <td>${Math.round(breaker.millisInState / 1000)}</td>
                        <td>${breaker.methods.map(method => html`<code>${method}</code><br>`)}</td>
                        <td>${breaker.succeeded}</td>
                        <td>${breaker.failed}</td>
                        <td>${breaker.rejected}</td>
                        <td>${breaker.timesOpened}</td>
                        <td>
                            <button @click=${() => this._show(this.jsonRpc.reset({ name: breaker.name }))}>Reset</button>
                            <button @click=${() => this._show(this.jsonRpc.forceOpen({ name: breaker.name }))}>Open</button>
                            <button @click=${() => this._show(this.jsonRpc.holdOpen({ name: breaker.name }))}>Hold open</button>
                            <button @click=${() => this._show(this.jsonRpc.forceClosed({ name: breaker.name }))}>Close</button>
                            <button @click=${() => this._show(this.jsonRpc.holdClosed({ name: breaker.name }))}>Hold closed</button>
                            <button @click=${() => this._show(this.jsonRpc.disable({ name: breaker.name }))}>Disable</button>
                        </td>
                    </tr>`)}
            </table>`;
    }

    _limiterTable() {
        if (this._limiters.length === 0) {
            return html`<p>No method has <code>@RateLimit</code>.</p>`;
        }
        return html`
            <table>
                <tr><th>Method</th><th>Limit</th><th>Window (ms)</th><th>Min spacing (ms)</th><th>Type</th>
                    <th>Fleet</th><th>Permits left</th><th>Permitted</th><th>Refused</th></tr>
                ${this._limiters.map(limiter => html`
                    <tr>
                        <td><code>${limiter.method}</code></td>
                        <td>${limiter.limit}</td>
                        <td>${limiter.windowMillis}</td>
                        <td>${limiter.minSpacingMillis}</td>
                        <td>${limiter.type}</td>
                        <td>${limiter.fleet}</td>
                        <td class=${limiter.permitsLeft === 0 ? 'OPEN' : ''}>${limiter.permitsLeft}</td>
                        <td>${limiter.permitted}</td>
                        <td>${limiter.rejected}</td>
                    </tr>`)}
            </table>`;
    }

    /** Every call answers with all breakers, so one handler redraws the table or shows why it failed. */
    _show(call) {
        call.then(response => {
            this._breakers = response.result;
            this._error = null;
        }).catch(failure => {
            this._error = failure?.error?.message ?? String(failure);
        });
    }
}

customElements.define('qwc-breakwater-breakers', QwcBreakwaterBreakers);
