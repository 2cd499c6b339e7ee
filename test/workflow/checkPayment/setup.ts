// Shared by the Check Payment workflow tests: the offline emulator (its provider rules written
// independently of the package), payments opened in it as a shop would open them, the customer
// played through its control API, and a sweep workflow (items → Check Payment → one node per
// output) run by n8n-core's engine with the real credentials signing every request.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { nock, runWorkflow } from '../harness';
import type { WorkflowJson, WorkflowRunResult } from '../harness';

const { createEmulator } = require('../../emulator/server');
const secrets = require('../../emulator/credentials');

export interface Emulator {
	url: string;
	close(): Promise<void>;
	state: IDataObject;
}

/** One emulator for the file; each test opens its own payments (fresh references), so none sees another's. */
export function useEmulator(): { emu: Emulator } {
	const holder = {} as { emu: Emulator };
	beforeAll(async () => {
		holder.emu = await createEmulator({ port: 0, providers: ['dialog360', 'craftgate', 'calypso'], config: { calypso: { retryDelaysMs: [] }, dialog360: { retryDelaysMs: [] } } });
	});
	afterAll(async () => {
		await holder.emu?.close();
		nock.enableNetConnect();
	});
	beforeEach(() => {
		nock.cleanAll();
		nock.enableNetConnect(/127\.0\.0\.1/);
	});
	return holder;
}

export function credentials(emu: Emulator) {
	const host = { apiHost: 'custom', customApiHost: emu.url };
	return {
		dialog360Api: { apiKey: secrets.dialog360.apiKey, partnerWebhookSecret: '', ...host },
		craftgateApi: { apiKey: secrets.craftgate.apiKey, secretKey: secrets.craftgate.secretKey, webhookSecret: secrets.craftgate.webhookKey, ...host },
		calypsoApi: { ...secrets.calypso, ...host, payLinkHost: emu.url },
	};
}

let counter = 0;
/** A reference no other test (or run) uses. */
export const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

