// Same-origin by default: the dev and preview servers (and any production reverse proxy) forward
// /graphql to the API, which sends no CORS headers, so a cross-origin default could not work.
const DEFAULT_API_URL = '/graphql';

/** The GraphQL endpoint, fixed at build time from VITE_PAYRAIL_API_URL. */
export const apiUrl: string = import.meta.env.VITE_PAYRAIL_API_URL || DEFAULT_API_URL;
