export { auditCounty, type StoreAudit } from '../../src/adapters/redis/county-audit';
