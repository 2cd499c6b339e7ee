'use strict';
// The customer's side, for demos: <emulator>/pay?widgetKey=… (the widget link, when the
// credential's Payment Link Host is the emulator's URL) lets a person pick a currency and pay.
const { pick, pay } = require('./control');

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:sans-serif;max-width:36em;margin:2em auto">${body}</body></html>`;
}

function html(res, status, title, body) {
	const buf = Buffer.from(page(title, body), 'utf8');
	res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': buf.length });
	res.end(buf);
}

function registerPayPage(emu) {
	emu.route('GET', '/pay', (req, res, { query }) => {
		const widget = emu.state.calypso.widgets[String(query.widgetKey ?? '').toLowerCase()];
		if (!widget) return html(res, 404, 'Not found', '<p>No such payment widget.</p>');
		const options = widget.cryptoCurrencies.map((c) => `<option>${escape(c)}</option>`).join('');
		html(res, 200, 'Pay', `<h1>${escape(widget.description)}</h1><p>State: ${escape(widget.widgetState)}</p>
<form method="post" action="/pay/pick"><input type="hidden" name="widgetKey" value="${escape(widget.idempotencyKey)}">
<label>Currency <select name="currency">${options}</select></label> <label>Amount <input name="amount" placeholder="e.g. 25.5"></label>
<label>Mode <select name="mode"><option>full</option><option>under</option><option>over</option></select></label>
<button>Pay</button></form>`);
	});
	emu.route('POST', '/pay/pick', async (req, res, { body = {} }) => {
		try {
			const picked = await pick(emu, { widgetKey: body.widgetKey, currency: body.currency, amount: body.amount || undefined, wait: false });
			const paid = await pay(emu, { invoiceId: picked.invoice.id, mode: body.mode || 'full', wait: false });
			html(res, 200, 'Paid', `<p>Invoice ${escape(paid.invoice.id)}: ${escape(paid.invoice.state)}, received ${escape(paid.received)} ${escape(paid.invoice.currency)}.</p>`);
		} catch (error) {
			html(res, error.status ?? 500, 'Refused', `<p>${escape(error.message)}</p>`);
		}
	});
}

module.exports = { registerPayPage };
