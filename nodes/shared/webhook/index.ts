export * from './authenticity';
export * from './dedup';
export * from './paymentEvent';
export * from './receive';
