import { z } from 'zod';

/**
 * The least an activity must carry for the bot to answer it. Anything less is a bad request (400),
 * never a crash.
 */
const activityShape = z.object({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.object({ id: z.string().min(1) }).passthrough(),
  from: z.object({ id: z.string().min(1) }).passthrough(),
});

export function activityProblems(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON Bot Framework activity.';
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return null;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))];
  return `The activity is missing or has invalid fields: ${fields.join(', ')}.`;
}
