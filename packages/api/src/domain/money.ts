import { DomainError } from './errors.js';

/**
 * ISO 4217 minor-unit exponents. Listed are the codes that differ from the default of 2 plus the
 * currencies the platform accepts; anything not in SUPPORTED is rejected as an unknown currency.
 */
const ZERO_DECIMAL = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const THREE_DECIMAL = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const TWO_DECIMAL = [
  'AED', 'AUD', 'BRL', 'CAD', 'CHF', 'CNY', 'CZK', 'DKK', 'EUR', 'GBP', 'HKD', 'HUF', 'IDR', 'ILS', 'INR', 'MXN',
  'MYR', 'NOK', 'NZD', 'PHP', 'PLN', 'RON', 'SAR', 'SEK', 'SGD', 'THB', 'TRY', 'TWD', 'UAH', 'USD', 'ZAR',
];

export const SUPPORTED_CURRENCIES: readonly string[] = [...TWO_DECIMAL, ...ZERO_DECIMAL, ...THREE_DECIMAL].sort();

export function isSupportedCurrency(code: string): boolean {
  return SUPPORTED_CURRENCIES.includes(code);
}

export function currencyExponent(code: string): number {
  if (ZERO_DECIMAL.includes(code)) return 0;
  if (THREE_DECIMAL.includes(code)) return 3;
  return 2;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

/**
 * Validates an amount in minor units: a positive safe integer (the JS number type holds integers exactly
 * only up to 2^53 - 1, and anything larger is no real payment).
 */
export function assertPositiveAmount(amountMinor: number, field = 'input.amountMinor'): void {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new DomainError('INVALID_AMOUNT', 'amount must be a whole number of minor units below 2^53', field);
  }
  if (amountMinor <= 0) throw new DomainError('INVALID_AMOUNT', 'amount must be greater than zero', field);
}

export function assertCurrency(code: string, field = 'input.currency'): string {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper) || !isSupportedCurrency(upper)) {
    throw new DomainError('UNSUPPORTED_CURRENCY', `currency ${code} is not a supported ISO 4217 code`, field);
  }
  return upper;
}

/** Renders minor units for people, e.g. 123456 USD in en-US → "$1,234.56", 500 JPY → "¥500". */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  const negative = amountMinor < 0;
  const digits = Math.abs(amountMinor).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : digits.slice(-exponent);
  // Intl accepts a decimal string, so the value never passes through a float.
  const decimal = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  return formatter.format(decimal as Intl.StringNumericLiteral);
}

/** fixed + percent (in basis points) of an amount, rounded half-up, in integer arithmetic. */
export function computeFee(amountMinor: number, fixedMinor: number, percentBps: number): number {
  const percentPart = (BigInt(amountMinor) * BigInt(percentBps) + 5000n) / 10000n;
  return fixedMinor + Number(percentPart);
}
