export * from './clusters';
export * from './common';
export * from './seed';
export * from './topology';
