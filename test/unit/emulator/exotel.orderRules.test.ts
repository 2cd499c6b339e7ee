import { postJson, startReceiver, useExotelEmulator } from './helpers';
import { beneficiary, importer, message, orderDetails, orderStatus } from './fixtures';

describe('Exotel emulator: WhatsApp order rules', () => {
	const h = useExotelEmulator();
	const { send, control, sendOne } = h;

	describe('order_details rules', () => {
		const P = 'interactive.action.parameters';
		const cases: Array<[string, string, (o: any) => void]> = [
			['reference_id with a space', `${P}.reference_id`, (o) => (o.action.parameters.reference_id = 'ORD 1')],
			['reference_id of 36 characters', `${P}.reference_id`, (o) => (o.action.parameters.reference_id = 'A'.repeat(36))],
			['empty reference_id', `${P}.reference_id`, (o) => (o.action.parameters.reference_id = '')],
			['currency USD', `${P}.currency`, (o) => (o.action.parameters.currency = 'USD')],
			['offset 1000', `${P}.total_amount.offset`, (o) => (o.action.parameters.total_amount.offset = 1000)],
			['a decimal value', `${P}.order.items[0].amount.value`, (o) => (o.action.parameters.order.items[0].amount.value = 1400.5)],
			['sale_amount equal to amount', `${P}.order.items[0].sale_amount`, (o) => (o.action.parameters.order.items[0].sale_amount.value = 1400)],
			['quantity as a string', `${P}.order.items[0].quantity`, (o) => (o.action.parameters.order.items[0].quantity = '1')],
			['a decimal quantity', `${P}.order.items[0].quantity`, (o) => (o.action.parameters.order.items[0].quantity = 1.5)],
			['an item name of 61 characters', `${P}.order.items[0].name`, (o) => (o.action.parameters.order.items[0].name = 'n'.repeat(61))],
			['a subtotal that ignores sale_amount', `${P}.order.subtotal.value`, (o) => {
				o.action.parameters.order.subtotal.value = 1400;
				o.action.parameters.total_amount.value = 1400;
			}],
			['a wrong total', `${P}.total_amount.value`, (o) => (o.action.parameters.total_amount.value = 1100)],
			['a missing tax', `${P}.order.tax`, (o) => delete o.action.parameters.order.tax],
			['a tax description of 61 characters', `${P}.order.tax.description`, (o) => (o.action.parameters.order.tax.description = 'd'.repeat(61))],
			['a discount program name of 61 characters', `${P}.order.discount.discount_program_name`, (o) => (o.action.parameters.order.discount.discount_program_name = 'p'.repeat(61))],
			['no catalog and no importer fields', `${P}.order.items[0].country_of_origin`, (o) => delete o.action.parameters.order.catalog_id],
			['an expiration 100 s ahead', `${P}.order.expiration.timestamp`, (o) => (o.action.parameters.order.expiration = { timestamp: String(Math.floor(Date.now() / 1000) + 100), description: 'soon' })],
			['an expiration timestamp as a number', `${P}.order.expiration.timestamp`, (o) => (o.action.parameters.order.expiration = { timestamp: Math.floor(Date.now() / 1000) + 3600 })],
			['an expiration description of 121 characters', `${P}.order.expiration.description`, (o) => (o.action.parameters.order.expiration = { timestamp: String(Math.floor(Date.now() / 1000) + 3600), description: 'e'.repeat(121) })],
			['a payment_configuration of 61 characters', `${P}.payment_configuration`, (o) => (o.action.parameters.payment_configuration = 'c'.repeat(61))],
			['an unknown payment_type', `${P}.payment_type`, (o) => (o.action.parameters.payment_type = 'card')],
			['an unknown goods type', `${P}.type`, (o) => (o.action.parameters.type = 'services')],
			['physical goods without beneficiaries', `${P}.beneficiaries`, (o) => (o.action.parameters.type = 'physical-goods')],
			['a 5-digit beneficiary postal code', `${P}.beneficiaries[0].postal_code`, (o) => (o.action.parameters.beneficiaries = [{ ...beneficiary, postal_code: '56000' }])],
			['a beneficiary outside India', `${P}.beneficiaries[0].country`, (o) => (o.action.parameters.beneficiaries = [{ ...beneficiary, country: 'Nepal' }])],
			['a beneficiary name of 201 characters', `${P}.beneficiaries[0].name`, (o) => (o.action.parameters.beneficiaries = [{ ...beneficiary, name: 'b'.repeat(201) }])],
			['order status other than pending', `${P}.order.status`, (o) => (o.action.parameters.order.status = 'processing')],
			['a wrong action name', 'interactive.action.name', (o) => (o.action.name = 'review_order')],
			['a missing body', 'interactive.body', (o) => delete o.body],
			['a body text of 1025 characters', 'interactive.body.text', (o) => (o.body.text = 't'.repeat(1025))],
			['a footer text of 61 characters', 'interactive.footer.text', (o) => (o.footer.text = 'f'.repeat(61))],
		];

		it.each(cases)('rejects %s', async (_label, field, mutate) => {
			const interactive = orderDetails();
			mutate(interactive);
			const { status, json } = await sendOne(interactive);
			expect(status).toBe(400);
			const result = json.response.whatsapp.messages[0];
			expect(result).toMatchObject({ code: 400, status: 'failure', data: null });
			expect(result.error_data.description).toContain(`whatsapp.messages[0].content.${field}`);
			expect(h.emu.state.exotel.orders).toEqual({});
		});

		it.each([
			['the seed example with a catalog', () => orderDetails()],
			['items with importer details and no catalog', () => {
				const o = orderDetails();
				delete o.action.parameters.order.catalog_id;
				Object.assign(o.action.parameters.order.items[0], importer);
				return o;
			}],
			['physical goods with a beneficiary', () => {
				const o = orderDetails();
				o.action.parameters.type = 'physical-goods';
				o.action.parameters.beneficiaries = [beneficiary];
				return o;
			}],
			['an expiration 600 s ahead and a 35-character reference', () => {
				const o = orderDetails('Ab0_.-'.repeat(5) + 'Z1234');
				o.action.parameters.order.expiration = { timestamp: String(Math.floor(Date.now() / 1000) + 600), description: 'Pay within 10 minutes' };
				return o;
			}],
			['Cloud-style payment_settings', () => {
				const o = orderDetails();
				delete o.action.parameters.payment_type;
				delete o.action.parameters.payment_configuration;
				o.action.parameters.payment_settings = [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'emulator-config' } }];
				return o;
			}],
			['UPI intent with quantity 3', () => {
				const o = orderDetails();
				o.action.parameters.payment_type = 'upi';
				o.action.parameters.order.items[0].quantity = 3;
				o.action.parameters.order.subtotal.value = 3000;
				o.action.parameters.total_amount.value = 3000;
				return o;
			}],
		])('accepts %s', async (_label, build) => {
			const { status, json } = await sendOne(build());
			expect(json.response.whatsapp.messages[0].error_data).toBeNull();
			expect(status).toBe(202);
		});

		it('refuses a reference_id already used, also within one request', async () => {
			expect((await sendOne(orderDetails('ORD-7'))).status).toBe(202);
			const again = await send({ whatsapp: { messages: [message(orderDetails('ORD-7')), message(orderDetails('ORD-8')), message(orderDetails('ORD-8'))] } });
			const results = again.json.response.whatsapp.messages;
			expect(results.map((r: any) => r.status)).toEqual(['failure', 'success', 'failure']);
			expect(results[0].error_data).toMatchObject({ message: 'Duplicate reference_id' });
			expect(results[0].error_data.description).toContain('"ORD-7"');
		});

		it('lets the rules that cannot be known be switched off', async () => {
			await postJson(`${h.emu.url}/_control/config`, { exotel: { requireBeneficiariesForPhysicalGoods: false, requireImporterWithoutCatalog: false } });
			const o = orderDetails();
			o.action.parameters.type = 'physical-goods';
			delete o.action.parameters.order.catalog_id;
			expect((await sendOne(o)).status).toBe(202);
			await postJson(`${h.emu.url}/_control/config`, { exotel: { requireBeneficiariesForPhysicalGoods: true, requireImporterWithoutCatalog: true } });
		});
	});

	describe('order_status', () => {
		let receiver: Awaited<ReturnType<typeof startReceiver>>;
		beforeEach(async () => {
			receiver = await startReceiver();
		});
		afterEach(() => receiver.close());

		const status = (ref: string, value: string) => sendOne(orderStatus(ref, value), { status_callback: receiver.url, custom_data: 'ORD-custom' });

		it('moves an order through allowed statuses without callbacks', async () => {
			await sendOne(orderDetails('ORD-S'));
			for (const value of ['processing', 'partially_shipped', 'shipped', 'processing', 'completed']) {
				expect((await status('ORD-S', value)).status).toBe(202);
			}
			expect(h.emu.state.exotel.orders['ORD-S'].status).toBe('completed');
			await new Promise((r) => setTimeout(r, 60));
			expect(receiver.received).toHaveLength(0);
		});

		it('rejects an unknown status value synchronously', async () => {
			await sendOne(orderDetails('ORD-S'));
			const { status: http, json } = await status('ORD-S', 'pending');
			expect(http).toBe(400);
			expect(json.response.whatsapp.messages[0].error_data.description).toContain('order.status');
		});

		it('accepts partially-shipped only when configured', async () => {
			await sendOne(orderDetails('ORD-H'));
			expect((await status('ORD-H', 'partially-shipped')).status).toBe(400);
			await postJson(`${h.emu.url}/_control/config`, { exotel: { partiallyShippedSpellings: ['partially_shipped', 'partially-shipped'] } });
			expect((await status('ORD-H', 'partially-shipped')).status).toBe(202);
			expect(h.emu.state.exotel.orders['ORD-H'].status).toBe('partially_shipped');
		});

		it('accepts a forbidden transition, then sends a failed DLR with 2046', async () => {
			await sendOne(orderDetails('ORD-T'));
			expect((await status('ORD-T', 'completed')).status).toBe(202);
			const refused = await status('ORD-T', 'processing');
			expect(refused.status).toBe(202);
			const [cb] = await receiver.waitFor(1);
			const item = JSON.parse(cb.body).whatsapp.messages[0];
			expect(item).toMatchObject({
				callback_type: 'dlr',
				sid: refused.json.response.whatsapp.messages[0].data.sid,
				to: '+919888800000',
				exo_status_code: 30010,
				exo_detailed_status: 'EX_INVALID_REQUEST',
				error_code: 2046,
				custom_data: 'ORD-custom',
				payment_reference_id: 'ORD-T',
			});
			expect(h.emu.state.exotel.orders['ORD-T'].status).toBe('completed');
		});

		it('sends 2046 for a reference_id that no order_details opened', async () => {
			expect((await status('NO-SUCH-ORDER', 'processing')).status).toBe(202);
			const [cb] = await receiver.waitFor(1);
			expect(JSON.parse(cb.body).whatsapp.messages[0].error_code).toBe(2046);
		});

		it('sends 2047 when canceling a paid order', async () => {
			await sendOne(orderDetails('ORD-P'), { status_callback: receiver.url });
			expect((await control('pay', { reference_id: 'ORD-P' })).status).toBe(200);
			await status('ORD-P', 'canceled');
			const received = await receiver.waitFor(2);
			expect(JSON.parse(received[1].body).whatsapp.messages[0]).toMatchObject({ error_code: 2047, exo_detailed_status: 'EX_INVALID_REQUEST' });
			expect(h.emu.state.exotel.orders['ORD-P'].status).toBe('pending');
		});

		it('allows canceling an unpaid order and refuses payment after it', async () => {
			await sendOne(orderDetails('ORD-C'), { status_callback: receiver.url });
			await status('ORD-C', 'canceled');
			expect(h.emu.state.exotel.orders['ORD-C'].status).toBe('canceled');
			expect((await control('pay', { reference_id: 'ORD-C' })).status).toBe(409);
		});
	});
});
