// Issue #12 "Scheduled status checks", in a real n8n with the packed package and the offline
// emulator: a sweep workflow as a builder writes it (Manual Trigger standing for the Schedule
// Trigger → the open payments → Check Payment → one node per output) checks one payment of each
// provider — a captured 360dialog payment request, a Craftgate link whose payment was declined,
// a Calypso widget nobody has paid yet — and each reaches its output; once the customer pays the
// widget, the next sweep puts it on Paid.
//
// The payments are opened at the emulator before n8n starts (their ids go into the workflow), by
// requests signed here as each provider documents, independently of the package.
import { createHash, createHmac, randomUUID } from 'node:crypto';

export {}; // a module, so its names do not clash with the other e2e files' in the type check

const harness = require('./harness');
const { createEmulator } = require('../emulator/server');
const secrets = require('../emulator/credentials');

const { manualTriggerNode, nodeOutput, executionError, request, PACKAGE_PREFIX } = harness;

const SWEEP_ID = 'e2eCheckPaymentSweep';
const CONFIGURATION = 'e2e-razorpay-sweep';
const run = `${Date.now().toString(36)}`;
const D360_REFERENCE = `SWEEP-${run}`;
const CRAFTGATE_ORDER = `sweep-order-${run}`;
const CALYPSO_ORDER = `sweep-widget-${run}`;
const WIDGET_KEY = randomUUID();

const money = (rupees: number) => ({ value: Math.round(rupees * 100), offset: 100 });

async function expectOk(response: { status: number; text: string; json: any }, what: string): Promise<any> {
	if (response.status !== 200) throw new Error(`${what}: the emulator answered ${response.status} ${response.text}`);
	return response.json;
}

/** A 360dialog order_details message through the emulator's Cloud API (D360-API-KEY). */
async function openDialog360Order(emulatorUrl: string): Promise<void> {
	const item = {
		retailer_id: 'TEA-ASSAM-250',
		name: 'Assam Tea 250 g',
		amount: money(240),
		quantity: 1,
		country_of_origin: 'India',
		importer_name: 'Chai Traders Pvt Ltd',
		importer_address: { address_line1: '14 Park Street', city: 'Kolkata', zone_code: 'WB', postal_code: '700016', country_code: 'IN' },
	};
	const body = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: '919876543210',
		type: 'interactive',
		interactive: {
			type: 'order_details',
			body: { text: 'Tap Review and Pay to complete your order' },
			action: {
				name: 'review_and_pay',
				parameters: {
					reference_id: D360_REFERENCE,
					type: 'digital-goods',
					payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: CONFIGURATION } }],
					currency: 'INR',
					total_amount: money(240),
					order: { status: 'pending', items: [item], subtotal: money(240), tax: { ...money(0), description: 'GST included' } },
				},
			},
		},
	};
	await expectOk(await request(`${emulatorUrl}/messages`, { method: 'POST', headers: { 'D360-API-KEY': secrets.dialog360.apiKey }, body }), '360dialog order');
}

/** A Craftgate link, signed as Craftgate documents (docs/providers.md §1.2); its id. */
async function openCraftgateLink(emulatorUrl: string): Promise<number> {
	const url = `${emulatorUrl}/craftlink/v1/products`;
	const body = JSON.stringify({ name: 'Chai Corner order', price: 149.9, currency: 'TRY', enabledInstallments: [1], orderId: CRAFTGATE_ORDER, stock: 1 });
	const { apiKey, secretKey } = secrets.craftgate;
	const rnd = randomUUID();
	const signature = createHash('sha256').update(decodeURIComponent(url) + apiKey + secretKey + rnd + body, 'utf8').digest('base64');
	const headers = { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature };
	const answer = await expectOk(await request(url, { method: 'POST', headers, body }), 'Craftgate link');
	return answer.data.id;
}

/** A Calypso payment widget in Calypso's 2.0 envelope, signed (docs/providers.md §4.2); its key is WIDGET_KEY. */
async function openCalypsoWidget(emulatorUrl: string): Promise<void> {
	const { publicKey, secretKey, accountId } = secrets.calypso;
	const payload = { cryptoCurrencies: ['USDT_TRX'], description: 'Chai Corner order', idempotencyKey: WIDGET_KEY, externalId: CALYPSO_ORDER };
	const body = JSON.stringify({ timestamp: Date.now(), account: accountId, payload });
	const sign = createHmac('sha512', secretKey).update(body, 'utf8').digest('hex');
	const headers = { 'content-type': 'application/json', Key: publicKey, Sign: sign };
	await expectOk(await request(`${emulatorUrl}/api/v1/payment-widget/unlimited-linked/create`, { method: 'POST', headers, body }), 'Calypso widget');
}

