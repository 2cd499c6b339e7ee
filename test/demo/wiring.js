'use strict';
// Tells the in-process emulator where the demo's published payment triggers listen, so a
// payment made through the emulator's control API reaches n8n, and gives it the orders that the
// published "360dialog: Check a Payment" example and the scheduled sweep's sample rows look up.
const crypto = require('node:crypto');
const path = require('node:path');
const emulatorSecrets = require('../emulator/credentials');
const { request } = require('../e2e/harness/net');
const { PACKAGE_PREFIX } = require('../e2e/harness/workflows');
const { sweepRows, SWEEP_FILE } = require('./journeys');

// What examples/dialog360-check-payment.json checks (Order to Check, Get Payment).
const CHECKED_ORDER = 'ORDER-1001';
const CHECKED_CONFIGURATION = 'my-razorpay-config';

const money = (rupees) => ({ value: Math.round(rupees * 100), offset: 100 });
const importer = {
	country_of_origin: 'India',
	importer_name: 'Chai Traders Pvt Ltd',
	importer_address: { address_line1: '14 Park Street', city: 'Kolkata', zone_code: 'WB', postal_code: '700016', country_code: 'IN' },
};

// The payment request the shop sent for the checked order, without expiry so it stays payable
// for as long as the demo runs: two Assam teas, GST and shipping, ₹460.00.
const checkedOrderRequest = {
	messaging_product: 'whatsapp',
	recipient_type: 'individual',
	to: '919876543210',
	type: 'interactive',
	interactive: {
		type: 'order_details',
		body: { text: 'Thanks for shopping with Chai Corner! Tap Review and Pay to complete your order.' },
		action: {
			name: 'review_and_pay',
			parameters: {
				reference_id: CHECKED_ORDER,
				type: 'physical-goods',
				payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: CHECKED_CONFIGURATION } }],
				currency: 'INR',
				total_amount: money(460),
				order: {
					status: 'pending',
					items: [{ retailer_id: 'TEA-ASSAM-250', name: 'Assam Tea 250 g', amount: money(240), sale_amount: money(200), quantity: 2, ...importer }],
					subtotal: money(400),
					tax: { ...money(20), description: 'GST 5%' },
					shipping: { ...money(40), description: 'Standard delivery' },
				},
				beneficiaries: [
					{ name: 'Asha Rao', address_line1: '22 Lake View Road', city: 'Kolkata', state: 'West Bengal', country: 'India', postal_code: '700029' },
				],
			},
		},
	},
};

async function expectOk(response, what) {
	if (response.status !== 200) throw new Error(`the emulator refused the demo's ${what} (${response.status}): ${response.text}`);
	return response.json;
}

/** A 360dialog payment request like the checked order's, for `referenceId`. */
async function sendDialog360Order(emulator, referenceId, to) {
	const body = structuredClone(checkedOrderRequest);
	body.to = String(to).replace(/\D/g, '');
	body.interactive.action.parameters.reference_id = referenceId;
	await expectOk(await request(`${emulator.url}/messages`, { method: 'POST', headers: { 'D360-API-KEY': emulatorSecrets.dialog360.apiKey }, body }), `${referenceId} order`);
}

/** A Craftgate link carrying `orderId`, signed as Craftgate requires; its id. */
async function createCraftgateLink(emulator, orderId) {
	const url = `${emulator.url}/craftlink/v1/products`;
	const body = JSON.stringify({ name: 'MyCompany WhatsApp Order', description: `Order ${orderId}`, price: 149.9, currency: 'TRY', enabledInstallments: [1], orderId, stock: 1, channel: 'WHATSAPP' });
	const { apiKey, secretKey } = emulatorSecrets.craftgate;
	const rnd = crypto.randomUUID();
	const signature = crypto.createHash('sha256').update(decodeURIComponent(url) + apiKey + secretKey + rnd + body, 'utf8').digest('base64');
	const headers = { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature };
	return (await expectOk(await request(url, { method: 'POST', headers, body }), `link for ${orderId}`)).data.id;
}

