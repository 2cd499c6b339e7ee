import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputRuleError } from '../errors';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './request';

/** Where every action node keeps the option: `options.timeout`. */
const FIELD = 'options.timeout';

/**
 * The Options entry "Timeout (Seconds)" of an action node: how long one call to `provider` may
 * take. `sends` says what a call that timed out may still have done there, for the description.
 */
export function timeoutOption(options: { provider: string; sends?: string; defaultSeconds?: number }): INodeProperties {
	const unknownOutcome = options.sends
		? ` A ${options.sends} that times out may still have been made: the error says how to check before trying again.`
		: '';
	const property: INodeProperties = {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 30,
		description: `How long to wait for ${options.provider} to answer one request before giving up.${unknownOutcome}`,
	};
	return options.defaultSeconds === undefined ? property : { ...property, default: options.defaultSeconds };
}

/**
 * The item's Timeout (Seconds) in milliseconds (`defaultSeconds` when not set). Anything but a
 * whole number of seconds from 1 up is refused before a request is sent.
 */
export function requestTimeoutMs(ctx: IExecuteFunctions, itemIndex: number, defaultSeconds = DEFAULT_REQUEST_TIMEOUT_MS / 1000): number {
	const options = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const value = options.timeout;
	if (value === undefined || value === null || value === '') return defaultSeconds * 1000;
	const seconds = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
		throw new InputRuleError(`"Timeout (Seconds)" must be a whole number of seconds, at least 1, got ${JSON.stringify(value)}`, FIELD);
	}
	return seconds * 1000;
}
