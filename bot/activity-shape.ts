import { z } from 'zod';

/**
 * The least an activity must carry for the bot to answer it. Anything less is a bad request (400),
 * never a crash.
 */
/** Teams' ids are short printable ASCII; the conversation id also goes into an HTTP header of each reply. */
const idText = z.string().min(1).max(1024).regex(/^[\x20-\x7e]+$/);
const optionalText = z.string().max(1024).nullish();

const activityShape = z.object({
  type: z.string().min(1).max(64),
  id: idText.nullish(),
  replyToId: idText.nullish(),
  name: optionalText,
  locale: optionalText,
  deliveryMode: optionalText,
  text: z.string().nullish(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048).regex(/^https?:\/\/[^\s]+$/i),
  conversation: z.object({ id: idText }).passthrough(),
  from: z.object({ id: z.string().min(1).max(1024), aadObjectId: z.string().max(64).nullish() }).passthrough(),
  recipient: z.object({ id: z.string().max(1024).nullish() }).passthrough().nullish(),
});

export function activityProblems(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON Bot Framework activity.';
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return null;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))];
  return `The activity is missing or has invalid fields: ${fields.join(', ')}.`;
}
