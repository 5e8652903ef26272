// The flag parser lives in runtime, where the process entry points (workers/) can use it too.
export * from '../runtime/args';
