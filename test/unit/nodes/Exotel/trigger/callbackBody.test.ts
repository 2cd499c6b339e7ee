import type { IWebhookFunctions } from 'n8n-workflow';
import { callbackItemsOf, parseMultipartFields, readCallbackItems, unflattenFormFields } from '../../../../../nodes/Exotel/trigger/callbackBody';

const MULTIPART = 'multipart/form-data; boundary=b';

/** A webhook context with the body as n8n handed it to the node, and the raw bytes behind it. */
function webhookContext(body: unknown, raw = '') {
	return {
		getBodyData: () => body,
		getHeaderData: () => ({ 'content-type': MULTIPART }),
		getRequestObject: () => ({ rawBody: Buffer.from(raw) }),
	} as unknown as IWebhookFunctions;
}

describe('Exotel callback bodies', () => {
	it('nests bracketed form keys and turns index keys into arrays in index order', () => {
		expect(
			unflattenFormFields({
				'whatsapp[messages][10][sid]': 'b',
				'whatsapp[messages][2][sid]': 'a',
				plain: 'kept',
			}),
		).toEqual({ whatsapp: { messages: [{ sid: 'a' }, { sid: 'b' }] }, plain: 'kept' });
	});

	it('never writes through __proto__ or constructor keys', () => {
		const fields = unflattenFormFields({
			'__proto__[polluted]': 'yes',
			'whatsapp[constructor][prototype][polluted]': 'yes',
			'whatsapp[messages][0][sid]': 's1',
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(fields).toEqual({ whatsapp: { messages: [{ sid: 's1' }] } });
	});

	it('reads text fields of a multipart body and skips files', () => {
		const raw = Buffer.from(
			'--b\r\nContent-Disposition: form-data; name="sid"\r\n\r\ns-1\r\n' +
				'--b\r\nContent-Disposition: form-data; name="upload"; filename="x.txt"\r\n\r\nfile\r\n' +
				'--b\r\nContent-Disposition: form-data; name="exo_status_code"\r\n\r\n30002\r\n--b--\r\n',
		);
		expect(parseMultipartFields(raw, 'multipart/form-data; boundary="b"')).toEqual({ sid: 's-1', exo_status_code: '30002' });
	});

	it('accepts a JSON array of bodies and a bare item, and finds nothing in other objects', () => {
		const item = { sid: 's', exo_status_code: 30001 };
		expect(callbackItemsOf([{ whatsapp: { messages: [item] } }, { params: { whatsapp: { messages: [item] } } }])).toHaveLength(2);
		expect(callbackItemsOf(item)).toEqual([item]);
		expect(callbackItemsOf({ whatsapp: { messages: [{ unrelated: true }] } })).toEqual([]);
		expect(callbackItemsOf('not json')).toEqual([]);
	});

	it('reads a multipart callback as n8n 2.41 parses it ({ data: fields, files }), bracketed keys and all', async () => {
		const parsed = { data: { 'whatsapp[messages][0][sid]': 's-9', 'whatsapp[messages][0][exo_status_code]': '30050' }, files: {} };
		await expect(readCallbackItems(webhookContext(parsed))).resolves.toEqual([{ sid: 's-9', exo_status_code: '30050' }]);
	});

	it('reads a multipart callback n8n left unparsed from the raw body', async () => {
		const raw = '--b\r\nContent-Disposition: form-data; name="sid"\r\n\r\ns-10\r\n--b\r\nContent-Disposition: form-data; name="exo_status_code"\r\n\r\n30050\r\n--b--\r\n';
		await expect(readCallbackItems(webhookContext({}, raw))).resolves.toEqual([{ sid: 's-10', exo_status_code: '30050' }]);
	});
});
