// nock standing in for Calypso's API: every request is checked the way Calypso checks it, from
// the raw body bytes it receives (providers.md §4.2, written here without the package's code):
// Key, Sign = hex(HMAC-SHA512(secret, body)), the 2.0 envelope with this account and a
// millisecond timestamp within 3 minutes. Failures get Calypso's {errorCode, message} answers.
import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { IDataObject } from 'n8n-workflow';
import { nock } from '../harness';

export const API = 'https://api.calypso.finance';
export const KEYS = {
	publicKey: 'wf-calypso-public',
	secretKey: 'wf-calypso-secret-value',
	accountId: '0x' + '4e'.repeat(20),
};
export const CREDENTIALS = { calypsoApi: { ...KEYS, apiHost: 'finance', payLinkHost: 'https://pay.calypso.finance' } };

export interface Seen {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	envelope: IDataObject | undefined;
	payload: IDataObject | undefined;
	refusal: string | undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : String(value ?? '');
}

/** The errorCode Calypso would refuse the request with, or undefined. */
export function refusalOf(headers: IncomingHttpHeaders, body: string): string | undefined {
	if (header(headers, 'key') !== KEYS.publicKey) return '002';
	const expected = createHmac('sha512', KEYS.secretKey).update(body, 'utf8').digest('hex');
	if (header(headers, 'sign').toLowerCase() !== expected) return '003';
	let envelope: IDataObject;
	try {
		envelope = JSON.parse(body) as IDataObject;
	} catch {
		return '001';
	}
	if (typeof envelope.timestamp !== 'number' || Math.abs(Date.now() - envelope.timestamp) > 180_000) return '011';
	if (envelope.account !== KEYS.accountId) return '001';
	return undefined;
}

export type Answer = [number, unknown] | { networkError: string };
type Handler = (seen: Seen) => Answer;

/** Intercepts every API request; `handler` answers the ones Calypso would accept. */
export function fakeCalypso(handler: Handler) {
	const seen: Seen[] = [];
	const scope = nock(API).persist();
	// nock hands reply functions parsed JSON; its 'request' event still has the raw string.
	const rawBodies = new WeakMap<object, string>();
	scope.on('request', (req: object, _interceptor: unknown, body: string) => rawBodies.set(req, body ?? ''));
	type Callback = (error: NodeJS.ErrnoException | null, answer: [number, string | Record<string, unknown>]) => void;
	const reply = function (this: { req: { method: string; headers: IncomingHttpHeaders } }, uri: string, _body: unknown, callback: Callback) {
		const body = rawBodies.get(this.req) ?? '';
		const refusal = refusalOf(this.req.headers, body);
		let envelope: IDataObject | undefined;
		try {
			envelope = JSON.parse(body) as IDataObject;
		} catch {
			envelope = undefined;
		}
		const entry: Seen = { method: this.req.method, path: uri, headers: this.req.headers, body, envelope, payload: envelope?.payload as IDataObject | undefined, refusal };
		seen.push(entry);
		if (refusal) {
			const status = refusal === '002' || refusal === '003' ? 401 : 400;
			return callback(null, [status, { errorCode: refusal, message: refusal === '003' ? 'Wrong sign' : 'Refused' }]);
		}
		const answer = handler(entry);
		if ('networkError' in answer) return callback(Object.assign(new Error(answer.networkError), { code: 'ECONNRESET' }), [0, '']);
		callback(null, answer as [number, string | Record<string, unknown>]);
	};
	for (const method of ['POST', 'DELETE']) scope.intercept(/.*/, method).reply(reply);
	return { seen, scope };
}

/**
 * A stateful Calypso: widgets, invoices and subscriptions live between calls. `failNext`
 * answers the next requests instead (nothing changes); `loseAnswers` lists paths whose next
 * request is carried out but whose answer is lost (a network error reaches n8n).
 */
export function calypsoAccount() {
	const widgets: Record<string, IDataObject> = {};
	const invoices: Record<string, IDataObject> = {};
	const subscriptions: Record<string, IDataObject> = {};
	const failNext: Answer[] = [];
	const loseAnswers: string[] = [];
	const fake = fakeCalypso((seen) => {
		const injected = failNext.shift();
		if (injected) return injected;
		const answer = handle(seen);
		const lost = loseAnswers.indexOf(seen.path);
		if (lost === -1) return answer;
		loseAnswers.splice(lost, 1);
		return { networkError: 'socket hang up' };
	});
	function handle({ method, path, payload }: Seen): Answer {
		const p = payload ?? {};
		switch (`${method} ${path}`) {
			case 'POST /api/v1/payment-widget/unlimited-linked/create': {
				const key = String(p.idempotencyKey);
				if (widgets[key]) return [400, { errorCode: '016', message: 'idempotencyKey already exists' }];
				widgets[key] = { ...p, widgetType: 'UNLIMITED_LINKED', widgetState: 'IN_PROGRESS', invoices: [], createdDate: '2026-01-02T10:00:00.000000' };
				return [200, widgets[key]];
			}
			case 'POST /api/v1/payment-widget/unlimited-linked/find':
				return widgets[String(p.requestId)] ? [200, widgets[String(p.requestId)]] : [404, { errorCode: '004', message: 'Requested object not found' }];
			case 'POST /api/v1/invoice/single/create': {
				const id = `inv-${Object.keys(invoices).length + 1}`;
				invoices[id] = { ...p, id, type: 'SINGLE', state: 'PENDING_PAYMENT', totalDebitAmount: 0 };
				return [200, invoices[id]];
			}
			case 'POST /api/v1/invoice': {
				const found = Object.values(invoices).find((i) => (p.id ? i.id === p.id : i.idempotencyKey === p.idempotencyKey));
				return found ? [200, found] : [404, { errorCode: '004', message: 'Requested object not found' }];
			}
			case 'POST /api/v1/subscription/webhook/create':
				subscriptions[String(p.requestId)] = { ...p, publicKey: 'wf-sub-public', secretKey: 'wf-sub-secret' };
				return [200, subscriptions[String(p.requestId)]];
			case 'POST /api/v1/subscription/webhook':
				return [200, { subscriptions: Object.values(subscriptions) }];
			case 'DELETE /api/v1/subscription/webhook':
				if (!subscriptions[String(p.requestId)]) return [404, { errorCode: '004', message: 'Requested object not found' }];
				delete subscriptions[String(p.requestId)];
				return [200, ''];
			default:
				return [404, { errorCode: '004', message: `no fake route ${method} ${path}` }];
		}
	}
	return { ...fake, widgets, invoices, subscriptions, failNext, loseAnswers };
}
