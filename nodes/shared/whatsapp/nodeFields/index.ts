export { AMOUNT_HINT, beneficiaryFields, itemFields } from './orderLineFields';
export { orderProperties, paymentConfigurationField } from './orderProperties';
export { orderFromFields, orderFromJson } from './orderFromParameters';
export { expirationTimestamp } from './expiration';
export { paymentRequestItemFields, referenceIdFieldProperty, toFieldProperty } from './inputItemFields';
export { paymentRequestFields, paymentRequestOrder } from './paymentRequestOrder';