/** A Calypso payment widget with the given key for `externalId`, in Calypso's signed 2.0 envelope. */
async function createCalypsoWidget(emulator, widgetKey, externalId) {
	const { publicKey, secretKey, accountId } = emulatorSecrets.calypso;
	const payload = { cryptoCurrencies: ['USDT_TRX', 'USDT', 'BTC', 'ETH'], description: `Order ${externalId}: 2 × Coffee beans, 25 USD`, idempotencyKey: widgetKey, externalId };
	const body = JSON.stringify({ timestamp: Date.now(), account: accountId, payload });
	const headers = { 'content-type': 'application/json', Key: publicKey, Sign: crypto.createHmac('sha512', secretKey).update(body, 'utf8').digest('hex') };
	await expectOk(await request(`${emulator.url}/api/v1/payment-widget/unlimited-linked/create`, { method: 'POST', headers, body }), `widget for ${externalId}`);
}

/** Opens the sweep's sample orders at the emulator, so that its checks find them; returns the lines to print. */
async function seedSweep(emulator, workflow) {
	const lines = [];
	for (const row of sweepRows(workflow)) {
		if (row.provider === 'dialog360' && emulator.config.dialog360) {
			if (row.orderId === CHECKED_ORDER) continue;
			await sendDialog360Order(emulator, row.orderId, row.phone);
			lines.push(`emulator: 360dialog order ${row.orderId} open, not paid yet`);
		} else if (row.provider === 'craftgate' && emulator.config.craftgate) {
			const id = await createCraftgateLink(emulator, row.orderId);
			if (String(id) !== String(row.linkId)) throw new Error(`the sweep's sample link ${row.linkId} became link ${id} at the emulator: the demo must create it first`);
			lines.push(`emulator: Craftgate link ${id} for ${row.orderId} open, not paid yet`);
		} else if (row.provider === 'calypsoPay' && emulator.config.calypso) {
			await createCalypsoWidget(emulator, row.widgetKey, row.orderId);
			lines.push(`emulator: Calypso widget for ${row.orderId} open, not paid yet`);
		}
	}
	return lines;
}

/**
 * Sends the checked order through the emulator's 360dialog API and opens the sample orders of the
 * scheduled sweep among `examples` ({ file, workflow }); returns the lines to print.
 */
async function seedEmulator(emulator, examples = []) {
	const lines = [];
	if (emulator.config.dialog360) {
		await sendDialog360Order(emulator, CHECKED_ORDER, checkedOrderRequest.to);
		lines.push(`emulator: 360dialog order ${CHECKED_ORDER} sent, not paid yet (what "360dialog: Check a Payment" checks)`);
	}
	for (const example of examples.filter((candidate) => path.basename(candidate.file) === SWEEP_FILE)) lines.push(...(await seedSweep(emulator, example.workflow)));
	return lines;
}

const WIRES = {
	[`${PACKAGE_PREFIX}exotelTrigger`]: (emulator, url) => {
		if (!emulator.config.exotel) return undefined;
		emulator.config.exotel.defaultStatusCallback = url;
		return `emulator: Exotel status callbacks → ${url}`;
	},
	[`${PACKAGE_PREFIX}craftgateTrigger`]: (emulator, url) => {
		if (!emulator.config.craftgate) return undefined;
		emulator.config.craftgate.merchantWebhookUrl = url;
		return `emulator: Craftgate merchant webhook → ${url}`;
	},
};

/** Returns one line per wire made. The last published trigger of a provider wins. */
async function wireEmulator(emulator, n8n, publishedIds) {
	const lines = [];
	const published = new Set(publishedIds.map(String));
	for (const hook of n8n.webhooks()) {
		if (!published.has(hook.workflowId)) continue;
		const node = n8n.workflows.get(hook.workflowId)?.nodes.find((candidate) => candidate.name === hook.node);
		const wire = node && WIRES[node.type];
		const line = wire && wire(emulator, n8n.webhookUrl(undefined, hook.webhookPath));
		if (line) lines.push(line);
	}
	return lines;
}

module.exports = { wireEmulator, seedEmulator, CHECKED_ORDER };
