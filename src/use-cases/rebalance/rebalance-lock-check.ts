/**
 * Whether an applying rebalance run holds a county's lock: the API refuses a new run meanwhile.
 * Taking and releasing the lock stays with `RebalanceStore`.
 */
export interface RebalanceLockCheck {
  isLocked(): Promise<boolean>;
}
