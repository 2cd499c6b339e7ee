// The payment triggers' node version 1.1 (issue #13): n8n 2.41 evaluates an expression for every
// delivery to a version-1 webhook node, and nothing else is meant to differ. In a real n8n, the
// Exotel Trigger at versions 1 and 1.1 gets the same deliveries in every body form Exotel may use
// (JSON, form fields, multipart, an unlabelled body, an unreadable one) and must answer and emit
// alike: the same status, the same events.
export {}; // a module, so its names do not clash with the other e2e files' in the type check

const harness = require('./harness');

const { linearWorkflow, nodeOutput, request, PACKAGE_PREFIX } = harness;

const TRIGGER = 'Exotel Trigger';
const V1 = 'e2eTriggerVersion1';
const V11 = 'e2eTriggerVersion11';

function triggerWorkflow(id: string, typeVersion: number) {
	return linearWorkflow({
		id,
		name: `E2E trigger version ${typeVersion}`,
		nodes: [
			{
				name: TRIGGER,
				type: `${PACKAGE_PREFIX}exotelTrigger`,
				typeVersion,
				parameters: { events: ['messageFailed', 'messageStatus', 'paymentOther', 'paymentSucceeded'], options: { ignoreRedeliveries: true } },
			},
		],
	});
}

/** An Exotel payment callback for message `sid`, as its fields. */
function callback(sid: string) {
	return {
		sid,
		to: '+919876543210',
		exo_status_code: 30050,
		exo_detailed_status: 'EX_PAYMENT_SUCCESS',
		payment_reference_id: `ORD-${sid}`,
		payment_transaction_id: `tx-${sid}`,
	};
}

/** The same callback in each body form; `tag` keeps the sids of one test apart from another's. */
function deliveries(tag: string) {
	const json = (sid: string) => JSON.stringify({ whatsapp: { messages: [callback(sid)] } });
	const form = (sid: string) =>
		new URLSearchParams(Object.entries(callback(sid)).map(([key, value]) => [`whatsapp[messages][0][${key}]`, String(value)])).toString();
	const boundary = 'e2e-boundary-13';
	const multipart = (sid: string) =>
		Object.entries(callback(sid))
			.map(([key, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="whatsapp[messages][0][${key}]"\r\n\r\n${value}\r\n`)
			.join('') + `--${boundary}--\r\n`;
	return [
		{ kind: 'json', contentType: 'application/json', body: json },
		{ kind: 'form', contentType: 'application/x-www-form-urlencoded', body: form },
		{ kind: 'multipart', contentType: `multipart/form-data; boundary=${boundary}`, body: multipart },
		{ kind: 'unlabelled', contentType: 'application/octet-stream', body: json },
		{ kind: 'unreadable', contentType: 'application/json', body: () => '{"whatsapp":' },
	].map((entry) => ({ ...entry, sid: `${tag}-${entry.kind}` }));
}

describe('the payment triggers at node version 1.1 in a real n8n (issue #13)', () => {
	let n8n: any;

	beforeAll(async () => {
		n8n = await harness.startN8n({
			name: 'trigger-version',
			workflows: [triggerWorkflow(V1, 1), triggerWorkflow(V11, 1.1)],
			publish: [V1, V11],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('new trigger nodes get version 1.1; version 1 stays available for saved workflows', async () => {
		const types = await n8n.nodeTypes();
		const versions = types.filter((type: any) => type.name === `${PACKAGE_PREFIX}exotelTrigger`).map((type: any) => type.version);
		expect(versions.flat()).toEqual(expect.arrayContaining([1, 1.1]));
	});

	it('answers every body form alike at versions 1 and 1.1, and emits the same events', async () => {
		const tag = `tv${Date.now() % 100000}`;
		const answers: Record<string, Record<string, number>> = { [V1]: {}, [V11]: {} };
		for (const workflowId of [V1, V11]) {
			for (const delivery of deliveries(tag)) {
				const response = await request(n8n.triggerUrl(workflowId, TRIGGER), {
					method: 'POST',
					headers: { 'content-type': delivery.contentType },
					body: delivery.body(delivery.sid),
				});
				answers[workflowId][delivery.kind] = response.status;
			}
		}
		// 422 is n8n's own answer to a malformed JSON body, before any node runs.
		expect(answers[V1]).toEqual({ json: 200, form: 200, multipart: 200, unlabelled: 200, unreadable: 422 });
		expect(answers[V11]).toEqual(answers[V1]);
		const accepted = Object.values(answers[V1]).filter((status) => status === 200).length;

		const events = async (workflowId: string) => {
			const executions = await n8n.waitForExecutions(workflowId, accepted, 120_000);
			return executions
				.map((execution: any) => nodeOutput(execution, TRIGGER)?.[0])
				.filter((event: any) => String(event?.eventId).includes(tag))
				.map(({ eventId, status, reference, transactionId }: any) => ({ eventId, status, reference, transactionId }))
				.sort((a: any, b: any) => a.eventId.localeCompare(b.eventId));
		};
		const v1 = await events(V1);
		expect(v1).toHaveLength(accepted);
		expect(v1.every((event: any) => event.status === 'paid')).toBe(true);
		expect(await events(V11)).toEqual(v1);
	});
});
