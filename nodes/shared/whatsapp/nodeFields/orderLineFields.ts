import type { INodeProperties } from 'n8n-workflow';

// The fields of one order line and of the beneficiary, inside their fixed collections.

export const AMOUNT_HINT = 'In rupees, e.g. 120.50 (at most 2 decimals)';

const importerField = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	displayOptions: { show: { '/itemsFromCatalog': [false] } },
});

export const itemFields: INodeProperties[] = [
	{
		displayName: 'Retailer ID',
		name: 'retailerId',
		type: 'string',
		default: '',
		description: 'Your identifier of the product (its catalog retailer ID for catalog items)',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Shown to the customer, at most 60 characters',
	},
	{ displayName: 'Unit Price', name: 'amount', type: 'string', default: '', placeholder: 'e.g. 140.00', hint: AMOUNT_HINT },
	{
		displayName: 'Sale Price',
		name: 'saleAmount',
		type: 'string',
		default: '',
		placeholder: 'e.g. 100.00',
		description: 'Discounted unit price in rupees, lower than the unit price. Used for the subtotal when given.',
	},
	{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, typeOptions: { minValue: 1, numberPrecision: 0 } },
	importerField('Country of Origin', 'countryOfOrigin', 'Required for items outside a catalog'),
	importerField('Importer Name', 'importerName', 'Required for items outside a catalog'),
	importerField('Importer Address Line 1', 'importerAddressLine1', 'Required for items outside a catalog'),
	importerField('Importer Address Line 2', 'importerAddressLine2', 'Optional'),
	importerField('Importer City', 'importerCity', 'Required for items outside a catalog'),
	importerField('Importer Zone Code', 'importerZoneCode', 'State or zone code, required for items outside a catalog'),
	importerField('Importer Postal Code', 'importerPostalCode', 'Required for items outside a catalog'),
	importerField('Importer Country Code', 'importerCountryCode', 'Two-letter code such as IN, required for items outside a catalog'),
];

export const beneficiaryFields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Who receives the goods, at most 200 characters' },
	{ displayName: 'Address Line 1', name: 'addressLine1', type: 'string', default: '', description: 'At most 100 characters' },
	{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '', description: 'Optional, at most 100 characters' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: 'India', description: 'Only India is supported' },
	{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '', description: 'Six-digit PIN code' },
];
