'use strict';
// The payer's side for demos: the link URL opens a small page that can pay or fail the link.
const { findProductByToken } = require('./store');
const { payLink } = require('./control');

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function pageHtml(product, lang, message) {
	const english = lang !== 'tr';
	const title = english ? 'Pay' : 'Öde';
	return `<!doctype html><html lang="${english ? 'en' : 'tr'}"><head><meta charset="utf-8"><title>${escape(product.name)}</title></head>
<body><h1>${escape(product.name)}</h1><p>${escape(product.description)}</p><p><strong>${escape(product.price)} ${escape(product.currency)}</strong></p>
${message ? `<p>${escape(message)}</p>` : ''}
<form method="post" action="/l/${escape(product.token)}/pay"><button name="outcome" value="success">${title}</button>
<button name="outcome" value="failure">${english ? 'Pay with a declined card' : 'Reddedilen kartla öde'}</button></form></body></html>`;
}

function registerPaymentPage(emu) {
	emu.route('GET', '/l/:token', (req, res, { params, query }) => {
		const product = findProductByToken(emu, params.token);
		if (!product) return emu.text(res, 404, 'This payment link does not exist.');
		emu.text(res, 200, pageHtml(product, query.lang), { 'content-type': 'text/html; charset=utf-8' });
	});
	emu.route('GET', '/l/:token/qr', (req, res, { params }) => {
		const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><rect width="120" height="120" fill="#fff"/><text x="10" y="64" font-size="10">${escape(params.token)}</text></svg>`;
		emu.text(res, 200, svg, { 'content-type': 'image/svg+xml' });
	});
	emu.route('POST', '/l/:token/pay', async (req, res, ctx) => {
		const product = findProductByToken(emu, ctx.params.token);
		if (!product) return emu.text(res, 404, 'This payment link does not exist.');
		const outcome = (emu.jsonBody(ctx) ?? {}).outcome ?? 'success';
		const answer = await payLink(emu, { productId: product.id, outcome, wait: false });
		const message = answer.status === 200 ? `Payment ${answer.body.payment.paymentStatus}` : answer.body.error;
		emu.text(res, answer.status, pageHtml(product, 'en', message), { 'content-type': 'text/html; charset=utf-8' });
	});
}

module.exports = { registerPaymentPage };
