/**
 * The most one page of a list may hold: a larger `first` is cut to this by
 * the subgraphs, and the gateway's cost estimate counts no page as larger.
 * @default 100
 */
export const maxPageSize = 100;
