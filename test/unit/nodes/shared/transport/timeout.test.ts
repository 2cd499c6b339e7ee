import { InputRuleError } from '../../../../../nodes/shared/errors';
import { requestTimeoutMs, timeoutOption } from '../../../../../nodes/shared/transport/timeout';
import { createExecuteContext } from '../../../helpers/executeContext';

const timeoutOf = (options: unknown, defaultSeconds?: number) =>
	requestTimeoutMs(createExecuteContext({ parameters: { options } as never }).ctx, 0, defaultSeconds);

describe('timeoutOption', () => {
	it('is "Timeout (Seconds)" under Options: whole seconds from 1, 30 by default', () => {
		expect(timeoutOption({ provider: 'Craftgate' })).toEqual({
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 30,
			description: 'How long to wait for Craftgate to answer one request before giving up.',
		});
	});

	it('on a create or send, says that one that timed out may have been made', () => {
		expect(timeoutOption({ provider: 'Calypso', sends: 'widget', defaultSeconds: 60 })).toMatchObject({
			default: 60,
			description:
				'How long to wait for Calypso to answer one request before giving up. A widget that times out may still have been made: the error says how to check before trying again.',
		});
	});
});

describe('requestTimeoutMs', () => {
	it('is the default when the option is not set', () => {
		expect(timeoutOf(undefined)).toBe(30_000);
		expect(timeoutOf({})).toBe(30_000);
		expect(timeoutOf({ timeout: '' }, 60)).toBe(60_000);
	});

	it('is the option in milliseconds, also from an expression\'s text', () => {
		expect(timeoutOf({ timeout: 5 })).toBe(5_000);
		expect(timeoutOf({ timeout: ' 12 ' })).toBe(12_000);
	});

	it.each([[0], [-1], [1.5], ['soon'], [true]])('refuses %p before anything is sent, naming the field', (timeout) => {
		let failure: unknown;
		try {
			timeoutOf({ timeout });
		} catch (error) {
			failure = error;
		}
		expect(failure).toBeInstanceOf(InputRuleError);
		expect(failure).toMatchObject({ field: 'options.timeout' });
		expect((failure as Error).message).toMatch(/^"Timeout \(Seconds\)" must be a whole number of seconds, at least 1, got /);
	});
});
