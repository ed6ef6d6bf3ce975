export * from './clusters';
export * from './errors';
export * from './http';
export * from './schema';
export * from './tablet';
export * from './topology';
export * from './topologyKeys';
export * from './vtctl';
