import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { messageCard } from '../../cards/render';
import type { StaffMember } from '../../domain/staff';
import { keptInput } from '../../dialogs/kept-input';
import { cardResponse } from './invoke-response';

/** A click on an Action.Execute button, its `data` already parsed by the verb's schema. */
export interface Click<T> {
  readonly person: StaffMember;
  readonly data: T;
  /** The card's inputs as sent, to give back to the person on a refusal exactly as they typed them. */
  readonly typed: Readonly<Record<string, string>>;
  readonly turn: TurnContext;
}

/** One card verb and the one handler that answers it. */
export interface VerbRoute {
  readonly verb: string;
  /** Checks the click's `data` against the verb's schema, then answers it. */
  readonly answer: (person: StaffMember, data: unknown, turn: TurnContext) => Promise<AdaptiveCardInvokeResponse>;
}

/** What to answer when a click's `data` is not what the card sends. */
export type Unreadable = (person: StaffMember, issues: z.ZodIssue[], data: unknown, turn: TurnContext) => Promise<AdaptiveCardInvokeResponse>;

const unreadableCard: Unreadable = async () => cardResponse(messageCard('This card could not be read: some of it is missing or not what the app expects. Open it again and try once more.'));

/** The text inputs of a click's data (Adaptive Card inputs are strings). */
export function typedInputs(data: unknown): Record<string, string> {
  const typed: Record<string, string> = {};
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) if (typeof value === 'string') typed[key] = keptInput(value);
  }
  return typed;
}

/** A verb whose handler gets `data` parsed by `schema` into a typed command (the domain never sees raw card data). */
export function verb<S extends z.ZodTypeAny>(name: string, schema: S, handle: (click: Click<z.output<S>>) => Promise<AdaptiveCardInvokeResponse>, unreadable: Unreadable = unreadableCard): VerbRoute {
  return {
    verb: name,
    answer: async (person, data, turn) => {
      const parsed = schema.safeParse(data ?? {});
      if (!parsed.success) return unreadable(person, parsed.error.issues, data, turn);
      return handle({ person, data: parsed.data as z.output<S>, typed: typedInputs(data), turn });
    },
  };
}

