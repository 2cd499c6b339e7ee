'use strict';
// What `npm run demo` prints for each journey example (examples/journey-*.json): shell lines with
// which a newcomer plays the customer. A journey started by a New Order webhook gets a fresh
// order id ($ORDER), the curl line that posts a sample order to it, and the emulator's control
// calls that pay it, fail it, and show what the customer received. The scheduled sweep gets the
// calls that settle its sample orders (seeded in the emulator by wiring.js) before it runs.

/** How the journeys' New Order webhooks are fed: one sample order per journey. */
const SAMPLES = {
	'journey-exotel-payment.json': {
		prefix: 'EX',
		body: (orderId, phone = '+919876543210') => ({
			orderId,
			phone,
			order: { catalog_id: 'chai-corner', items: [{ retailer_id: 'GIFT-500', name: 'Gift card ₹500', amount: '500.00', quantity: 1 }] },
		}),
	},
	'journey-360dialog-payment.json': {
		prefix: 'DL',
		body: (orderId, phone = '+919876543210') => ({
			orderId,
			phone,
			order: { catalog_id: 'chai-corner', items: [{ retailer_id: 'GIFT-500', name: 'Gift card ₹500', amount: '500.00', quantity: 1 }] },
		}),
	},
	'journey-craftgate-link.json': {
		prefix: 'TR',
		body: (orderId, phone = '+905321234567') => ({ orderId, phone, total: '149.90', currency: 'TRY', description: '2 × Turkish coffee 250 g' }),
	},
	'journey-calypso-widget.json': {
		prefix: 'CR',
		body: (orderId, phone = '+971501234567') => ({ orderId, phone, summary: `Order ${orderId}: 2 × Coffee beans, 25 USD` }),
	},
};

/** The shell variable the printed lines share, and how a JSON body names it. */
const ORDER_VARIABLE = 'ORDER';
const ORDER_PLACEHOLDER = '@@ORDER@@';

/** `body` as a single-quoted shell word in which the order id is the shell's $ORDER. */
function shellJson(body) {
	const json = JSON.stringify(body).replaceAll("'", "'\\''");
	return `'${json.replaceAll(ORDER_PLACEHOLDER, `'"$${ORDER_VARIABLE}"'`)}'`;
}

const post = (url, body) => `curl -s -H 'content-type: application/json' -d ${shellJson(body)} ${url}`;
const get = (url) => `curl -s '${url}'`;

/** The customer's side of each provider: pay, fail, and what the customer received. */
const CUSTOMER = {
	'journey-exotel-payment.json': (emulator, phone) => [
		['pay (Paid: the order moves to processing, then a thank-you text)', post(`${emulator}/_control/exotel/pay`, { reference_id: ORDER_PLACEHOLDER, outcome: 'success' })],
		['or do nothing for 30 minutes (Timed Out: the order is canceled)'],
		['what the customer received', get(`${emulator}/_control/exotel/messages?to=${encodeURIComponent(phone)}`)],
	],
	'journey-360dialog-payment.json': (emulator, phone) => [
		['pay (Paid: the order moves to processing)', post(`${emulator}/_control/dialog360/pay`, { reference_id: ORDER_PLACEHOLDER, outcome: 'captured' })],
		['or fail it (Failed: the order is canceled, saying the payment failed)', post(`${emulator}/_control/dialog360/pay`, { reference_id: ORDER_PLACEHOLDER, outcome: 'failed' })],
		['what the customer received', get(`${emulator}/_control/dialog360/messages?to=${phone.replace(/\D/g, '')}`)],
	],
	'journey-craftgate-link.json': (emulator, phone) => [
		['pay the link (Paid: "payment successful"); the text also carries the link, which opens a payment page', post(`${emulator}/_control/craftgate/pay`, { orderId: ORDER_PLACEHOLDER, outcome: 'success' })],
		['or decline the card (Failed: "payment failed")', post(`${emulator}/_control/craftgate/pay`, { orderId: ORDER_PLACEHOLDER, outcome: 'failure' })],
		['or do nothing for 30 minutes (Timed Out: the link is deactivated, "link expired")'],
		['what the customer received', get(`${emulator}/_control/dialog360/messages?type=text&to=${phone.replace(/\D/g, '')}`)],
	],
	'journey-calypso-widget.json': (emulator, phone) => [
		['pick a currency on the widget, then pay (Paid: a confirmation text)', post(`${emulator}/_control/calypso/pick`, { externalId: ORDER_PLACEHOLDER, currency: 'USDT_TRX', amount: '25' })],
		[null, post(`${emulator}/_control/calypso/pay`, { externalId: ORDER_PLACEHOLDER, mode: 'full' })],
		['or, after the pick, have Calypso decline it (Failed, at the next check: within a minute)', post(`${emulator}/_control/calypso/decline`, { externalId: ORDER_PLACEHOLDER, amount: '25' })],
		['what the customer received', get(`${emulator}/_control/dialog360/messages?type=text&to=${phone.replace(/\D/g, '')}`)],
	],
};

