'use strict';
// Widgets, invoices and webhook subscriptions as the emulated Calypso keeps them.
const crypto = require('node:crypto');
const { fail } = require('./auth');
const {
	INVOICE_EVENTS, OTHER_EVENTS, SERVICE_TYPES,
	payloadOf, requireString, optionalString, requireUuid, optionalUrl, checkCurrency, checkAmount,
} = require('./rules');

function createState() {
	return { widgets: {}, invoices: {}, subscriptions: {}, events: [], nextInvoice: 1, nextEventId: 1, failNext: null };
}

/** Calypso's dates: ISO without a zone, microseconds (UTC assumed), as in its webhook payloads. */
function calypsoDate(date = new Date()) {
	return date.toISOString().replace('Z', '000');
}

/** Amounts as Calypso's docs show them (JSON numbers) unless config.calypso.numericAmounts is false. */
function renderAmount(emu, text) {
	if (text === null || text === undefined) return null;
	return emu.config.calypso.numericAmounts ? Number(text) : text;
}

function renderInvoice(emu, invoice) {
	return { ...invoice, amount: renderAmount(emu, invoice.amount), totalDebitAmount: renderAmount(emu, invoice.totalDebitAmount) };
}

function renderWidget(widget) {
	return { ...widget, invoices: widget.invoices.map((entry) => ({ ...entry })) };
}

function state(emu) {
	return emu.state.calypso;
}

function keyTaken(emu, key) {
	const s = state(emu);
	return Boolean(s.widgets[key]) || Object.values(s.invoices).some((invoice) => invoice.idempotencyKey === key);
}

function pageFields(payload) {
	return {
		returnUrl: optionalUrl(payload, 'returnUrl') ?? null,
		supportUrl: optionalUrl(payload, 'supportUrl') ?? null,
		logoUrl: optionalUrl(payload, 'logoUrl') ?? null,
	};
}

function createWidget(emu, envelope) {
	const payload = payloadOf(envelope);
	const { currencies } = emu.config.calypso;
	const list = payload.cryptoCurrencies;
	if (!Array.isArray(list) || list.length === 0) throw fail(400, '001', 'cryptoCurrencies must be a non-empty list');
	for (const code of list) {
		if (typeof code !== 'string') throw fail(400, '001', 'cryptoCurrencies must be currency codes (strings), not objects');
		checkCurrency(code, currencies, 'cryptoCurrencies');
	}
	const description = requireString(payload, 'description');
	const idempotencyKey = requireUuid(payload, 'idempotencyKey');
	if (keyTaken(emu, idempotencyKey)) throw fail(400, '016', 'idempotencyKey already exists');
	const now = new Date();
	const widget = {
		idempotencyKey,
		cryptoCurrencies: [...list],
		description,
		widgetType: 'UNLIMITED_LINKED',
		widgetState: 'IN_PROGRESS',
		...pageFields(payload),
		externalId: optionalString(payload, 'externalId') ?? null,
		invoices: [],
		createdDate: calypsoDate(now),
		expiration: calypsoDate(new Date(now.getTime() + emu.config.calypso.widgetLifetimeMs)),
	};
	state(emu).widgets[idempotencyKey] = widget;
	return widget;
}

function findWidget(emu, envelope) {
	const requestId = requireString(payloadOf(envelope), 'requestId');
	const widget = state(emu).widgets[requestId.toLowerCase()];
	if (!widget) throw fail(404, '004', 'Requested object not found');
	return widget;
}

function newInvoice(emu, fields) {
	const s = state(emu);
	const now = new Date();
	const invoice = {
		id: `inv-${String(s.nextInvoice++).padStart(6, '0')}`,
		invoiceAddress: `T${crypto.randomBytes(16).toString('hex')}`,
		type: fields.type,
		amount: fields.amount ?? null,
		fee: '0',
		totalDebitAmount: '0',
		currency: fields.currency,
		state: 'PENDING_PAYMENT',
		lastDepositHash: null,
		description: fields.description,
		createdDate: calypsoDate(now),
		idempotencyKey: fields.idempotencyKey,
		expiration: fields.lifetimeMs ? calypsoDate(new Date(now.getTime() + fields.lifetimeMs)) : null,
		interventionType: null,
		isInterventionResolved: null,
		subscriptionEnabled: true,
		returnUrl: fields.returnUrl ?? null,
		logoUrl: fields.logoUrl ?? null,
		supportUrl: fields.supportUrl ?? null,
		externalId: fields.externalId ?? null,
		fiatAvailable: fields.fiatAvailable ?? false,
	};
	// Which widget opened it: kept for the emulator, not part of Calypso's InvoiceDTO.
	Object.defineProperty(invoice, 'widgetKey', { value: fields.widgetKey ?? null, enumerable: false, writable: true });
	s.invoices[invoice.id] = invoice;
	return invoice;
}

