export * from './app-error';
export { fromZodError } from './from-zod';