const SWEEP_FILE = 'journey-scheduled-sweep.json';
const SWEEP_SOURCE = 'Open Orders (Sample)';

/** The sample rows of the sweep's Open Orders (Sample) node, or [] when the workflow has none. */
function sweepRows(workflow) {
	const source = workflow.nodes.find((node) => node.name === SWEEP_SOURCE);
	if (!source) return [];
	try {
		const parsed = JSON.parse(source.parameters.jsonOutput);
		return Array.isArray(parsed.orders) ? parsed.orders : [];
	} catch {
		return [];
	}
}

/** The control calls that settle one sample row of the sweep. */
function settleRow(emulator, row) {
	if (row.provider === 'dialog360') {
		return [
			[`pay ${row.orderId} (360dialog: the order moves to processing)`, post(`${emulator}/_control/dialog360/pay`, { reference_id: row.orderId, outcome: 'captured' })],
		];
	}
	if (row.provider === 'craftgate') {
		return [[`decline the card on link ${row.linkId} of ${row.orderId} (Craftgate: canceled by text)`, post(`${emulator}/_control/craftgate/pay`, { productId: Number(row.linkId), outcome: 'failure' })]];
	}
	if (row.provider === 'calypsoPay') {
		return [
			[`pick and pay ${row.orderId} (Calypso Pay: a thank-you text)`, post(`${emulator}/_control/calypso/pick`, { widgetKey: row.widgetKey, currency: 'USDT_TRX', amount: '25' })],
			[null, post(`${emulator}/_control/calypso/pay`, { externalId: row.orderId, mode: 'full' })],
		];
	}
	return [];
}

/** Comment lines and commands as printed: `# what` above its command. */
function render(pairs) {
	const lines = [];
	for (const [comment, command] of pairs) {
		if (comment) lines.push(`# ${comment}`);
		if (command) lines.push(command);
	}
	return lines;
}

/**
 * The lines to print for one loaded example ({ file, workflow }), or [] when it is not a journey.
 * `webhookUrl(path)` gives n8n's production URL of a Webhook node path; `emulatorUrl` the emulator.
 */
function journeyLines({ file, workflow }, { webhookUrl, emulatorUrl }) {
	const name = require('node:path').basename(file);
	if (name === SWEEP_FILE) {
		const rows = sweepRows(workflow);
		return render([
			...rows.flatMap((row) => settleRow(emulatorUrl, row)),
			[`then open "${workflow.name}" in the editor and click Execute workflow (it also runs every 15 minutes)`],
			['what the customers received', get(`${emulatorUrl}/_control/dialog360/messages`)],
		]);
	}
	const sample = SAMPLES[name];
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	if (!sample || !webhook) return [];
	const body = sample.body(ORDER_PLACEHOLDER);
	return [
		`${ORDER_VARIABLE}=${sample.prefix}-$(date +%s)`,
		...render([
			['start: the shop posts a new order', post(webhookUrl(webhook.parameters.path), body)],
			...CUSTOMER[name](emulatorUrl, body.phone),
		]),
	];
}

module.exports = { journeyLines, sweepRows, SAMPLES, SWEEP_FILE, SWEEP_SOURCE, ORDER_VARIABLE };
