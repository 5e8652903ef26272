export { auditCounty, type StoreAudit } from '../../src/store/county-audit';
