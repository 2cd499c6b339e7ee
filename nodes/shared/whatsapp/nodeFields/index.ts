export { AMOUNT_HINT, beneficiaryFields, itemFields } from './orderLineFields';
export { orderProperties, paymentConfigurationField } from './orderProperties';
export { orderFromFields, orderFromJson } from './orderFromParameters';
export { expirationTimestamp } from './expiration';
