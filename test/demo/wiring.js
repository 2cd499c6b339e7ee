'use strict';
// Tells the in-process emulator where the demo's published payment triggers listen, so a
// payment made through the emulator's control API reaches n8n, and gives it the order that the
// published "360dialog: Check a Payment" example looks up.
const emulatorSecrets = require('../emulator/credentials');
const { request } = require('../e2e/harness/net');
const { PACKAGE_PREFIX } = require('../e2e/harness/workflows');

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

/** Sends the checked order through the emulator's 360dialog API; returns the lines to print. */
async function seedEmulator(emulator) {
	if (!emulator.config.dialog360) return [];
	const response = await request(`${emulator.url}/messages`, {
		method: 'POST',
		headers: { 'D360-API-KEY': emulatorSecrets.dialog360.apiKey },
		body: checkedOrderRequest,
	});
	if (response.status !== 200) throw new Error(`the emulator refused the demo's ${CHECKED_ORDER} order (${response.status}): ${response.text}`);
	return [`emulator: 360dialog order ${CHECKED_ORDER} sent, not paid yet (what "360dialog: Check a Payment" checks)`];
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
