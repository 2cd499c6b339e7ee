// Every error body shape 360dialog or the Graph API may answer with, as the node reports it.
import { NodeApiError } from 'n8n-workflow';
import { dialog360ErrorData } from '../../../../../nodes/Dialog360/transport';
import type { Answer } from '../../../../fakes/dialog360';
import { graphError } from '../../../../fakes/dialog360';
import { failure, start } from '../fixtures';

async function sendError(answer: Answer): Promise<NodeApiError> {
	const { execution, http } = start({ respond: () => answer });
	const error = await failure<NodeApiError>(execution);
	expect(error).toBeInstanceOf(NodeApiError);
	expect(http).toHaveBeenCalledTimes(1);
	return error;
}

describe('360dialog error answers', () => {
	describe('body shapes', () => {
		it('Graph-style: code, type, message, details, subcode and trace id', async () => {
			const error = await sendError(graphError(400, 100, 'Invalid parameter', 'Param to is not a valid phone number'));
			expect(error.message).toBe('360dialog error 100: Invalid parameter');
			expect(error.httpCode).toBe('400');
			expect(error.description).toContain('360dialog says (code 100): OAuthException — Invalid parameter — Param to is not a valid phone number.');
			expect(error.context.providerCode).toBe('100');
			expect(error.errorResponse).toMatchObject({
				httpCode: '400',
				dialog360Title: 'OAuthException',
				dialog360Message: 'Invalid parameter',
				dialog360Details: 'Param to is not a valid phone number',
				dialog360Subcode: '2494010',
				fbtraceId: 'AbCdEf123',
			});
		});

		it('360dialog-style {error: "…"}', async () => {
			const error = await sendError({ status: 401, body: { error: 'Invalid api key' } });
			expect(error.message).toBe('360dialog did not accept the API key: Invalid api key');
			expect(error.description).toContain('Check the D360-API-KEY');
			expect(error.context.providerCode).toBeUndefined();
			expect(error.errorResponse).toMatchObject({ dialog360Message: 'Invalid api key' });
		});

		it('360dialog-style {meta: {developer_message}}', async () => {
			const error = await sendError({ status: 400, body: { meta: { api_status: 'stable', version: '2.35.4', developer_message: 'Unknown field "foo"', http_code: 400 } } });
			expect(error.message).toBe('360dialog error 400: Unknown field "foo"');
			expect(error.context.providerCode).toBe('400');
			expect(error.errorResponse).toMatchObject({ dialog360Message: 'Unknown field "foo"' });
		});

		it('360dialog-style {errors: [{code, title, details}]}', async () => {
			const error = await sendError({ status: 404, body: { errors: [{ code: 1006, title: 'Resource not found', details: 'unknown contact' }] } });
			expect(error.message).toBe('360dialog error 1006: Resource not found');
			expect(error.description).toContain('360dialog says (code 1006): Resource not found — unknown contact.');
		});

		it('errors[] in a 200 answer are errors all the same', async () => {
			const error = await sendError({ status: 200, body: { errors: [{ code: 131009, title: 'Parameter value is not valid', details: 'reference_id' }] } });
			expect(error.message).toBe('360dialog error 131009: Parameter value is not valid');
		});

		it('a text body', async () => {
			const error = await sendError({ status: 502, body: 'Bad Gateway' });
			expect(error.message).toBe('360dialog could not process the request (HTTP 502): Bad Gateway');
			expect(error.description).toContain('may or may not have been sent');
		});

		it('an empty body', async () => {
			const error = await sendError({ status: 503 });
			expect(error.message).toBe('360dialog could not process the request (HTTP 503)');
		});

		it('JSON that arrived as text is read as JSON', () => {
			expect(dialog360ErrorData('{"error":{"code":131047,"message":"Re-engagement message"}}')).toEqual({
				code: '131047',
				title: undefined,
				message: 'Re-engagement message',
				details: undefined,
				subcode: undefined,
				fbtraceId: undefined,
			});
		});
	});

	describe('hints that say what to do', () => {
		it.each([
			[131005, 'Access denied', 'accept them in the WhatsApp Manager'],
			[131047, 'Re-engagement message', 'Send an approved template with an ORDER_DETAILS button instead, or wait for the customer to message you'],
			[131009, 'Parameter value is not valid', 'check the field named in the details above'],
		])('%i', async (code, message, hint) => {
			const error = await sendError(graphError(400, code, message, 'some details'));
			expect(error.message).toBe(`360dialog error ${code}: ${message}`);
			expect(error.description).toContain(hint);
			expect(error.context.providerCode).toBe(String(code));
		});

		it('no hint for other codes', async () => {
			const error = await sendError(graphError(400, 131026, 'Message undeliverable'));
			expect(error.description).not.toMatch(/WhatsApp Manager|ORDER_DETAILS|field named/);
		});
	});

	it('secrets quoted by the provider are replaced everywhere', async () => {
		const error = await sendError({ status: 400, body: { errors: [{ code: 1, title: 'bad test-partner-secret-0001', details: 'key test-d360-key-0001' }] } });
		const seen = JSON.stringify({ message: error.message, description: error.description, response: error.errorResponse });
		expect(seen).not.toContain('test-d360-key-0001');
		expect(seen).not.toContain('test-partner-secret-0001');
	});
});
