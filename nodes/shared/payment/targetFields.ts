import type { IDataObject, IExecuteFunctions, INodeCredentialDescription, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { invoiceIdProperty } from '../../Calypso/actions/invoice/get.operation';
import { widgetKeyProperty } from '../../Calypso/actions/widget/get.operation';
import { CALYPSO_DEFAULT_TIMEOUT_SECONDS } from '../../Calypso/transport';
import { linkIdProperty, expiryTimeZoneProperty } from '../../Craftgate/actions/link/common';
import { parseLinkId } from '../../Craftgate/helpers/product';
import { paymentConfigurationProperty, referenceIdProperty } from '../../Dialog360/actions/payment/get.operation';
import { lookupPathField } from '../../Dialog360/helpers/lookupPath';
import { checkLookupInput, DEFAULT_LOOKUP_PATH } from '../../Dialog360/transport/payments';
import { InputRuleError, toNodeOperationError } from '../errors';
import { providerCredentials } from '../providerCredential';
import { optionalText, requireText, trimmedText } from '../text';
import { requestTimeoutMs } from '../transport/timeout';
import type { PaymentTarget } from './check';

/*
 * The parameters that name one payment to check, shared by Check Payment and Wait for Payment:
 * a Provider parameter (`provider`, values below; Wait for Payment adds its own `exotel`), the
 * fields of each provider shown when it is chosen, their Options entries and credentials, and
 * paymentTargetOf, which reads and checks them for one item.
 */

/** The Provider parameter's values, as node parameters spell them. */
export type TargetProviderValue = 'dialog360' | 'craftgate' | 'calypsoPay';

/** The PaymentTarget provider of each Provider value. */
export const TARGET_PROVIDERS: Record<TargetProviderValue, PaymentTarget['provider']> = {
	dialog360: '360dialog',
	craftgate: 'craftgate',
	calypsoPay: 'calypso',
};

export const paymentProviderOptions: INodePropertyOptions[] = [
	{ name: '360dialog', value: 'dialog360', description: 'A WhatsApp payment request, by payment configuration and reference ID' },
	{ name: 'Calypso Pay', value: 'calypsoPay', description: 'A payment widget by its key, or an invoice by its ID' },
	{ name: 'Craftgate', value: 'craftgate', description: 'A payment link by its ID' },
];

/**
 * Check Payment's Provider. It takes expressions, so one node can check the payments of several
 * providers: with an expression every provider's fields and credentials show, and each item uses
 * its own provider's.
 */
export const paymentProviderProperty: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	options: paymentProviderOptions,
	default: 'dialog360',
	description:
		'Who the payment was asked through. To check payments of several providers in one node, set an expression giving dialog360, craftgate or calypsoPay for each item, and fill every provider\'s fields and credential.',
};

const show = (provider: TargetProviderValue, more: IDataObject = {}) => ({ show: { provider: [provider], ...more } });

/** Each provider's fields, shown when it is chosen (spread them after the Provider parameter). */
export const paymentTargetProperties: INodeProperties[] = [
	{ ...paymentConfigurationProperty, displayOptions: show('dialog360') },
	{ ...referenceIdProperty, displayOptions: show('dialog360') },
	{
		...linkIdProperty,
		displayOptions: show('craftgate'),
		hint: 'Paid once the link\'s sold count says so; failed when a payment by its order ID was declined, the link expired or was deactivated',
	},
	{
		displayName: 'Calypso Payment',
		name: 'calypsoKind',
		type: 'options',
		options: [
			{ name: 'Invoice', value: 'invoice', description: 'An invoice by its ID (fixed-amount or unlimited)' },
			{ name: 'Payment Widget', value: 'widget', description: 'A payment widget by its key, with every invoice the customer opened from it' },
		],
		default: 'widget',
		description: 'What was sent to the customer: the link of a payment widget, or an invoice',
		displayOptions: show('calypsoPay'),
	},
	{ ...widgetKeyProperty, displayOptions: show('calypsoPay', { calypsoKind: ['widget'] }) },
	{ ...invoiceIdProperty, displayOptions: show('calypsoPay', { calypsoKind: ['invoice'] }) },
];

/** Options entries of the providers (add them to the node's Options collection; defaults apply without them). */
export const paymentTargetOptions: INodeProperties[] = [
	{ ...expiryTimeZoneProperty, displayOptions: { show: { '/provider': ['craftgate'] } } },
	{ ...lookupPathField, displayOptions: { show: { '/provider': ['dialog360'] } } },
];

/** The credential of each provider, shown when it is chosen. */
export const paymentTargetCredentials: INodeCredentialDescription[] = providerCredentials({
	dialog360: 'dialog360Api',
	craftgate: 'craftgateApi',
	calypsoPay: 'calypsoApi',
});

function isTargetProvider(value: string): value is TargetProviderValue {
	return Object.prototype.hasOwnProperty.call(TARGET_PROVIDERS, value);
}

function readTarget(ctx: IExecuteFunctions, itemIndex: number): PaymentTarget {
	const parameter = (name: string) => ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const options = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const provider = trimmedText(parameter('provider'));
	if (provider === 'exotel') {
		throw new InputRuleError(
			'Exotel offers no payment status lookup: its payment outcome arrives only by status callback (Exotel Trigger, or Wait for Payment)',
			'provider',
		);
	}
	if (!isTargetProvider(provider)) {
		throw new InputRuleError(`Provider must be one of ${Object.keys(TARGET_PROVIDERS).join(', ')}, got "${provider}"`, 'provider');
	}
	if (provider === 'dialog360') {
		const target = {
			provider: '360dialog' as const,
			paymentConfiguration: trimmedText(parameter('paymentConfiguration')),
			referenceId: trimmedText(parameter('referenceId')),
			lookupPath: optionalText(options.lookupPath) ?? DEFAULT_LOOKUP_PATH,
		};
		checkLookupInput(ctx, target, itemIndex);
		return target;
	}
	if (provider === 'craftgate') {
		const expiryTimeZone = optionalText(options.expiryTimeZone);
		return { provider: 'craftgate', linkId: parseLinkId(parameter('linkId')), ...(expiryTimeZone ? { expiryTimeZone } : {}) };
	}
	const kind = trimmedText(parameter('calypsoKind')) || 'widget';
	if (kind === 'widget') return { provider: 'calypso', kind, id: requireText(parameter('widgetKey'), 'widgetKey', 'Widget Key') };
	if (kind === 'invoice') return { provider: 'calypso', kind, id: requireText(parameter('invoiceId'), 'invoiceId', 'Invoice ID') };
	throw new InputRuleError(`Calypso Payment must be widget or invoice, got "${kind}"`, 'calypsoKind');
}

/**
 * The payment item `itemIndex` names, checked before anything is sent: a bad value is a
 * NodeOperationError naming the item and the field (`Check field "linkId" of input item 2.`).
 */
export function paymentTargetOf(ctx: IExecuteFunctions, itemIndex: number): PaymentTarget {
	try {
		return readTarget(ctx, itemIndex);
	} catch (error) {
		throw toNodeOperationError(ctx.getNode(), error, itemIndex);
	}
}

/** The item's Options → Timeout (Seconds) in ms; unset, the provider node's default (60 s for Calypso Pay, else 30 s). */
export function targetTimeoutMs(ctx: IExecuteFunctions, itemIndex: number, target: PaymentTarget): number {
	return target.provider === 'calypso' ? requestTimeoutMs(ctx, itemIndex, CALYPSO_DEFAULT_TIMEOUT_SECONDS) : requestTimeoutMs(ctx, itemIndex);
}
