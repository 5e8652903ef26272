/** The domain vocabulary: zod schemas and their types, shared by every layer. */
export * from './labels';
export * from './taxonomy';
export * from './geo';
export * from './mediator';
export * from './referral';
export * from './explanation';
export * from './case';
export * from './outcome';
export * from './classification';
export * from './lifecycle/state-machine';
export * from './lifecycle-file';
export * from './lifecycle-command';
export * from './lifecycle-event';
export * from './session';
export * from './fulfilment';
export * from './panel';
