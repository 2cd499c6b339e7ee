export * from './apiHost';
export * from './errors';
export * from './messages';
export * from './request';
