import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CalypsoPay } from '../../../../../nodes/Calypso/CalypsoPay.node';
import { CALYPSO_CREDENTIALS, ok } from '../../../../fakes/calypso';
import { calypsoExecuteContext } from '../contexts';
import { invoice } from '../fixtures';

const node = new CalypsoPay();
const getInvoice = { resource: 'invoice', operation: 'get', lookupBy: 'id', invoiceId: 'inv-000001' };

async function getWith(credentials: ICredentialDataDecryptedObject) {
	const context = calypsoExecuteContext({ parameters: getInvoice, credentials, respond: () => ok(invoice()) });
	const error = await node.execute.call(context.ctx).then(
		() => undefined,
		(e: Error) => e,
	);
	return { ...context, error };
}

describe('the API host a request goes to', () => {
	it.each([
		['api.calypso.finance', { apiHost: 'https://api.calypso.finance' }, 'https://api.calypso.finance/api/v1/invoice'],
		['api.calypso.money', { apiHost: 'https://api.calypso.money' }, 'https://api.calypso.money/api/v1/invoice'],
		['a custom host, without its trailing slash', { apiHost: 'custom', customApiHost: ' http://127.0.0.1:8090/ ' }, 'http://127.0.0.1:8090/api/v1/invoice'],
	])('%s', async (_name, host, url) => {
		const { calls, error } = await getWith({ ...CALYPSO_CREDENTIALS, ...host });
		expect(error).toBeUndefined();
		expect(calls.map((call) => call.url)).toEqual([url]);
	});

	it.each([
		['a custom host that is no http(s) address', { apiHost: 'custom', customApiHost: 'calypso.local' }, 'The Custom API Host of the Calypso credential is not an http(s) address'],
		['a custom host with a password', { apiHost: 'custom', customApiHost: 'https://user:pw@proxy.example.com' }, 'The Custom API Host of the Calypso credential must not contain a user name or password'],
		['a host value of the old credential shape', { apiHost: 'finance' }, 'Unknown API host "finance" in the Calypso credential'],
	])('refuses %s before sending anything', async (_name, host, message) => {
		const { calls, error } = await getWith({ ...CALYPSO_CREDENTIALS, ...host });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(calls).toHaveLength(0);
	});
});
