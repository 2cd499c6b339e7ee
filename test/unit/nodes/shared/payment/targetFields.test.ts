// The parameters that name a payment (shared by Check Payment and Wait for Payment) and
// paymentTargetOf, which reads and checks them per item before anything is sent.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	paymentProviderOptions,
	paymentProviderProperty,
	paymentTargetCredentials,
	paymentTargetOf,
	paymentTargetOptions,
	paymentTargetProperties,
	TARGET_PROVIDERS,
	targetTimeoutMs,
} from '../../../../../nodes/shared/payment/targetFields';
import { createExecuteContext } from '../../../helpers/executeContext';

function targetOf(parameters: IDataObject, itemParameters?: IDataObject[], itemIndex = 0) {
	const { ctx } = createExecuteContext({ parameters, itemParameters });
	try {
		return { target: paymentTargetOf(ctx, itemIndex), error: undefined };
	} catch (error) {
		return { target: undefined, error: error as NodeOperationError };
	}
}

const dialog360 = { provider: 'dialog360', paymentConfiguration: ' cfg-razorpay ', referenceId: 'ORDER-77' };

describe('paymentTargetOf', () => {
	it('reads a 360dialog payment, with the documented lookup path unless Options says otherwise', () => {
		expect(targetOf(dialog360).target).toEqual({ provider: '360dialog', paymentConfiguration: 'cfg-razorpay', referenceId: 'ORDER-77', lookupPath: '/v1/payments' });
		expect(targetOf({ ...dialog360, options: { lookupPath: '/payments' } }).target).toMatchObject({ lookupPath: '/payments' });
	});

	it('reads a Craftgate link id, and the expiry time zone from Options when set', () => {
		expect(targetOf({ provider: 'craftgate', linkId: ' 12 ' }).target).toEqual({ provider: 'craftgate', linkId: '12' });
		expect(targetOf({ provider: 'craftgate', linkId: 12, options: { expiryTimeZone: 'UTC' } }).target).toEqual({ provider: 'craftgate', linkId: '12', expiryTimeZone: 'UTC' });
	});

	it('reads a Calypso widget by key (the default) or an invoice by id', () => {
		expect(targetOf({ provider: 'calypsoPay', widgetKey: ' key-1 ' }).target).toEqual({ provider: 'calypso', kind: 'widget', id: 'key-1' });
		expect(targetOf({ provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId: 'inv-7' }).target).toEqual({ provider: 'calypso', kind: 'invoice', id: 'inv-7' });
	});

	it('reads each item\'s own provider and fields (one node, several providers)', () => {
		const items = [dialog360, { provider: 'craftgate', linkId: '55' }, { provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId: 'inv-1' }];
		expect([0, 1, 2].map((index) => targetOf({}, items, index).target?.provider)).toEqual(['360dialog', 'craftgate', 'calypso']);
	});

	it.each([
		['an empty payment configuration', { ...dialog360, paymentConfiguration: '' }, '"Payment Configuration" is empty', 'paymentConfiguration'],
		['a reference id WhatsApp refuses', { ...dialog360, referenceId: 'ORDER 77' }, /^reference_id /, 'referenceId'],
		['an unknown lookup path', { ...dialog360, options: { lookupPath: '/v2/payments' } }, /"Lookup Path" must be/, 'options.lookupPath'],
		['a link id that is not digits', { provider: 'craftgate', linkId: 'abc' }, /Link ID must be the numeric id/, 'linkId'],
		['an empty link id', { provider: 'craftgate', linkId: '' }, /Link ID must be the numeric id/, 'linkId'],
		['an empty widget key', { provider: 'calypsoPay', calypsoKind: 'widget', widgetKey: ' ' }, 'Widget Key is required', 'widgetKey'],
		['an empty invoice id', { provider: 'calypsoPay', calypsoKind: 'invoice', invoiceId: '' }, 'Invoice ID is required', 'invoiceId'],
		['an unknown Calypso kind', { provider: 'calypsoPay', calypsoKind: 'payout' }, /Calypso Payment must be widget or invoice/, 'calypsoKind'],
		['Exotel, which has no lookup', { provider: 'exotel' }, /Exotel offers no payment status lookup/, 'provider'],
		['an unknown provider', { provider: 'paypal' }, 'Provider must be one of dialog360, craftgate, calypsoPay, got "paypal"', 'provider'],
	])('refuses %s, naming the item and the field', (_label, parameters, message, field) => {
		const { error } = targetOf({}, [{}, parameters], 1);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(error?.description).toBe(`Check field "${field}" of input item 1.`);
		expect(error?.context.itemIndex).toBe(1);
	});
});

