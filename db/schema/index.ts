// Registry of every table, for drizzle-kit and the typed client.
export * from './friends';
export * from './events';
export * from './scenarios';
export * from './runs';
export * from './system';
export * from './analytics';
export * from './operators';
export * from './links';
export * from './send-pacer';
export * from './channel';
export * from './dispatches';
export * from './onboarding';
export * from './account-settings';
export * from './media';
export * from './message-templates';
