/**
 * A use case that writes several things (a request and the card queued for its adviser, a consent
 * and the request it changes, an outcome and its status) writes them all or none.
 */
export interface UnitOfWork {
  /** Runs the work in one transaction; a unit of work inside another joins it. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Runs the callback once the current unit of work has committed (at once outside one); never after a rollback. */
  afterCommit(callback: () => void): void;
}

/** For use cases run without a database (unit tests of the rules): everything at once. */
export const immediateUnitOfWork: UnitOfWork = {
  run: (work) => work(),
  afterCommit: (callback) => callback(),
};
