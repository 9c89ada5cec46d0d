/** What the public directory list (docs/directory.md, "Pages and API") sorts by; endpoints without the figure go last. */
export const DIRECTORY_LIST_SORTS = ['name', 'state', 'uptime', 'p95', 'tools', 'checked'] as const;
export type DirectoryListSort = (typeof DIRECTORY_LIST_SORTS)[number];

/** Server names listed per endpoint in the list: one URL listed by hundreds of entries stays one small row. */
export const DIRECTORY_LIST_SERVERS = 8;