/** The sweep: the open payments (Set, raw JSON) split into items → Check Payment → Mark Paid / Mark Failed / Still Open. */
function sweepWorkflow(linkId: number) {
	const payments = [
		{ order: 'A-1', provider: 'dialog360', paymentConfiguration: CONFIGURATION, referenceId: D360_REFERENCE },
		{ order: 'A-2', provider: 'craftgate', linkId },
		{ order: 'A-3', provider: 'calypsoPay', calypsoKind: 'widget', widgetKey: WIDGET_KEY },
	];
	const credential = { id: '', name: '' };
	const nodes = [
		manualTriggerNode('Every 15 Minutes'),
		{ name: 'Open Payments', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ payments }), options: {} } },
		{ name: 'One Item per Payment', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'payments', include: 'noOtherFields', options: {} } },
		{
			name: 'Check Payment',
			type: `${PACKAGE_PREFIX}checkPayment`,
			typeVersion: 1,
			credentials: { dialog360Api: credential, craftgateApi: credential, calypsoApi: credential },
			parameters: {
				provider: '={{ $json.provider }}',
				paymentConfiguration: '={{ $json.paymentConfiguration }}',
				referenceId: '={{ $json.referenceId }}',
				linkId: '={{ $json.linkId }}',
				calypsoKind: '={{ $json.calypsoKind }}',
				widgetKey: '={{ $json.widgetKey }}',
				invoiceId: '={{ $json.invoiceId }}',
				options: {},
			},
		},
		{ name: 'Mark Paid', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		{ name: 'Mark Failed', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		{ name: 'Still Open', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
	];
	const to = (node: string) => [{ node, type: 'main', index: 0 }];
	return {
		id: SWEEP_ID,
		name: 'E2E Check Payment: sweep open payments of every provider',
		nodes: nodes.map((node, index) => ({ position: [index * 220, 0], ...node })),
		connections: {
			'Every 15 Minutes': { main: [to('Open Payments')] },
			'Open Payments': { main: [to('One Item per Payment')] },
			'One Item per Payment': { main: [to('Check Payment')] },
			'Check Payment': { main: [to('Mark Paid'), to('Mark Failed'), to('Still Open')] },
		},
	};
}

describe('Check Payment in a real n8n (issue #12, scheduled status checks)', () => {
	let n8n: any;
	let emulator: any;
	let linkId: number;

	/** One run of the sweep: what each output (and the node after it) received, as [order, provider, status]. */
	async function runSweep() {
		const execution = await n8n.executeManual(SWEEP_ID);
		expect({ status: execution.status, error: executionError(execution)?.message }).toEqual({ status: 'success', error: undefined });
		const outputs = [0, 1, 2].map((output) => nodeOutput(execution, 'Check Payment', { output }) ?? []);
		const downstream = ['Mark Paid', 'Mark Failed', 'Still Open'].map((name) => nodeOutput(execution, name) ?? []);
		expect(downstream).toEqual(outputs);
		const items = [0, 1, 2].map((output) => nodeOutput(execution, 'Check Payment', { output, full: true }) ?? []);
		const orders = ['A-1', 'A-2', 'A-3'];
		const summary = items.map((list: any[]) => list.map((item) => [orders[item.pairedItem.item], item.json.provider, item.json.status]));
		return { execution, paid: summary[0], failed: summary[1], pending: summary[2], outputs };
	}

	beforeAll(async () => {
		emulator = await createEmulator({ port: 0, providers: ['dialog360', 'craftgate', 'calypso'], config: { calypso: { retryDelaysMs: [] } } });
		await openDialog360Order(emulator.url);
		linkId = await openCraftgateLink(emulator.url);
		await openCalypsoWidget(emulator.url);

		const credentials = harness.emulatorCredentials(emulator.url).filter((credential: any) => ['dialog360Api', 'craftgateApi', 'calypsoApi'].includes(credential.type));
		n8n = await harness.startN8n({ name: 'check-payment', credentials, workflows: [harness.bindCredentials(sweepWorkflow(linkId), credentials)] });
	});
	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	it('sends each open payment to the output of what its provider says', async () => {
		const control = async (provider: string, action: string, body: object) =>
			await expectOk(await request(`${emulator.url}/_control/${provider}/${action}`, { method: 'POST', body }), `${provider} ${action}`);
		await control('dialog360', 'pay', { reference_id: D360_REFERENCE, outcome: 'captured' });
		await control('craftgate', 'pay', { productId: linkId, outcome: 'failure' });

		const first = await runSweep();
		expect({ paid: first.paid, failed: first.failed, pending: first.pending }).toEqual({
			paid: [['A-1', '360dialog', 'paid']],
			failed: [['A-2', 'craftgate', 'failed']],
			pending: [['A-3', 'calypso', 'pending']],
		});
		expect(first.outputs[0][0]).toMatchObject({ outcome: 'paid', reference: D360_REFERENCE, providerStatus: 'captured', event: { provider: '360dialog', status: 'paid', details: { confirmed: true } } });
		expect(first.outputs[1][0]).toMatchObject({ outcome: 'failed', reference: CRAFTGATE_ORDER, details: { linkId, lastError: { errorCode: '10051' } }, event: { status: 'failed' } });
		expect(first.outputs[2][0]).toMatchObject({ outcome: 'pending', reference: CALYPSO_ORDER, event: null, details: { widgetKey: WIDGET_KEY, invoices: [] } });

		// The customer opens the widget, picks a currency and pays: the next sweep finds it paid.
		const picked = await control('calypso', 'pick', { widgetKey: WIDGET_KEY, currency: 'USDT_TRX', amount: '12.5' });
		await control('calypso', 'pay', { invoiceId: picked.invoice.id, mode: 'full' });
		const second = await runSweep();
		expect(second.paid).toEqual([
			['A-1', '360dialog', 'paid'],
			['A-3', 'calypso', 'paid'],
		]);
		expect(second.failed).toEqual([['A-2', 'craftgate', 'failed']]);
		expect(second.pending).toEqual([]);
		expect(second.outputs[0][1]).toMatchObject({ reference: CALYPSO_ORDER, details: { invoiceId: picked.invoice.id, totalReceived: '12.5' }, event: { status: 'paid' } });
	});
});
