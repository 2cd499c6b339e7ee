'use strict';
// The three workflows the sending benchmark compares. All start from the same Webhook (answering
// when the run is over) and the same 1,000 generated customers, and send the same order to each.
//  A: the Exotel node (this package), Input Data Mode "Define Below": To, Reference ID and the
//     order line's fields mapped with an expression each, per item (what the node offered first).
//  I: the Exotel node, Input Data Mode "Take From Input Items": to, referenceId and order read
//     from each item's JSON by field name, no expression per item.
//  B: what a user builds without it: a Code node writing Exotel's JSON body per item and an
//     HTTP Request node POSTing each body to Exotel (one call per item, n8n's defaults).

const NODE_WORKFLOW_ID = 'benchExotelNode1';
const ITEMS_WORKFLOW_ID = 'benchExotelItems1';
const BASELINE_WORKFLOW_ID = 'benchExotelHttp1';
const FROM = '+918012345678';
const PAYMENT_CONFIGURATION = 'bench-razorpay';
const CATALOG_ID = 'bench-catalog';
const BODY_TEXT = 'Tap Review and Pay to complete your order';

/**
 * 1,000 customers from the webhook body { run, count }: same data for every workflow. Each carries
 * its order line as separate fields and as WhatsApp's order object (what Take From Input Items reads).
 */
const GENERATE_EXPRESSION =
	'={{ Array.from({ length: $json.body.count }, (_, i) => ({' +
	' referenceId: "B-" + $json.body.run + "-" + i,' +
	' to: "+9198" + String(10000000 + i),' +
	' sku: "SKU-" + (i % 50),' +
	' product: "Bench product " + (i % 50),' +
	' price: ((i % 50) + 1) * 10 + ".00",' +
	' quantity: (i % 3) + 1,' +
	' order: { catalog_id: "bench-catalog", items: [{ retailer_id: "SKU-" + (i % 50), name: "Bench product " + (i % 50),' +
	' amount: ((i % 50) + 1) * 10 + ".00", quantity: (i % 3) + 1 }] }' +
	' })) }}';

function chain(nodes) {
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

function commonHead(path) {
	return [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			// lastNode: n8n answers once the whole run is over, so the caller can time it.
			parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			name: 'Generate Customers',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				assignments: { assignments: [{ id: 'bench-customers', name: 'customers', type: 'array', value: GENERATE_EXPRESSION }] },
				includeOtherFields: false,
				options: {},
			},
		},
		{
			name: 'One Item per Customer',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'customers', include: 'noOtherFields', options: {} },
		},
	];
}

function nodeWorkflow(credentialRef) {
	const nodes = [
		...commonHead('bench-exotel-node'),
		{
			name: 'Exotel WhatsApp Payment',
			type: 'n8n-nodes-chat-payments.exotel',
			typeVersion: 1,
			credentials: { exotelApi: credentialRef },
			parameters: {
				resource: 'paymentRequest',
				operation: 'send',
				from: FROM,
				to: '={{ $json.to }}',
				orderInput: 'fields',
				referenceId: '={{ $json.referenceId }}',
				goodsType: 'digital-goods',
				paymentType: 'payment_gateway:razorpay',
				paymentConfiguration: PAYMENT_CONFIGURATION,
				bodyText: BODY_TEXT,
				itemsFromCatalog: true,
				catalogId: CATALOG_ID,
				items: {
					item: [{ retailerId: '={{ $json.sku }}', name: '={{ $json.product }}', amount: '={{ $json.price }}', quantity: '={{ $json.quantity }}' }],
				},
				taxAmount: '0',
				expiration: 'none',
			},
		},
	];
	return { id: NODE_WORKFLOW_ID, name: 'Bench: Exotel node, Define Below', nodes, connections: chain(nodes) };
}

function itemsWorkflow(credentialRef) {
	const nodes = [
		...commonHead('bench-exotel-items'),
		{
			name: 'Exotel WhatsApp Payment',
			type: 'n8n-nodes-chat-payments.exotel',
			typeVersion: 1,
			credentials: { exotelApi: credentialRef },
			parameters: {
				resource: 'paymentRequest',
				operation: 'send',
				inputDataMode: 'autoMapInputData',
				from: FROM,
				toField: 'to',
				referenceIdField: 'referenceId',
				orderField: 'order',
				goodsType: 'digital-goods',
				paymentType: 'payment_gateway:razorpay',
				paymentConfiguration: PAYMENT_CONFIGURATION,
				bodyText: BODY_TEXT,
				expiration: 'none',
			},
		},
	];
	return { id: ITEMS_WORKFLOW_ID, name: 'Bench: Exotel node, Take From Input Items', nodes, connections: chain(nodes) };
}

// What a user writes in the Code node: Exotel's order_details message, amounts in paise.
const BUILD_BODY_CODE = `
return $input.all().map(({ json: customer }) => {
  const unit = Math.round(Number(customer.price) * 100);
  const subtotal = unit * customer.quantity;
  const message = {
    from: ${JSON.stringify(FROM)},
    to: customer.to,
    content: {
      type: 'interactive',
      interactive: {
        type: 'order_details',
        body: { text: ${JSON.stringify(BODY_TEXT)} },
        action: {
          name: 'review_and_pay',
          parameters: {
            reference_id: customer.referenceId,
            type: 'digital-goods',
            payment_type: 'payment_gateway:razorpay',
            payment_configuration: ${JSON.stringify(PAYMENT_CONFIGURATION)},
            currency: 'INR',
            total_amount: { value: subtotal, offset: 100 },
            order: {
              status: 'pending',
              catalog_id: ${JSON.stringify(CATALOG_ID)},
              items: [{ retailer_id: customer.sku, name: customer.product, amount: { value: unit, offset: 100 }, quantity: customer.quantity }],
              subtotal: { value: subtotal, offset: 100 },
              tax: { value: 0, offset: 100 },
            },
          },
        },
      },
    },
  };
  return { json: { body: { whatsapp: { messages: [message] } } } };
});
`.trim();

function baselineWorkflow(emulatorUrl, accountSid, basicAuthRef) {
	const nodes = [
		...commonHead('bench-exotel-http'),
		{
			name: 'Build Exotel Body',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: BUILD_BODY_CODE },
		},
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			credentials: { httpBasicAuth: basicAuthRef },
			parameters: {
				method: 'POST',
				url: `${emulatorUrl}/v2/accounts/${accountSid}/messages`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpBasicAuth',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json.body) }}',
				options: {},
			},
		},
	];
	return { id: BASELINE_WORKFLOW_ID, name: 'Bench: Code + HTTP Request (baseline)', nodes, connections: chain(nodes) };
}

module.exports = { nodeWorkflow, itemsWorkflow, baselineWorkflow, NODE_WORKFLOW_ID, ITEMS_WORKFLOW_ID, BASELINE_WORKFLOW_ID };
