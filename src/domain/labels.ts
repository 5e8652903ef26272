import { z } from 'zod';

/** A name shown to people, in Chinese and English. */
export const LabelSchema = z.strictObject({
  zh: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
});
export type Label = z.infer<typeof LabelSchema>;
