import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';

function parseCurrency(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) {
    throw new GraphQLError('CurrencyCode must be a three-letter ISO 4217 code', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value.toUpperCase();
}

/** A three-letter ISO 4217 code; whether the platform supports it is a business rule checked later. */
export const CurrencyCodeScalar = new GraphQLScalarType({
  name: 'CurrencyCode',
  description: 'ISO 4217 currency code, e.g. USD, JPY, KWD (case-insensitive on input, upper case on output).',
  serialize: (value) => String(value),
  parseValue: parseCurrency,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('CurrencyCode must be a string');
    return parseCurrency(ast.value);
  },
});

export const DateTimeScalar = DateTimeResolver;
/** Minor units: integers up to 2^53 - 1; anything larger is rejected before a resolver runs. */
export const SafeIntScalar = SafeIntResolver;