async function post(url: string, body: IDataObject, headers: Record<string, string> = {}): Promise<IDataObject> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	const json = (await response.json()) as IDataObject;
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json)}`);
	return json;
}

/** The customer, through the emulator's control API (`/_control/<provider>/<action>`). */
export const control = (emu: Emulator, provider: string, action: string, body: IDataObject) => post(`${emu.url}/_control/${provider}/${action}`, body);

export const CONFIGURATION = 'razorpay-checks';
const money = (rupees: number) => ({ value: Math.round(rupees * 100), offset: 100 });

/** A 360dialog payment request (order_details) for `reference`, sent through the emulator's Cloud API. */
export async function openDialog360Order(emu: Emulator, reference: string): Promise<void> {
	const item = {
		retailer_id: 'EBOOK-1',
		name: 'Cooking e-book',
		amount: money(250),
		quantity: 1,
		country_of_origin: 'India',
		importer_name: 'Spice Books Pvt Ltd',
		importer_address: { address_line1: '7 MG Road', city: 'Bengaluru', zone_code: 'KA', postal_code: '560001', country_code: 'IN' },
	};
	await post(
		`${emu.url}/messages`,
		{
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '919876543210',
			type: 'interactive',
			interactive: {
				type: 'order_details',
				body: { text: 'Your e-book is ready: tap Review and Pay' },
				action: {
					name: 'review_and_pay',
					parameters: {
						reference_id: reference,
						type: 'digital-goods',
						payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: CONFIGURATION } }],
						currency: 'INR',
						total_amount: money(250),
						order: { status: 'pending', items: [item], subtotal: money(250), tax: { ...money(0), description: 'GST included' } },
					},
				},
			},
		},
		{ 'D360-API-KEY': secrets.dialog360.apiKey },
	);
}

/** Runs one package node on one empty item; its first output item's json. */
async function runNode(emu: Emulator, type: string, parameters: IDataObject): Promise<IDataObject> {
	const run = await runWorkflow({
		workflow: {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
				{ name: 'Create', type: `n8n-nodes-chat-payments.${type}`, parameters: parameters as never },
			],
			connections: { Start: { main: [[{ node: 'Create', type: 'main', index: 0 }]] } },
		},
		credentials: credentials(emu),
	});
	return run.output('Create')[0].json;
}

/** A Craftgate payment link for `orderId`, made with the Craftgate node; its id. */
export async function openCraftgateLink(emu: Emulator, orderId: string): Promise<number> {
	const link = await runNode(emu, 'craftgate', {
		resource: 'link',
		operation: 'create',
		name: 'Chai Corner order',
		price: '149.90',
		currency: 'TRY',
		expiry: 'never',
		additionalFields: { orderId },
	});
	return link.linkId as number;
}

/** A Calypso payment widget for `externalId`, made with the Calypso Pay node; its key. */
export async function openCalypsoWidget(emu: Emulator, externalId: string): Promise<string> {
	const widget = await runNode(emu, 'calypsoPay', { resource: 'widget', operation: 'create', cryptoCurrencies: ['USDT_TRX'], description: `Order ${externalId}`, externalId });
	return widget.widgetKey as string;
}

/** A fixed-amount Calypso invoice, made with the Calypso Pay node; its id. */
export async function openCalypsoInvoice(emu: Emulator, externalId: string): Promise<string> {
	const invoice = await runNode(emu, 'calypsoPay', {
		resource: 'invoice',
		operation: 'create',
		invoiceType: 'single',
		amount: '0.5',
		currency: 'ETH',
		description: `Order ${externalId}`,
		externalId,
	});
	return invoice.id as string;
}

/** Items → Check Payment (every field an expression on the item) → one NoOp per output. */
export const sweepWorkflow: WorkflowJson = {
	nodes: [
		{ name: 'Open Payments', type: 'n8n-nodes-base.manualTrigger' },
		{
			name: 'Check Payment',
			type: 'n8n-nodes-chat-payments.checkPayment',
			parameters: {
				provider: '={{ $json.provider }}',
				paymentConfiguration: '={{ $json.paymentConfiguration }}',
				referenceId: '={{ $json.referenceId }}',
				linkId: '={{ $json.linkId }}',
				calypsoKind: '={{ $json.calypsoKind }}',
				widgetKey: '={{ $json.widgetKey }}',
				invoiceId: '={{ $json.invoiceId }}',
				options: { timeout: 10 },
			},
		},
		{ name: 'Mark Paid', type: 'n8n-nodes-base.noOp' },
		{ name: 'Mark Failed', type: 'n8n-nodes-base.noOp' },
		{ name: 'Still Open', type: 'n8n-nodes-base.noOp' },
	],
	connections: {
		'Open Payments': { main: [[{ node: 'Check Payment', type: 'main', index: 0 }]] },
		'Check Payment': {
			main: [
				[{ node: 'Mark Paid', type: 'main', index: 0 }],
				[{ node: 'Mark Failed', type: 'main', index: 0 }],
				[{ node: 'Still Open', type: 'main', index: 0 }],
			],
		},
	},
};

export interface SweepResult {
	run: WorkflowRunResult;
	paid: INodeExecutionData[];
	failed: INodeExecutionData[];
	pending: INodeExecutionData[];
}

/**
 * The sweep over `payments`: Check Payment's three outputs (items paired with the input), each
 * checked to be what its node downstream received (a node no item reached does not run).
 */
export async function sweep(emu: Emulator, payments: IDataObject[]): Promise<SweepResult> {
	const run = await runWorkflow({ workflow: sweepWorkflow, credentials: credentials(emu), input: payments });
	if (run.status !== 'success') return { run, paid: [], failed: [], pending: [] };
	const [paid, failed, pending] = [0, 1, 2].map((output) => run.output('Check Payment', output));
	for (const [items, name] of [[paid, 'Mark Paid'], [failed, 'Mark Failed'], [pending, 'Still Open']] as const) {
		const received = run.executedNodes.includes(name) ? run.output(name).map((item) => item.json) : [];
		expect(received).toEqual(items.map((item) => item.json));
	}
	return { run, paid, failed, pending };
}

/** Where each payment ended, by input item: 'paid' | 'failed' | 'pending'. */
export function routes(result: SweepResult, count: number): string[] {
	const where: string[] = Array.from({ length: count }, () => 'none');
	for (const [outcome, items] of [['paid', result.paid], ['failed', result.failed], ['pending', result.pending]] as const) {
		for (const item of items) {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			const index = typeof paired === 'number' ? paired : (paired?.item ?? -1);
			where[index] = outcome;
		}
	}
	return where;
}
