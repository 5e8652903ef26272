/** Queue names. BullMQ keys them `bull:<name>:…`; custom job ids must not contain ':'. */
export const REFERRALS_QUEUE = 'referrals';
export const WEBHOOKS_QUEUE = 'webhooks';
