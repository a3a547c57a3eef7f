// UI strings for audit (Japanese and English); merged into lib/i18n/dictionary.ts.
export const ja = {} as const;

export const en: Record<keyof typeof ja, string> = {};
