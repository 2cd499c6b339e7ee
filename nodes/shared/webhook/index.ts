export * from './authenticity';
export * from './dedup';
export * from './paymentEvent';
export * from './receive';
export * from './payloadError';
export * from './triggerOptions';
export * from './unregisteredWebhook';
