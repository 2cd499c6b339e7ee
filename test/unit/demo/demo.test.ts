// `npm run demo`'s preparation, without n8n: the published check example finds its order in the
// demo's emulator, and sticky notes name the emulator the demo actually started.
import * as path from 'node:path';

const { createEmulator } = require('../../emulator/server');
const emulatorSecrets = require('../../emulator/credentials');
const { loadExamples, DEFAULT_EMULATOR_URL } = require('../../demo/examples');
const { seedEmulator } = require('../../demo/wiring');
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
