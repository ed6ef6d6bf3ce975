export * from './audit';
export * from './clusters';
export * from './common';
export * from './ops';
export * from './seed';
export * from './session';
export * from './sql';
export * from './topology';
