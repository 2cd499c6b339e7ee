// The time limit (1 second to 30 days, whole numbers) and the check interval (30 s at the least):
// refused with a message naming the input item and the fields.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { checkIntervalMs, timeLimitMs } from '../../../../nodes/WaitForPayment/wait/timeLimit';
import { createExecuteContext } from '../../helpers/executeContext';

const DAY_MS = 86_400_000;

function limitOf(parameters: IDataObject, itemIndex = 0): number {
	const itemParameters = Array.from({ length: itemIndex + 1 }, (_, index) => (index === itemIndex ? parameters : {}));
	return timeLimitMs(createExecuteContext({ itemParameters }).ctx, itemIndex);
}

function intervalOf(parameters: IDataObject, itemIndex = 0): number {
	const itemParameters = Array.from({ length: itemIndex + 1 }, (_, index) => (index === itemIndex ? parameters : {}));
	return checkIntervalMs(createExecuteContext({ itemParameters }).ctx, itemIndex);
}

function errorOf(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('no error thrown');
}

describe('timeLimitMs', () => {
	it.each([
		[{ limitAmount: 1, limitUnit: 'seconds' }, 1_000],
		[{ limitAmount: 90, limitUnit: 'seconds' }, 90_000],
		[{ limitAmount: 15, limitUnit: 'minutes' }, 900_000],
		[{ limitAmount: 2, limitUnit: 'hours' }, 7_200_000],
		[{ limitAmount: 3, limitUnit: 'days' }, 3 * DAY_MS],
		[{ limitAmount: 30, limitUnit: 'days' }, 30 * DAY_MS],
		[{ limitAmount: 720, limitUnit: 'hours' }, 30 * DAY_MS],
		[{ limitAmount: 2_592_000, limitUnit: 'seconds' }, 30 * DAY_MS],
	])('%j is %d ms', (parameters, expected) => {
		expect(limitOf(parameters)).toBe(expected);
	});

	it('counts in minutes when no unit is set', () => {
		expect(limitOf({ limitAmount: 5 })).toBe(300_000);
	});

	it.each([
		['zero', { limitAmount: 0, limitUnit: 'minutes' }],
		['negative', { limitAmount: -1, limitUnit: 'minutes' }],
		['a fraction', { limitAmount: 1.5, limitUnit: 'hours' }],
		['not a number', { limitAmount: Number.NaN, limitUnit: 'minutes' }],
		['text', { limitAmount: 'ten', limitUnit: 'minutes' }],
		['31 days', { limitAmount: 31, limitUnit: 'days' }],
		['one hour past 30 days', { limitAmount: 721, limitUnit: 'hours' }],
		['one second past 30 days', { limitAmount: 2_592_001, limitUnit: 'seconds' }],
		['an unknown unit', { limitAmount: 1, limitUnit: 'weeks' }],
	])('refuses %s, naming the item and both fields', (_case, parameters) => {
		const error = errorOf(() => limitOf(parameters, 2));
		expect(error.message).toContain(`The time limit ${String(parameters.limitAmount)} ${parameters.limitUnit}`);
		expect(error.message).toContain('is not a whole number from 1 up to 30 days');
		expect(error.description).toBe('Check fields "limitAmount" and "limitUnit" of input item 2.');
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('checkIntervalMs', () => {
	it.each([
		[30, 30_000],
		[31, 31_000],
		[600, 600_000],
	])('%d s is %d ms', (seconds, expected) => {
		expect(intervalOf({ checkInterval: seconds })).toBe(expected);
	});

	it('is 60 s when not set', () => {
		expect(intervalOf({})).toBe(60_000);
	});

	it.each([
		['29 s', 29],
		['zero', 0],
		['negative', -60],
		['a fraction', 30.5],
		['text', '60'],
	])('refuses %s, naming the item and the field', (_case, checkInterval) => {
		const error = errorOf(() => intervalOf({ checkInterval }, 1));
		expect(error.message).toBe(`The check interval ${String(checkInterval)} s is shorter than 30 s or not a whole number`);
		expect(error.description).toBe('Check field "checkInterval" of input item 1.');
		expect(error.context.itemIndex).toBe(1);
	});
});
