// The lookup journeys' answer to an n8n restart, read from their files: n8n's own timer ends a
// wait that no process checks any more on Timed Out with `checkedAtDeadline: false`, so each
// journey sends such an item to a Check Payment of the same payment whose Paid output reaches the
// journey's Paid steps (Craftgate: after deactivating the link). test/e2e/journeys*.test.ts run
// these branches across a real restart; this keeps the wiring honest without n8n.
import * as path from 'node:path';

const examplesDir = path.join(__dirname, '..', '..', '..', 'examples');
const PACKAGE = 'n8n-nodes-chat-payments.';

type Workflow = { nodes: any[]; connections: Record<string, { main: Array<Array<{ node: string }>> }> };

const load = (file: string): Workflow => require(path.join(examplesDir, file));
const nodeNamed = (workflow: Workflow, name: string) => workflow.nodes.find((node) => node.name === name);
/** The journey's one node of `type`; throws (the suite fails) when there is none or more than one. */
const nodeOfType = (workflow: Workflow, type: string) => {
	const found = workflow.nodes.filter((node) => node.type === `${PACKAGE}${type}`);
	if (found.length !== 1) throw new Error(`expected one ${type} node, found ${found.length}`);
	return found[0];
};
/** The names of the nodes output `output` of `name` leads to. */
const next = (workflow: Workflow, name: string, output: number): string[] => (workflow.connections[name]?.main[output] ?? []).map((link) => link.node);

/** The payment's ids as a target parameter reads them; `.item` and `.first()` name the same item here (one order per run). */
const targetOf = (parameters: Record<string, unknown>, keys: string[]) =>
	Object.fromEntries(keys.map((key) => [key, String(parameters[key]).replace('.item.', '.first().')]));

const JOURNEYS = [
	{ file: 'journey-360dialog-payment.json', target: ['provider', 'paymentConfiguration', 'referenceId'], before: [] as string[] },
	{ file: 'journey-craftgate-link.json', target: ['provider', 'linkId'], before: ['craftgate'] },
	{ file: 'journey-calypso-widget.json', target: ['provider', 'calypsoKind', 'widgetKey'], before: [] as string[] },
];

describe.each(JOURNEYS)('$file after an unchecked time-out', ({ file, target, before }) => {
	const workflow = load(file);
	const wait = nodeOfType(workflow, 'waitForPayment');
	const check = nodeOfType(workflow, 'checkPayment');
	const [paidSteps, failedSteps, timedOutTo] = [0, 1, 2].map((output) => next(workflow, wait.name, output));

	it('Timed Out goes to an If on checkedAtDeadline: true to the time-out steps, false towards the re-check', () => {
		expect(timedOutTo).toHaveLength(1);
		const gate = nodeNamed(workflow, timedOutTo[0]);
		expect(gate.type).toBe('n8n-nodes-base.if');
		const [condition] = gate.parameters.conditions.conditions;
		expect([condition.leftValue, condition.operator.type, condition.operator.operation]).toEqual(['={{ $json.checkedAtDeadline }}', 'boolean', 'true']);
		expect(next(workflow, gate.name, 0)).toHaveLength(1);

		// The false branch reaches Check Payment, through the Craftgate link's deactivation for Craftgate.
		let step = next(workflow, gate.name, 1);
		for (const type of before) {
			expect(step.map((name) => nodeNamed(workflow, name).type)).toEqual([`${PACKAGE}${type}`]);
			expect(nodeNamed(workflow, step[0]).parameters).toMatchObject({ resource: 'link', operation: 'deactivate', linkId: check.parameters.linkId });
			step = next(workflow, step[0], 0);
		}
		expect(step).toEqual([check.name]);
	});

	it('Check Payment asks about the payment Wait for Payment waited for, with its credential', () => {
		expect(targetOf(check.parameters, target)).toEqual(targetOf(wait.parameters, target));
		expect(check.credentials).toEqual(wait.credentials);
	});

	it('its Paid output joins the Paid steps; Pending joins the time-out steps; Failed the Failed steps, or for a deactivated link the time-out steps', () => {
		const timedOutSteps = next(workflow, timedOutTo[0], 0);
		expect(next(workflow, check.name, 0)).toEqual(paidSteps);
		expect(next(workflow, check.name, 1)).toEqual(before.length ? timedOutSteps : failedSteps);
		expect(next(workflow, check.name, 2)).toEqual(timedOutSteps);
	});
});
