import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;
type TimeUnit = keyof typeof UNIT_SECONDS;

/** n8n's waiting executions are checked about once a minute; a longer limit needs no more precision. */
const LONGEST_LIMIT_DAYS = 30;
/** The provider is asked at most this often (a lookup is a request against the merchant's rate limit). */
export const SHORTEST_CHECK_INTERVAL_SECONDS = 30;

export const timeLimitProperties: INodeProperties[] = [
	{
		displayName: 'Time Limit',
		name: 'limitAmount',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 30,
		required: true,
		description: 'How long to wait for the payment before continuing on the Timed Out output',
	},
	{
		displayName: 'Time Limit Unit',
		name: 'limitUnit',
		type: 'options',
		options: [
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		],
		default: 'minutes',
	},
];

/** The item's time limit in milliseconds, refused when it is not a whole positive number within 30 days. */
export function timeLimitMs(ctx: IExecuteFunctions, itemIndex: number): number {
	const amount = ctx.getNodeParameter('limitAmount', itemIndex) as number;
	const unit = ctx.getNodeParameter('limitUnit', itemIndex, 'minutes') as TimeUnit;
	const seconds = UNIT_SECONDS[unit] === undefined ? NaN : amount * UNIT_SECONDS[unit];
	if (!Number.isInteger(amount) || amount < 1 || !(seconds <= LONGEST_LIMIT_DAYS * 86400)) {
		throw new NodeOperationError(ctx.getNode(), `The time limit ${String(amount)} ${String(unit)} is not a whole number from 1 up to ${LONGEST_LIMIT_DAYS} days`, {
			itemIndex,
			description: `Check fields "limitAmount" and "limitUnit" of input item ${itemIndex}.`,
		});
	}
	return seconds * 1000;
}

/** The item's check interval in milliseconds, at least SHORTEST_CHECK_INTERVAL_SECONDS. */
export function checkIntervalMs(ctx: IExecuteFunctions, itemIndex: number): number {
	const seconds = ctx.getNodeParameter('checkInterval', itemIndex, 60) as number;
	if (!Number.isInteger(seconds) || seconds < SHORTEST_CHECK_INTERVAL_SECONDS) {
		throw new NodeOperationError(ctx.getNode(), `The check interval ${String(seconds)} s is shorter than ${SHORTEST_CHECK_INTERVAL_SECONDS} s or not a whole number`, {
			itemIndex,
			description: `Check field "checkInterval" of input item ${itemIndex}.`,
		});
	}
	return seconds * 1000;
}
