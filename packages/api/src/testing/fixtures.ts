import { randomUUID } from 'node:crypto';
import { SYSTEM } from '../auth/viewer.js';
import type { StaffRole } from '../db/entities/staff-user.js';
import type { RunningApi } from '../server.js';
import { graphqlClient } from './api.js';

/** Builds the people and configuration tests need, through the same services the API uses. */
export function fixtures(api: RunningApi) {
  const { services } = api;
  return {
    async staffToken(role: StaffRole = 'admin'): Promise<string> {
      const email = `${role}-${randomUUID()}@staff.test`;
      await services.staff.createStaff(SYSTEM, { email, name: `${role} user`, role, password: 'correct horse battery' });
      return (await services.staff.login(email, 'correct horse battery')).token;
    },
    async customer(overrides: { defaultCurrency?: string } = {}) {
      const email = `customer-${randomUUID()}@example.test`;
      const customer = await services.customers.create(SYSTEM, {
        email,
        name: 'Test Customer',
        defaultCurrency: overrides.defaultCurrency ?? 'USD',
        portalPassword: 'customer password',
      });
      const { token } = await services.customers.login(email, 'customer password');
      return { customer, token };
    },
    async partnerToken(scopes: string[]): Promise<string> {
      return (await services.staff.createApiKey(SYSTEM, { label: `partner ${scopes.join(',')}`, scopes })).secret;
    },
    sandboxKey(settings: { currencies?: string[]; minimumAmounts?: { currency: string; amountMinor: number }[]; manualCaptureAllowed?: boolean; visibleToCustomers?: boolean; feeFixedMinor?: number; feePercentBps?: number } = {}) {
      return services.gatewayKeys.create(SYSTEM, {
        gateway: 'sandbox',
        mode: 'test',
        label: 'Sandbox',
        secretKey: 'sandbox_secret_key_for_tests',
        currencies: settings.currencies ?? ['USD', 'EUR', 'JPY', 'KWD', 'INR'],
        ...settings,
      });
    },
    invoice(customerId: string, amountMinor: number, currency = 'USD') {
      return services.invoices.create(SYSTEM, { customerId, amountMinor, currency });
    },
    gql: (token?: string) => graphqlClient(api.url, token),
  };
}

export const uniqueKey = (label = 'key') => `${label}-${randomUUID()}`;