describe('targetTimeoutMs', () => {
	it('takes Options → Timeout, else the provider node\'s default', () => {
		const timeout = (parameters: IDataObject) => {
			const { ctx } = createExecuteContext({ parameters });
			return targetTimeoutMs(ctx, 0, paymentTargetOf(ctx, 0));
		};
		expect(timeout({ provider: 'craftgate', linkId: '1' })).toBe(30_000);
		expect(timeout({ provider: 'calypsoPay', widgetKey: 'k' })).toBe(60_000);
		expect(timeout({ provider: 'calypsoPay', widgetKey: 'k', options: { timeout: 7 } })).toBe(7_000);
	});
});

describe('the target parameters', () => {
	const shownFor = (provider: string, more: IDataObject = {}) =>
		paymentTargetProperties
			.filter((property) => {
				const show = property.displayOptions?.show ?? {};
				return (show.provider as string[]).includes(provider) && Object.entries(more).every(([key, value]) => !show[key] || (show[key] as string[]).includes(value as string));
			})
			.map((property) => property.name);

	it('offers the providers with a status lookup, each mapped to its PaymentTarget provider', () => {
		expect(paymentProviderOptions.map((option) => option.value)).toEqual(['dialog360', 'calypsoPay', 'craftgate']);
		expect(Object.keys(TARGET_PROVIDERS).sort()).toEqual(['calypsoPay', 'craftgate', 'dialog360']);
		expect(paymentProviderProperty).toMatchObject({ name: 'provider', type: 'options', default: 'dialog360' });
		// Expressions are allowed: a sweep may check several providers' payments in one node.
		expect(paymentProviderProperty.noDataExpression).toBeUndefined();
	});

	it('shows each provider\'s fields only for it', () => {
		expect(shownFor('dialog360')).toEqual(['paymentConfiguration', 'referenceId']);
		expect(shownFor('craftgate')).toEqual(['linkId']);
		expect(shownFor('calypsoPay', { calypsoKind: 'widget' })).toEqual(['calypsoKind', 'widgetKey']);
		expect(shownFor('calypsoPay', { calypsoKind: 'invoice' })).toEqual(['calypsoKind', 'invoiceId']);
		expect(paymentTargetProperties.filter((property) => property.name !== 'calypsoKind').every((property) => property.required)).toBe(true);
	});

	it('has each provider\'s Options entries and credential shown for it', () => {
		const byName = (properties: INodeProperties[]) => Object.fromEntries(properties.map((property) => [property.name, property.displayOptions?.show]));
		expect(byName(paymentTargetOptions)).toEqual({ expiryTimeZone: { '/provider': ['craftgate'] }, lookupPath: { '/provider': ['dialog360'] } });
		expect(paymentTargetCredentials).toEqual([
			{ name: 'dialog360Api', required: true, displayOptions: { hide: { provider: ['craftgate', 'calypsoPay'] } } },
			{ name: 'craftgateApi', required: true, displayOptions: { hide: { provider: ['dialog360', 'calypsoPay'] } } },
			{ name: 'calypsoApi', required: true, displayOptions: { hide: { provider: ['dialog360', 'craftgate'] } } },
		]);
	});
});
