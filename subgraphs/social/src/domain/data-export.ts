/** How long an export link may be fetched. @default 10 minutes */
export const exportLinkTtlSeconds = 600;
