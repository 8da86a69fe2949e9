import { transactionIdOf } from '../../../domain/conferences/group-conference-service';

describe('the transaction id a group conference’s meeting is written under', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  // Graph's event ids run to some 150 characters.
  const graphId = `AAMkAGI2TG93AAA=${'x'.repeat(140)}`;

  it('is the conference’s own for its first booking, and one of its own, the same on every try, once booked again after a cancel', () => {
    expect(transactionIdOf({ id, eventId: null })).toBe(`group-conference:${id}`);
    const again = transactionIdOf({ id, eventId: graphId });
    expect(again).toMatch(new RegExp(`^group-conference:${id}:again:[0-9a-f]{16}$`));
    expect(transactionIdOf({ id, eventId: graphId })).toBe(again);
    // Each time it is booked again names the meeting before: another id each time.
    expect(transactionIdOf({ id, eventId: `${graphId}y` })).not.toBe(again);
    // The calendar keeps 100 characters of it.
    expect(again.length).toBeLessThanOrEqual(100);
  });
});