function createInvoice(emu, envelope, type) {
	const payload = payloadOf(envelope);
	const cfg = emu.config.calypso;
	const fields = {
		type,
		currency: checkCurrency(payload.currency, cfg.currencies),
		description: requireString(payload, 'description'),
		idempotencyKey: requireUuid(payload, 'idempotencyKey'),
		externalId: optionalString(payload, 'externalId'),
		...pageFields(payload),
	};
	if (type === 'SINGLE') {
		fields.amount = checkAmount(payload.amount);
		fields.lifetimeMs = cfg.singleInvoiceLifetimeMs;
	} else if (payload.fiatAvailable !== undefined) {
		if (typeof payload.fiatAvailable !== 'boolean') throw fail(400, '001', 'fiatAvailable must be a boolean');
		fields.fiatAvailable = payload.fiatAvailable;
	}
	if (keyTaken(emu, fields.idempotencyKey)) throw fail(400, '016', 'idempotencyKey already exists');
	return newInvoice(emu, fields);
}

function findInvoice(emu, envelope) {
	const payload = payloadOf(envelope);
	const s = state(emu);
	let invoice;
	if (typeof payload.id === 'string' && payload.id !== '') invoice = s.invoices[payload.id];
	else if (typeof payload.idempotencyKey === 'string' && payload.idempotencyKey !== '') {
		invoice = Object.values(s.invoices).find((i) => i.idempotencyKey === payload.idempotencyKey.toLowerCase());
	} else throw fail(400, '001', 'Either id or idempotencyKey must be specified');
	if (!invoice) throw fail(404, '004', 'Requested object not found');
	return invoice;
}

function createSubscription(emu, envelope) {
	const payload = payloadOf(envelope);
	const requestId = requireUuid(payload, 'requestId');
	const url = requireString(payload, 'url');
	if (!/^https?:\/\/\S+$/i.test(url)) throw fail(400, '001', 'url must be an http(s) URL');
	const events = payload.notificationEventTypes ?? [];
	const services = payload.notificationServiceTypes ?? [];
	if (!Array.isArray(events) || !Array.isArray(services)) throw fail(400, '001', 'notificationEventTypes and notificationServiceTypes must be lists');
	if (events.length === 0 && services.length === 0) throw fail(400, '001', 'Give notificationEventTypes or notificationServiceTypes');
	for (const e of events) if (![...INVOICE_EVENTS, ...OTHER_EVENTS].includes(e)) throw fail(400, '001', `Unknown event type ${e}`);
	for (const t of services) if (!SERVICE_TYPES.includes(t)) throw fail(400, '001', `Unknown service type ${t}`);
	const s = state(emu);
	if (s.subscriptions[requestId]) throw fail(400, '016', 'requestId already exists');
	const subscription = {
		requestId,
		notificationEventTypes: [...events],
		notificationServiceTypes: [...services],
		url,
		publicKey: crypto.randomBytes(16).toString('hex'),
		secretKey: crypto.randomBytes(16).toString('hex'),
		createdDate: calypsoDate(),
	};
	s.subscriptions[requestId] = subscription;
	return subscription;
}

function deleteSubscription(emu, envelope) {
	const requestId = requireString(payloadOf(envelope), 'requestId');
	const s = state(emu);
	if (!s.subscriptions[requestId]) throw fail(404, '004', 'Requested object not found');
	delete s.subscriptions[requestId];
}

module.exports = {
	createState, calypsoDate, renderAmount, renderInvoice, renderWidget,
	createWidget, findWidget, newInvoice, createInvoice, findInvoice, createSubscription, deleteSubscription,
};
