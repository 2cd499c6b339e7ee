import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

/*
 * What every payment trigger's editor has in the same place: a notice named `notice` that says how
 * the provider learns the URL, and an Options collection holding every optional setting, Ignore
 * Redeliveries first among them.
 */

/** The trigger's set-up notice, always under the name `notice`. */
export function setupNotice(text: string): INodeProperties {
	return { displayName: text, name: 'notice', type: 'notice', default: '' };
}

/** The Ignore Redeliveries option; `what` says what makes two deliveries the same event. */
export function ignoreRedeliveriesOption(what: string): INodeProperties {
	return {
		displayName: 'Ignore Redeliveries',
		name: 'ignoreRedeliveries',
		type: 'boolean',
		default: true,
		description: `Whether a delivery of an event this n8n process already turned into an execution (${what}) starts no new execution. Add n8n's Remove Duplicates node on eventId for a record that survives restarts.`,
	};
}

/** The Options collection of a trigger, with `options` sorted by name as n8n's linter asks. */
export function triggerOptionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The trigger's Options as set in the editor. */
export function triggerOptions(ctx: IWebhookFunctions): IDataObject {
	return (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
}

/** Ignore Redeliveries is on unless turned off. */
export function ignoresRedeliveries(options: IDataObject): boolean {
	return options.ignoreRedeliveries !== false;
}
