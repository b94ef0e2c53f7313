import { Migration20261124000000Initial } from './Migration20261124000000Initial.js';
import { Migration20261124110000Webhooks } from './Migration20261124110000Webhooks.js';
import { Migration20261124120000Workflows } from './Migration20261124120000Workflows.js';

/** Every migration, in order. Listed explicitly so the built package needs no file discovery. */
export const migrations = [
  { name: 'Migration20261124000000Initial', class: Migration20261124000000Initial },
  { name: 'Migration20261124110000Webhooks', class: Migration20261124110000Webhooks },
  { name: 'Migration20261124120000Workflows', class: Migration20261124120000Workflows },
];
