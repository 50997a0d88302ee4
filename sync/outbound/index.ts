// Platform -> Zuora (seeds/000 mapping and "not synced when" rules, seeds/001 endpoints).
export { syncCatalog, type CatalogSyncResult } from './catalog.js';
export { publishCatalog } from './planVersions.js';
export { platformNow } from './dates.js';
export { syncCustomer } from './customers.js';
export { provisionSubscription, type ProvisionInput } from './subscriptions.js';
export { migrateToLatest, updateSubscription, type SubscriptionChange } from './updates.js';
export { cancelSubscription } from './cancellations.js';
export { isUnplaced } from './scheduling.js';
export { convertEndedTrials } from './trials.js';
export { retryDueSyncs } from './retries.js';
export { syncUsage, type UsageSyncResult } from './usage.js';
export { activatePaidGrants, consumeCredits, grantCredits, type CreditGrantInput } from './credits.js';
export { grantDueCredits } from './creditEntitlements.js';
export { OutboundInputError } from './errors.js';
