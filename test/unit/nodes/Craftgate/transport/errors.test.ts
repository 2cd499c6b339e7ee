import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { craftgateError, FAKE_CREDENTIALS, FAKE_KEYS, FakeCraftgate, type CraftgateCall } from '../../../../fakes/craftgate';
import { runCraftgate } from '../contexts';

const create = (fields: IDataObject = {}): IDataObject => ({
	resource: 'link',
	operation: 'create',
	name: 'MyCompany WhatsApp Order',
	price: '149.90',
	currency: 'TRY',
	expiry: 'never',
	...fields,
});

function secretsIn(value: unknown): string[] {
	const text = JSON.stringify(value) + JSON.stringify((value as { cause?: unknown }).cause ?? null) + String((value as Error).message);
	return Object.values(FAKE_KEYS).filter((secret) => text.includes(secret));
}

const answering = (respond: (call: CraftgateCall) => ReturnType<typeof craftgateError>) => new FakeCraftgate({ respond });

describe('Craftgate error answers', () => {
	it('a 422 business error keeps Craftgate\'s code as providerCode, and its description', async () => {
		const { error, fake } = await runCraftgate(create(), { fake: answering(() => craftgateError(422, '5006', 'Product price is not valid')) });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Craftgate error 5006: Product price is not valid');
		expect((error as NodeApiError).httpCode).toBe('422');
		expect((error as NodeApiError).description).toBe('Craftgate refused the request under one of its business rules.');
		expect((error as NodeApiError).context.providerCode).toBe('5006');
		expect(fake.calls).toHaveLength(1);
	});

	it('puts Craftgate\'s code in the Continue On Fail error item', async () => {
		const { output } = await runCraftgate(create(), {
			fake: answering(() => craftgateError(422, '5006', 'Product price is not valid')),
			continueOnFail: true,
		});
		expect(output).toEqual([
			{
				json: {
					error: 'Craftgate error 5006: Product price is not valid',
					description: 'Craftgate refused the request under one of its business rules.',
					httpStatus: 422,
					providerCode: '5006',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a payment error names its group', async () => {
		const { error } = await runCraftgate(create(), { fake: answering(() => craftgateError(422, '10051', 'Insufficient funds', 'NOT_SUFFICIENT_FUNDS')) });
		expect((error as NodeApiError).description).toBe('Payment error (group NOT_SUFFICIENT_FUNDS): the bank or Craftgate declined it.');
	});

	it('a refused signature (401) is reported once, never re-sent, with a credential hint', async () => {
		const { error, fake } = await runCraftgate(create(), { credentials: { ...FAKE_CREDENTIALS, secretKey: 'wrong-secret-value' } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).description).toBe(
			'Craftgate refused the credentials: check the API Key and the Secret Key, and that the API Host of the credential is the one they belong to (sandbox keys only work on the sandbox).',
		);
		expect(fake.calls).toHaveLength(1);
		expect(fake.calls[0].options?.ignoreHttpStatusErrors).toBe(true);
	});

	it('a 404 says the ID is unknown', async () => {
		const { error } = await runCraftgate({ resource: 'link', operation: 'get', linkId: '99' });
		expect(error?.message).toBe('Craftgate error 5015: Product not found');
		expect((error as NodeApiError).description).toBe('Craftgate does not know this ID (wrong ID, deleted, or made on the other API host).');
	});

	it('a 2xx answer without data is an error, not an empty link', async () => {
		const { error } = await runCraftgate(create(), { fake: answering(() => ({ status: 200, body: {} })) });
		expect(error?.message).toBe('Craftgate answered without data');
	});
});

describe('secrets stay out of errors', () => {
	it('keeps keys, secret and signature out of errors, also when the request never got an answer', async () => {
		let signature = '';
		const fake = new FakeCraftgate({
			respond: (call) => {
				signature = String(call.headers['x-signature']);
				throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
					code: 'ECONNREFUSED',
					config: { headers: call.headers, data: call.rawBody },
				});
			},
		});
		const { error } = await runCraftgate({ resource: 'link', operation: 'get', linkId: '12' }, { fake });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('No answer from Craftgate');
		const serialized = JSON.stringify(error) + JSON.stringify((error as NodeApiError).cause ?? {}) + String((error as NodeApiError).description);
		expect(serialized).not.toContain(signature);
		expect(secretsIn(error)).toEqual([]);
	});

	it('scrubs the API key Craftgate echoes back in its error text and in a network error', async () => {
		const echoed = await runCraftgate(create(), {
			fake: answering((call) => craftgateError(401, '1', `Api key ${String(call.headers['x-api-key'])} is not valid`)),
		});
		expect(echoed.error).toBeInstanceOf(NodeApiError);
		expect(echoed.error?.message).toBe('Craftgate error 1: Api key *** is not valid');
		expect(secretsIn(echoed.error)).toEqual([]);

		const network = await runCraftgate(
			{ resource: 'link', operation: 'get', linkId: '12' },
			{
				fake: new FakeCraftgate({
					respond: (call) => {
						throw new Error(`Invalid header value for x-api-key: ${String(call.headers['x-api-key'])}`);
					},
				}),
			},
		);
		expect(network.error?.message).toBe('Craftgate request failed: Invalid header value for x-api-key: ***');
		expect(secretsIn(network.error)).toEqual([]);
	});
});
