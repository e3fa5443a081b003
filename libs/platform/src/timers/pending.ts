/** A timer not yet fired or cancelled. The migration's partial indexes use this same predicate; ON CONFLICT finds the unique one only by it. */
export const PENDING = 'fired_at IS NULL AND cancelled_at IS NULL';
