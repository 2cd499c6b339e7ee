import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * Webhook methods for a provider that has no API to register a URL (Exotel, Craftgate): the user
 * gives the provider the Production URL by hand. Static data remembers the URL the trigger was
 * published with, so a changed URL is noticed and logged (the provider must be told).
 */
export function unregisteredWebhookMethods(options: {
	provider: string;
	/** Refuse a node without a webhook ID, for providers where the URL itself is the secret. */
	urlIsSecret: boolean;
}) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return staticData.webhookUrl !== undefined && staticData.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (options.urlIsSecret && !this.getNode().webhookId) {
					throw new NodeOperationError(this.getNode(), 'This trigger has no webhook ID, so its URL would be guessable', {
						description: `Delete the node and add it again in the editor, then give ${options.provider} the new Production URL.`,
					});
				}
				const staticData = this.getWorkflowStaticData('node');
				if (staticData.webhookUrl !== undefined) {
					this.logger.info(
						`The webhook URL of "${this.getNode().name}" changed: give ${options.provider} the new Production URL`,
					);
				}
				staticData.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').webhookUrl;
				return true;
			},
		},
	};
}
