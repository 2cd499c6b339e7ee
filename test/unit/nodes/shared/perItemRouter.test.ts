import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { InputRuleError, withErrorFacts } from '../../../../nodes/shared/errors';
import { runOperations } from '../../../../nodes/shared/perItemRouter';
import type { OperationTable } from '../../../../nodes/shared/perItemRouter';
import { createExecuteContext } from '../../helpers/executeContext';

function contextFor(parameters: IDataObject, itemParameters: IDataObject[] = [{}], continueOnFail = false) {
	return createExecuteContext({ parameters: { resource: 'payment', ...parameters }, itemParameters, continueOnFail });
}

describe('runOperations', () => {
	it('runs the chosen per-item operation once per input item, each result paired with its item', async () => {
		const calls: number[] = [];
		const operations: OperationTable = {
			payment: {
				get: async function (this: IExecuteFunctions, itemIndex) {
					calls.push(itemIndex);
					return { id: this.getNodeParameter('id', itemIndex) as string };
				},
			},
		};
		const { ctx } = contextFor({ operation: 'get' }, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);

		const output = await runOperations.call(ctx, operations);

		expect(calls).toEqual([0, 1, 2]);
		expect(output).toEqual([
			[
				{ json: { id: 'a' }, pairedItem: { item: 0 } },
				{ json: { id: 'b' }, pairedItem: { item: 1 } },
				{ json: { id: 'c' }, pairedItem: { item: 2 } },
			],
		]);
	});

	it('pairs every item of an operation that returns several with the one input item', async () => {
		const operations: OperationTable = {
			payment: { getAll: async (itemIndex) => [{ n: itemIndex, k: 1 }, { n: itemIndex, k: 2 }] },
		};
		const { ctx } = contextFor({ operation: 'getAll' }, [{}, {}]);

		const [items] = await runOperations.call(ctx, operations);

		expect(items.map(({ json, pairedItem }) => [json, pairedItem])).toEqual([
			[{ n: 0, k: 1 }, { item: 0 }],
			[{ n: 0, k: 2 }, { item: 0 }],
			[{ n: 1, k: 1 }, { item: 1 }],
			[{ n: 1, k: 2 }, { item: 1 }],
		]);
	});

	it('hands a batch operation every item at once and returns exactly what it returns', async () => {
		const batchOutput: INodeExecutionData[] = [
			{ json: { sent: 2 }, pairedItem: [{ item: 0 }, { item: 1 }] },
		];
		const batch = jest.fn(async function (this: IExecuteFunctions) {
			expect(this.getInputData()).toHaveLength(2);
			return batchOutput;
		});
		const perItem = jest.fn();
		const operations: OperationTable = { payment: { send: { batch }, get: perItem } };
		const { ctx } = contextFor({ operation: 'send' }, [{}, {}]);

		const output = await runOperations.call(ctx, operations);

		expect(batch).toHaveBeenCalledTimes(1);
		expect(batch.mock.contexts[0]).toBe(ctx);
		expect(perItem).not.toHaveBeenCalled();
		expect(output).toEqual([batchOutput]);
	});

	it.each([
		['an unknown operation', { resource: 'payment', operation: 'refund' }, 'The operation "refund" of resource "payment" is not supported'],
		['an unknown resource', { resource: 'invoice', operation: 'get' }, 'The operation "get" of resource "invoice" is not supported'],
	])('refuses %s before running anything, even with Continue On Fail', async (_, parameters, message) => {
		const get = jest.fn();
		const { ctx } = createExecuteContext({ parameters, continueOnFail: true });

		const failure = runOperations.call(ctx, { payment: { get } });

		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(failure).rejects.toThrow(message);
		expect(get).not.toHaveBeenCalled();
	});

	it('without Continue On Fail, stops at the first failing item with its index', async () => {
		const seen: number[] = [];
		const operations: OperationTable = {
			payment: {
				get: async (itemIndex) => {
					seen.push(itemIndex);
					if (itemIndex === 1) throw new InputRuleError('Amount must be positive', 'amount');
					return { ok: itemIndex };
				},
			},
		};
		const { ctx } = contextFor({ operation: 'get' }, [{}, {}, {}]);

		const failure = await runOperations.call(ctx, operations).catch((error: unknown) => error);

		expect(failure).toBeInstanceOf(NodeOperationError);
		expect(failure).toMatchObject({
			message: 'Amount must be positive',
			description: 'Check field "amount" of input item 1.',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(seen).toEqual([0, 1]);
	});

	it('with Continue On Fail, turns a failing item into the one error item shape and runs the rest', async () => {
		const operations: OperationTable = {
			payment: {
				create: async function (this: IExecuteFunctions, itemIndex) {
					if (itemIndex === 1) {
						const error = new NodeApiError(
							this.getNode(),
							{ message: 'amount too small' },
							{ message: 'Provider refused', description: 'Raise the amount', httpCode: '422' },
						);
						throw withErrorFacts(error, { providerCode: 'E42', idempotencyKey: 'key-1' });
					}
					if (itemIndex === 2) throw new Error('socket hang up');
					return { id: `p-${itemIndex}` };
				},
			},
		};
		const { ctx } = contextFor({ operation: 'create' }, [{}, {}, {}, {}], true);

		const [items] = await runOperations.call(ctx, operations);

		expect(items).toEqual([
			{ json: { id: 'p-0' }, pairedItem: { item: 0 } },
			{
				json: {
					error: 'Provider refused',
					description: 'Raise the amount',
					httpStatus: 422,
					providerCode: 'E42',
					idempotencyKey: 'key-1',
				},
				pairedItem: { item: 1 },
			},
			{ json: { error: 'socket hang up' }, pairedItem: { item: 2 } },
			{ json: { id: 'p-3' }, pairedItem: { item: 3 } },
		]);
	});

	it('reads resource and operation once, from the first item', async () => {
		const get = jest.fn(async () => ({}));
		const { ctx } = contextFor({ operation: 'get' }, [{}, { operation: 'other' }]);
		await runOperations.call(ctx, { payment: { get } });
		expect(get).toHaveBeenCalledTimes(2);
	});
});
