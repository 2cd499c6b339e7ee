export * from './baseUrl';
export * from './errors';
export * from './messages';
export * from './request';
