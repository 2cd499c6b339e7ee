import type { INodeProperties } from 'n8n-workflow';
import {
	ignoreRedeliveriesOption,
	ignoresRedeliveries,
	setupNotice,
	triggerOptions,
	triggerOptionsCollection,
} from '../../../../../nodes/shared/webhook/triggerOptions';
import { createWebhookContext } from '../../../helpers/webhookContext';

describe('setupNotice', () => {
	it('is a notice always named "notice" showing the text', () => {
		expect(setupNotice('Give Exotel the Production URL')).toEqual({
			displayName: 'Give Exotel the Production URL',
			name: 'notice',
			type: 'notice',
			default: '',
		});
	});
});

describe('ignoreRedeliveriesOption', () => {
	it('is on by default and says what makes two deliveries the same event', () => {
		const option = ignoreRedeliveriesOption('same message ID and status');
		expect(option).toMatchObject({ displayName: 'Ignore Redeliveries', name: 'ignoreRedeliveries', type: 'boolean', default: true });
		expect(option.description).toContain('(same message ID and status)');
		expect(option.description).toMatch(/^Whether /);
	});
});

describe('triggerOptionsCollection', () => {
	const option = (displayName: string): INodeProperties => ({ displayName, name: displayName.toLowerCase(), type: 'string', default: '' });

	it('is the Options collection with its options sorted by name, as the linter asks', () => {
		const given = [option('Lookup Path'), ignoreRedeliveriesOption('x'), option('IP(s) Allowlist')];
		const collection = triggerOptionsCollection(given);
		expect(collection).toMatchObject({ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {} });
		expect(collection.options?.map((entry) => (entry as INodeProperties).displayName)).toEqual([
			'Ignore Redeliveries',
			'IP(s) Allowlist',
			'Lookup Path',
		]);
		expect(given.map((entry) => entry.displayName)).toEqual(['Lookup Path', 'Ignore Redeliveries', 'IP(s) Allowlist']);
	});
});

describe('triggerOptions', () => {
	it('reads the Options collection as set in the editor', () => {
		const { ctx } = createWebhookContext({ nodeParameters: { options: { ignoreRedeliveries: false, lookupPath: '/v2' } } });
		expect(triggerOptions(ctx)).toEqual({ ignoreRedeliveries: false, lookupPath: '/v2' });
	});

	it('is empty when nothing was set', () => {
		expect(triggerOptions(createWebhookContext().ctx)).toEqual({});
	});
});

describe('ignoresRedeliveries', () => {
	it('is on unless turned off', () => {
		expect(ignoresRedeliveries({})).toBe(true);
		expect(ignoresRedeliveries({ ignoreRedeliveries: true })).toBe(true);
		expect(ignoresRedeliveries({ ignoreRedeliveries: false })).toBe(false);
	});
});
