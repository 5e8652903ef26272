export * from './app-error';
export { ERROR_CODES } from './error-code';
export { fromZodError } from './from-zod';
