import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import {
	errorItemJson,
	InputRuleError,
	inputItem,
	toNodeOperationError,
	withErrorFacts,
} from '../../../../nodes/shared/errors';

const node: INode = {
	id: 'node-1',
	name: 'Pay',
	type: 'n8n-nodes-chat-payments.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('inputItem', () => {
	it("names an input item by n8n's 0-based item index", () => {
		expect(inputItem(0)).toBe('input item 0');
		expect(inputItem(12)).toBe('input item 12');
	});
});

describe('toNodeOperationError', () => {
	it('turns a broken rule into a NodeOperationError naming the field and the input item', () => {
		const error = toNodeOperationError(node, new InputRuleError('sale_amount 15.00 must be lower than amount 12.00', 'items[0].sale_amount'), 3);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('sale_amount 15.00 must be lower than amount 12.00');
		expect(error.description).toBe('Check field "items[0].sale_amount" of input item 3.');
		expect(error.context.itemIndex).toBe(3);
	});

	it('names only the input item when the rule has no field', () => {
		expect(toNodeOperationError(node, new InputRuleError('Nothing to send'), 0).description).toBe('Check input item 0.');
	});

	it("passes n8n's own node errors through unchanged", () => {
		const api = new NodeApiError(node, { message: 'x' }, { httpCode: '500' });
		const operation = new NodeOperationError(node, 'already made');
		expect(toNodeOperationError(node, api, 1)).toBe(api);
		expect(toNodeOperationError(node, operation, 1)).toBe(operation);
	});

	it('wraps anything else with the item index', () => {
		const error = toNodeOperationError(node, 'plain text thrown', 2);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('plain text thrown');
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('withErrorFacts', () => {
	it('records the given facts in the error context and returns the same error', () => {
		const error = new NodeApiError(node, { message: 'x' }, { message: 'Refused', httpCode: '400' });
		const returned = withErrorFacts(error, { providerCode: 1002, idempotencyKey: 'key-1', referenceId: 'ORD-1', outcomeUnknown: false });
		expect(returned).toBe(error);
		expect(error.context).toMatchObject({ providerCode: 1002, idempotencyKey: 'key-1', referenceId: 'ORD-1', outcomeUnknown: false });
	});

	it('leaves out facts that are undefined, null or empty', () => {
		const error = new NodeOperationError(node, 'Refused');
		withErrorFacts(error, { providerCode: undefined, idempotencyKey: '', referenceId: null as unknown as string });
		expect(error.context).not.toHaveProperty('providerCode');
		expect(error.context).not.toHaveProperty('idempotencyKey');
		expect(error.context).not.toHaveProperty('referenceId');
	});
});

describe('errorItemJson', () => {
	it('is the summary, then the message, description, HTTP status as a number and the facts', () => {
		const error = withErrorFacts(
			new NodeApiError(node, { message: 'x' }, { message: 'Exotel refused the message', description: 'Check the number', httpCode: '400' }),
			{ providerCode: 1002, idempotencyKey: 'key-1', referenceId: 'ORD-1', outcomeUnknown: true },
		);
		expect(errorItemJson(error, { reference: 'ORD-1', to: '+919876543210' })).toEqual({
			reference: 'ORD-1',
			to: '+919876543210',
			error: 'Exotel refused the message',
			description: 'Check the number',
			httpStatus: 400,
			providerCode: 1002,
			idempotencyKey: 'key-1',
			referenceId: 'ORD-1',
			outcomeUnknown: true,
		});
	});

	it('has no description, HTTP status or facts the error does not have', () => {
		expect(errorItemJson(new NodeOperationError(node, 'Amount is required'))).toEqual({ error: 'Amount is required' });
	});

	it('keeps a false outcomeUnknown (a refusal known to have changed nothing)', () => {
		const error = withErrorFacts(new NodeOperationError(node, 'Refused'), { outcomeUnknown: false });
		expect(errorItemJson(error)).toEqual({ error: 'Refused', outcomeUnknown: false });
	});

	it('lets the error win over a summary key of the same name', () => {
		const error = new NodeOperationError(node, 'Refused');
		expect(errorItemJson(error, { error: 'stale' }).error).toBe('Refused');
	});
});
