export * from './types';
export * from './orderDetails';
export * from './orderStatus';
