import { callbackItemsOf, parseMultipartFields, unflattenFormFields } from '../../../../../nodes/Exotel/trigger/callbackBody';

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
});
