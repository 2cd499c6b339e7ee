// `npm run demo`'s preparation, without n8n: the published check example and the scheduled sweep
// find their orders in the demo's emulator, sticky notes name the emulator the demo actually
// started, and the lines printed per journey run in a shell and reach the emulator's controls.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const { createEmulator } = require('../../emulator/server');
const emulatorSecrets = require('../../emulator/credentials');
const { loadExamples, DEFAULT_EMULATOR_URL } = require('../../demo/examples');
const { seedEmulator } = require('../../demo/wiring');
const { journeyLines, sweepRows, SWEEP_FILE } = require('../../demo/journeys');
const { request } = require('../../e2e/harness/net');

const examplesDir = path.join(__dirname, '..', '..', '..', 'examples');
const notesOf = (workflow: any): string[] =>
	workflow.nodes.filter((node: any) => node.type === 'n8n-nodes-base.stickyNote').map((node: any) => node.parameters.content);

describe('npm run demo', () => {
	it('the order "360dialog: Check a Payment" looks up is in the emulator, unpaid and without expiry', async () => {
		const [check] = loadExamples(examplesDir).filter((example: any) => path.basename(example.file) === 'dialog360-check-payment.json');
		expect(check.publish).toBe(true);
		const orderToCheck = check.workflow.nodes.find((node: any) => node.name === 'Order to Check');
		const referenceId = orderToCheck.parameters.assignments.assignments.find((field: any) => field.name === 'referenceId').value;
		const configuration = check.workflow.nodes.find((node: any) => node.name === 'Get Payment').parameters.paymentConfiguration;

		const emulator = await createEmulator({ port: 0, providers: ['dialog360'], quiet: true });
		try {
			await seedEmulator(emulator);
			const lookup = await request(`${emulator.url}/v1/payments/${configuration}/${referenceId}`, {
				headers: { 'D360-API-KEY': emulatorSecrets.dialog360.apiKey },
			});
			expect({ status: lookup.status, payments: lookup.json?.payments }).toEqual({
				status: 200,
				payments: [{ reference_id: 'ORDER-1001', status: 'new', currency: 'INR', amount: { value: 46000, offset: 100 }, transactions: [] }],
			});
			expect(emulator.state.dialog360.orders[referenceId].expires_at).toBeNull();
		} finally {
			await emulator.close();
		}
	});

	it('sticky notes name the demo\'s emulator when EMULATOR_PORT moves it', () => {
		const shipped = loadExamples(examplesDir);
		const moved = loadExamples(examplesDir, { emulatorUrl: 'http://127.0.0.1:9123' });
		const naming = shipped.filter((example: any) => notesOf(example.workflow).some((note) => note.includes(DEFAULT_EMULATOR_URL)));
		expect(naming.map((example: any) => path.basename(example.file)).sort()).toEqual([
			'craftgate-payment-link.json',
			'craftgate-payment-webhook.json',
			'dialog360-check-payment.json',
		]);
		for (const example of moved) {
			for (const note of notesOf(example.workflow)) expect(note).not.toMatch(/127\.0\.0\.1:(?!9123\b)\d+/);
		}
		const movedNotes = moved.filter((example: any) => notesOf(example.workflow).some((note) => note.includes('http://127.0.0.1:9123/_control/')));
		expect(movedNotes.map((example: any) => path.basename(example.file)).sort()).toEqual(naming.map((example: any) => path.basename(example.file)).sort());
	});
});

