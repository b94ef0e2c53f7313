import { gql } from '@urql/core';

export interface Health {
  status: string;
  database: boolean;
  temporal: boolean;
  version: string;
}

export interface HealthQueryData {
  health: Health;
}

export const HealthQuery = gql<HealthQueryData>`
  query Health {
    health {
      status
      database
      temporal
      version
    }
  }
`;
