/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** GraphQL endpoint, absolute or same-origin ("/graphql" goes through the dev/preview proxy). */
  readonly VITE_PAYRAIL_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
