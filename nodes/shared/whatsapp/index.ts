export * from './types';
export * from './orderDetails';
export * from './orderStatus';
export { itemLineTotal, itemsSubtotal, orderTotal, MIN_EXPIRATION_SECONDS } from './orderRules';
export type { OrderRuleOptions } from './orderRules';
export {
	orderDetailsSchema,
	orderStatusSchema,
	orderItemSchema,
	beneficiarySchema,
	referenceIdSchema,
	positiveAmountSchema,
	nonNegativeAmountSchema,
	PAYMENT_GATEWAYS,
	ORDER_STATUS_WIRE_VALUES,
} from './schemas';
export type { OrderDetailsWire, OrderItemWire, OrderStatusWire } from './schemas';
