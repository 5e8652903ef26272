export { openSse, type SseClient, type SseEvent } from '../../src/service/sse-client';
