import { BigIntType, JsonType } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

/** Money columns are bigint in PostgreSQL and safe integers in JS (the API rejects anything above 2^53). */
export const moneyColumn = () => ({ type: new BigIntType('number'), default: 0 });
export const jsonColumn = () => ({ type: new JsonType() });
/** Time-ordered UUIDs keep primary-key indexes append-only and double as stable cursors. */
export const newId = (): string => uuidv7();
export const idColumn = () => ({ type: 'uuid', primary: true }) as const;
export const timestampColumn = () => ({ type: 'datetime', columnType: 'timestamptz' }) as const;
