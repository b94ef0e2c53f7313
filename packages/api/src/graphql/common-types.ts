import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { formatMoney } from '../domain/money.js';
import { PAYMENT_STATUSES, type PaymentStatus } from '../domain/payment-state.js';
import { CurrencyCodeScalar, SafeIntScalar } from './scalars.js';
import type { DomainErrorCode } from '../domain/errors.js';

@ObjectType({ description: 'An amount of money in integer minor units of its currency.' })
export class Money {
  @Field(() => SafeIntScalar, { description: 'Amount in minor units (cents, paise, yen, fils).' })
  amountMinor!: number;

  @Field(() => CurrencyCodeScalar, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => String, { description: 'The amount formatted for people (en-US locale), e.g. "$12.50".' })
  formatted!: string;

  static of(amountMinor: number, currency: string): Money {
    return Object.assign(new Money(), { amountMinor, currency, formatted: formatMoney(amountMinor, currency) });
  }
}

export enum UserErrorCode {
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  UNSUPPORTED_CURRENCY = 'UNSUPPORTED_CURRENCY',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  INVALID_INPUT = 'INVALID_INPUT',
  INVALID_STATE = 'INVALID_STATE',
  AMOUNT_EXCEEDS_CAPTURABLE = 'AMOUNT_EXCEEDS_CAPTURABLE',
  AMOUNT_EXCEEDS_REFUNDABLE = 'AMOUNT_EXCEEDS_REFUNDABLE',
  GATEWAY_DISABLED = 'GATEWAY_DISABLED',
  GATEWAY_NOT_VISIBLE = 'GATEWAY_NOT_VISIBLE',
  MANUAL_CAPTURE_NOT_ALLOWED = 'MANUAL_CAPTURE_NOT_ALLOWED',
  RECURRING_NOT_ALLOWED = 'RECURRING_NOT_ALLOWED',
  GATEWAY_ERROR = 'GATEWAY_ERROR',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS = 'IDEMPOTENCY_IN_PROGRESS',
  LINK_EXPIRED = 'LINK_EXPIRED',
  LINK_NOT_PAYABLE = 'LINK_NOT_PAYABLE',
  INVOICE_NOT_PAYABLE = 'INVOICE_NOT_PAYABLE',
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  INVALID_KEY = 'INVALID_KEY',
  DUPLICATE = 'DUPLICATE',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  NOT_SUPPORTED_BY_GATEWAY = 'NOT_SUPPORTED_BY_GATEWAY',
}
// Compile-time proof that the GraphQL enum and the domain codes are the same set.
const _sameCodes: Record<DomainErrorCode, UserErrorCode> = UserErrorCode;
void _sameCodes;

registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation did not do what was asked.' });

@ObjectType({ description: 'A business failure: the request was understood but not carried out; nothing was written.' })
export class UserError {
  @Field(() => String, { nullable: true, description: 'Input path the error is about, e.g. "input.amountMinor".' })
  field!: string | null;

  @Field(() => UserErrorCode, { description: 'Stable machine-readable code.' })
  code!: UserErrorCode;

  @Field(() => String, { description: 'Human-readable explanation.' })
  message!: string;
}

export const PaymentStatusEnum = Object.fromEntries(PAYMENT_STATUSES.map((s) => [s.toUpperCase(), s])) as Record<
  string,
  PaymentStatus
>;
registerEnumType(PaymentStatusEnum, { name: 'PaymentStatus', description: 'Where a payment is in its lifecycle.' });

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass as `after` for the next page.' })
  endCursor!: string | null;
}

export enum CaptureMethodEnum {
  AUTOMATIC = 'automatic',
  MANUAL = 'manual',
}
registerEnumType(CaptureMethodEnum, {
  name: 'CaptureMethod',
  description: 'AUTOMATIC captures at once; MANUAL places a hold to capture or release later.',
});
