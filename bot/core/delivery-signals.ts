import { EventEmitter } from 'node:events';
import type { OutboxMessage } from '../../data/stores/outbox';

/**
 * How the outbox writer tells the deliverer, in this process, that there is something to send now.
 * Rows in SQL are the truth; a lost signal only means the periodic sweep sends it a little later.
 */
export class DeliverySignals {
  private readonly emitter = new EventEmitter();

  /** An outbox message was queued (with what was written, so it need not be read back). */
  queued(outboxId: string, message?: OutboxMessage): void {
    this.emitter.emit('queued', outboxId, message);
  }

  /** The subject of a live card (a request, a plan) changed: every posted copy is to be updated. */
  changed(kind: string, subjectId: string): void {
    this.emitter.emit('changed', kind, subjectId);
  }

  onQueued(listener: (outboxId: string, message?: OutboxMessage) => void): void {
    this.emitter.on('queued', listener);
  }

  onChanged(listener: (kind: string, subjectId: string) => void): void {
    this.emitter.on('changed', listener);
  }
}