describe('npm run demo: the lines that play the customer in each journey', () => {
	const N8N = 'http://127.0.0.1:5678';
	const EMULATOR = 'http://127.0.0.1:8090';
	const journeys = loadExamples(examplesDir).filter((example: any) => path.basename(example.file).startsWith('journey-'));
	const linesOf = (example: any): string[] => journeyLines(example, { webhookUrl: (webhookPath: string) => `${N8N}/webhook/${webhookPath}`, emulatorUrl: EMULATOR });
	const webhookPathOf = (example: any) => example.workflow.nodes.find((node: any) => node.type === 'n8n-nodes-base.webhook')?.parameters.path;

	/** Runs the printed lines in bash with `curl` standing in: each call's arguments, as the shell passed them. */
	function curlCalls(lines: string[], order = 'ORD-42'): Array<{ method: string; url: string; body?: any }> {
		const script = ['curl() { for a in "$@"; do printf "%s\\0" "$a"; done; printf "\\n"; }', ...lines.map((line) => line.replace(/^ORDER=.*$/, `ORDER=${order}`))].join('\n');
		const output = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
		return output
			.split('\n')
			.filter(Boolean)
			.map((call) => {
				const args = call.split('\0').filter(Boolean);
				const data = args.indexOf('-d');
				return { method: data >= 0 ? 'POST' : 'GET', url: args[args.length - 1], ...(data >= 0 ? { body: JSON.parse(args[data + 1]) } : {}) };
			});
	}

	it('every journey example gets lines, and the four started by New Order post a sample order to its webhook', () => {
		expect(journeys.map((example: any) => path.basename(example.file)).sort()).toEqual([
			'journey-360dialog-payment.json',
			'journey-calypso-widget.json',
			'journey-craftgate-link.json',
			'journey-exotel-payment.json',
			'journey-scheduled-sweep.json',
		]);
		for (const example of journeys) {
			const lines = linesOf(example);
			expect(lines.length).toBeGreaterThan(2);
			if (path.basename(example.file) === SWEEP_FILE) continue;
			expect(example.publish).toBe(true);
			expect(lines[0]).toMatch(/^ORDER=[A-Z]+-\$\(date \+%s\)$/);
			const [start, ...rest] = curlCalls(lines);
			expect(start).toMatchObject({ method: 'POST', url: `${N8N}/webhook/${webhookPathOf(example)}`, body: { orderId: 'ORD-42', phone: expect.stringMatching(/^\+\d{10,15}$/) } });
			// Every other call is the customer's side, at the emulator, about this order.
			expect(rest.length).toBeGreaterThan(0);
			for (const call of rest) expect(call.url.startsWith(`${EMULATOR}/_control/`)).toBe(true);
			for (const call of rest.filter((candidate) => candidate.body)) expect(Object.values(call.body)).toContain('ORD-42');
		}
	});

	it('each call goes to a control route the emulator has', async () => {
		const emulator = await createEmulator({ port: 0, quiet: true });
		try {
			const routes = (await request(`${emulator.url}/_control/routes`)).json.routes as Array<{ method: string; pattern: string }>;
			const matches = (method: string, pathname: string) =>
				routes.some((route) => route.method === method && new RegExp(`^${route.pattern.replace(/:[^/]+/g, '[^/]+')}$`).test(pathname));
			for (const example of journeys) {
				for (const call of curlCalls(linesOf(example)).filter((candidate) => candidate.url.startsWith(EMULATOR))) {
					expect([call.method, new URL(call.url).pathname, matches(call.method, new URL(call.url).pathname)]).toEqual([call.method, new URL(call.url).pathname, true]);
				}
			}
		} finally {
			await emulator.close();
		}
	});

	it("the sweep's sample orders are open at the demo's emulator, and its lines settle each of them", async () => {
		const [sweep] = journeys.filter((example: any) => path.basename(example.file) === SWEEP_FILE);
		const rows = sweepRows(sweep.workflow);
		expect(rows.map((row: any) => row.provider).sort()).toEqual(['calypsoPay', 'craftgate', 'dialog360']);
		const emulator = await createEmulator({ port: 0, quiet: true, config: { craftgate: { retryDelaysMs: [] }, calypso: { retryDelaysMs: [] } } });
		try {
			await seedEmulator(emulator, [sweep]);
			const craftgateRow = rows.find((row: any) => row.provider === 'craftgate');
			expect(emulator.state.craftgate.products[craftgateRow.linkId]).toMatchObject({ orderId: craftgateRow.orderId, status: 'ACTIVE', soldCount: 0 });
			const calypsoRow = rows.find((row: any) => row.provider === 'calypsoPay');
			expect(emulator.state.calypso.widgets[calypsoRow.widgetKey]).toMatchObject({ externalId: calypsoRow.orderId, widgetState: 'IN_PROGRESS' });
			const dialog360Row = rows.find((row: any) => row.provider === 'dialog360');
			expect(emulator.state.dialog360.orders[dialog360Row.orderId]).toMatchObject({ payment: 'new', payment_configuration: dialog360Row.paymentConfiguration });

			const calls = curlCalls(linesOf(sweep)).map((call) => ({ ...call, url: call.url.replace(EMULATOR, emulator.url) }));
			const answers = [];
			for (const call of calls) answers.push((await request(call.url, { method: call.method, body: call.body })).status);
			expect(answers).toEqual(calls.map(() => 200));
			expect(emulator.state.dialog360.orders[dialog360Row.orderId].payment).toBe('captured');
			expect(emulator.state.craftgate.payments).toEqual([expect.objectContaining({ orderId: craftgateRow.orderId, paymentStatus: 'FAILURE' })]);
			expect(emulator.state.calypso.widgets[calypsoRow.widgetKey].widgetState).toBe('COMPLETED');
		} finally {
			await emulator.close();
		}
	});
});
