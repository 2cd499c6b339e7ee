// The shared Input Data Mode mechanism (nodes/shared/inputItems.ts).
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	definedBelow,
	fromInputItemsOnly,
	inputDataModeProperty,
	inputField,
	inputFieldNames,
	inputFieldProperty,
	inputFieldValue,
	takesInputItems,
} from '../../../nodes/shared/inputItems';
import { createExecuteContext } from '../helpers/executeContext';

describe('Input Data Mode', () => {
	it('is an option named as n8n names its own data modes, Define Below by default', () => {
		expect(inputDataModeProperty('the order')).toMatchObject({
			displayName: 'Input Data Mode',
			name: 'inputDataMode',
			noDataExpression: true,
			default: 'defineBelow',
			options: [
				expect.objectContaining({ name: 'Define Below', value: 'defineBelow' }),
				expect.objectContaining({ name: 'Take From Input Items', value: 'autoMapInputData' }),
			],
		});
	});

	it('shows properties in one mode, keeping their other display conditions', () => {
		const property: INodeProperties = { displayName: 'X', name: 'x', type: 'string', default: '', displayOptions: { show: { a: [true] } } };
		expect(definedBelow([property])[0].displayOptions).toEqual({ show: { a: [true], inputDataMode: ['defineBelow'] } });
		expect(fromInputItemsOnly([property])[0].displayOptions).toEqual({ show: { a: [true], inputDataMode: ['autoMapInputData'] } });
	});

	it('field name parameters are constants with their default', () => {
		expect(inputFieldProperty({ displayName: 'To Field', name: 'toField', default: 'to', holds: 'the number' })).toMatchObject({
			type: 'string',
			default: 'to',
			noDataExpression: true,
			required: true,
		});
	});

	it('reads the mode and the field names once, from the node', () => {
		const { ctx } = createExecuteContext({ parameters: { inputDataMode: 'autoMapInputData', toField: ' phone ', orderField: 'order' } });
		expect(takesInputItems(ctx)).toBe(true);
		expect(inputFieldNames(ctx, { to: 'toField', order: 'orderField' })).toEqual({ to: 'phone', order: 'order' });
		expect(takesInputItems(createExecuteContext({ parameters: {} }).ctx)).toBe(false);
		expect(() => inputFieldNames(createExecuteContext({ parameters: { toField: '' } }).ctx, { to: 'toField' })).toThrow(NodeOperationError);
	});

	it('reads a field by its exact name first, then by a dotted path, never through lists or inherited keys', () => {
		const json: IDataObject = { 'a.b': 1, a: { b: 2, c: { d: 3 } }, list: [{ x: 1 }] };
		expect(inputFieldValue(json, 'a.b')).toBe(1);
		expect(inputFieldValue(json, 'a.c.d')).toBe(3);
		expect(inputFieldValue(json, 'a.c.e')).toBeUndefined();
		expect(inputFieldValue(json, 'list.0.x')).toBeUndefined();
		expect(inputFieldValue(json, 'toString')).toBeUndefined();
		expect(inputFieldValue(json, 'a.constructor')).toBeUndefined();
	});

	it('gives the value of an input item field with its name', () => {
		const { ctx } = createExecuteContext({ items: [{ json: { to: '1' } }, { json: { to: '2' } }] });
		expect(inputField(ctx, 1, 'to')).toEqual({ value: '2', field: 'to' });
	});
});
