// What a person should see in the editor: which nodes a search in the nodes panel finds, and the
// parameters each node's panel shows first. Labels are the editor's own words.

/**
 * Search term → the package's entries it must find (an entry is a node grouped with its trigger,
 * named after the action node). More may be found; none of these may be missing.
 */
export const SEARCHES: Record<string, string[]> = {
	payment: ['exotel', 'dialog360', 'whatsAppOrderStatus', 'craftgate', 'calypsoPay', 'checkPayment', 'waitForPayment'],
	whatsapp: ['exotel', 'dialog360', 'whatsAppOrderStatus'],
	craftgate: ['craftgate'],
	calypso: ['calypsoPay'],
	exotel: ['exotel'],
	'360dialog': ['dialog360'],
};

/**
 * Nodes with one job and no Resource / Operation: n8n lists them as plain nodes (a click adds the
 * node, there is no actions panel to open).
 */
export const PLAIN_NODES = ['checkPayment', 'waitForPayment'];

/** The entry whose details show every node of the package: it finds all of them. */
export const SEARCH_THAT_FINDS_ALL = 'payment';

/**
 * The main parameters of a node's panel, by node type (without the package prefix) and, for
 * action nodes, `resource.operation` as set in the examples. Every label must be visible.
 */
export const MAIN_PARAMETERS: Record<string, string[]> = {
	'exotel:paymentRequest.send': ['Resource', 'Operation', 'From', 'To', 'Reference ID', 'Payment Configuration', 'Body Text'],
	'exotel:paymentRequest.send@inputItems': ['Resource', 'Operation', 'Input Data Mode', 'From', 'To Field', 'Reference ID Field', 'Order Field', 'Payment Configuration', 'Body Text'],
	'exotel:message.sendText': ['Resource', 'Operation', 'From', 'To', 'Text', 'Preview Link'],
	'dialog360:paymentRequest.send': ['Resource', 'Operation', 'To', 'Reference ID', 'Payment Gateway', 'Payment Configuration', 'Body Text'],
	'dialog360:paymentRequest.send@inputItems': ['Resource', 'Operation', 'Input Data Mode', 'To Field', 'Reference ID Field', 'Order Field', 'Payment Gateway', 'Payment Configuration', 'Body Text'],
	'dialog360:message.sendText': ['Resource', 'Operation', 'To', 'Text', 'Preview Link'],
	'dialog360:payment.get': ['Resource', 'Operation', 'Payment Configuration', 'Reference ID'],
	'whatsAppOrderStatus:order.updateStatus': ['Resource', 'Operation', 'Provider', 'To', 'New Status', 'Reference ID'],
	'whatsAppOrderStatus:order.cancelOrder': ['Resource', 'Operation', 'Provider', 'To', 'Reference ID', 'Body Text'],
	'craftgate:link.create': ['Resource', 'Operation', 'Title', 'Price', 'Currency', 'Description', 'Expiry'],
	'craftgate:link.getPaymentStatus': ['Resource', 'Operation', 'Link ID'],
	'craftgate:link.deactivate': ['Resource', 'Operation', 'Link ID'],
	'craftgate:link.delete': ['Resource', 'Operation', 'Link ID'],
	'calypsoPay:widget.create': ['Resource', 'Operation', 'Crypto Currencies', 'Description', 'External ID'],
	exotelTrigger: ['Events'],
	dialog360Trigger: ['Confirm with Lookup', 'Payment Configuration'],
	craftgateTrigger: ['Events'],
	calypsoPayTrigger: ['Subscribe To', 'Events'],
	waitForPayment: ['Provider', 'Time Limit', 'Time Limit Unit'],
	checkPayment: ['Provider'],
};

/** The key of MAIN_PARAMETERS for a workflow node (`@inputItems` when it takes its fields from input items). */
export function mainParametersKey(node: { type: string; parameters?: Record<string, unknown> }, packagePrefix: string): string {
	const type = node.type.slice(packagePrefix.length);
	const { resource, operation, inputDataMode } = node.parameters ?? {};
	if (resource === undefined) return type;
	return `${type}:${String(resource)}.${String(operation)}${inputDataMode === 'autoMapInputData' ? '@inputItems' : ''}`;
}
