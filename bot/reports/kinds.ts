/** Outbox card kinds of the reports journey (another journey queues the first). */
export const FEEDBACK_AFTER_CARD = 'feedback_after';
export const FEEDBACK_PERIODIC_CARD = 'feedback_periodic';
export const REPORT_CARD = 'report';
export const DEADLINE_WARNING_CARD = 'request_due_soon';
export const DEADLINE_MISSED_CARD = 'request_missed';
