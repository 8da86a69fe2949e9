import type { TurnContext } from 'botbuilder';
import type { StaffMember } from '../domain/staff';

/** The directory record of whoever sent this activity, set by the bot before any dialog runs. */
const PERSON_KEY = Symbol('person');

export function setTurnPerson(turn: TurnContext, person: StaffMember): void {
  turn.turnState.set(PERSON_KEY, person);
}

export function turnPerson(turn: TurnContext): StaffMember {
  const person = turn.turnState.get(PERSON_KEY) as StaffMember | undefined;
  if (!person) throw new Error('The sender was not identified before the dialog ran.');
  return person;
}
