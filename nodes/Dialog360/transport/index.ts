export * from './apiHost';
export * from './errors';
export * from './messages';
export * from './payments';
export * from './request';
export * from './webhookConfig';
