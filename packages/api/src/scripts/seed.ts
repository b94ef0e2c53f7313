import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { SYSTEM } from '../auth/viewer.js';
import { loadConfig } from '../config.js';
import { StaffUser } from '../db/entities/staff-user.js';
import { createOrm } from '../db/orm.js';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { createServices } from '../services/index.js';

/**
 * Demo data for a newcomer: staff of each role, a sandbox gateway, customers with invoices, payments in
 * several states and a pay link. Runs once per database (skips when the demo admin exists).
 */
export const DEMO = {
  admin: { email: 'admin@payrail.test', password: 'payrail-admin-demo' },
  finance: { email: 'finance@payrail.test', password: 'payrail-finance-demo' },
  support: { email: 'support@payrail.test', password: 'payrail-support-demo' },
  customer: { email: 'ada@example.test', password: 'ada-portal-demo' },
};

const config = loadConfig();
const orm = await createOrm(config.DATABASE_URL);
const services = createServices(config, orm, createLogger('warn'), createMetrics());
try {
  if (await orm.em.fork().findOne(StaffUser, { email: DEMO.admin.email })) {
    process.stdout.write('demo data already present\n');
  } else {
    await seed();
  }
} finally {
  await services.close();
  await orm.close();
}

async function seed() {
  for (const role of ['admin', 'finance', 'support'] as const) {
    await services.staff.createStaff(SYSTEM, { ...DEMO[role], name: `Demo ${role}`, role });
  }
  const key = await services.gatewayKeys.create(SYSTEM, {
    gateway: 'sandbox',
    mode: 'test',
    label: 'Sandbox (demo)',
    secretKey: 'sandbox_demo_secret_key',
    currencies: ['USD', 'EUR', 'GBP', 'INR', 'JPY'],
    minimumAmounts: [{ currency: 'USD', amountMinor: 50 }],
    feeFixedMinor: 30,
    feePercentBps: 290,
  });
  const ada = await services.customers.create(SYSTEM, {
    email: DEMO.customer.email,
    name: 'Ada Lovelace',
    country: 'GB',
    defaultCurrency: 'USD',
    externalRef: 'crm-1001',
    portalPassword: DEMO.customer.password,
  });
  const grace = await services.customers.create(SYSTEM, { email: 'grace@example.test', name: 'Grace Hopper', country: 'US', defaultCurrency: 'USD', externalRef: 'crm-1002' });
  const profile = await services.profiles.save(SYSTEM, { idempotencyKey: 'seed-profile-ada', customerId: ada.id, gatewayKeyId: key.id, paymentToken: '4242424242424242' });
  const paid = await services.invoices.create(SYSTEM, { customerId: ada.id, amountMinor: 4_900, currency: 'USD', description: 'Hosting, October' });
  await services.invoices.create(SYSTEM, { customerId: ada.id, amountMinor: 4_900, currency: 'USD', description: 'Hosting, November', dueDate: '2026-12-01' });
  await services.invoices.create(SYSTEM, { customerId: grace.id, amountMinor: 12_000, currency: 'USD', description: 'Consulting' });
  await services.payments.initiate(SYSTEM, { idempotencyKey: 'seed-pay-invoice', gatewayKeyId: key.id, invoiceId: paid.id, profileId: profile.id });
  const held = await services.payments.initiate(SYSTEM, {
    idempotencyKey: 'seed-hold', gatewayKeyId: key.id, customerId: grace.id, amountMinor: 25_000, currency: 'USD', paymentToken: '4242424242424242', captureMethod: 'manual', description: 'Equipment deposit',
  });
  void held;
  const refunded = await services.payments.initiate(SYSTEM, {
    idempotencyKey: 'seed-refunded', gatewayKeyId: key.id, customerId: grace.id, amountMinor: 3_000, currency: 'USD', paymentToken: '4242424242424242', description: 'Setup fee',
  });
  await services.payments.refund(SYSTEM, { idempotencyKey: 'seed-refund-1', paymentId: refunded.id, amountMinor: 1_000, reason: 'requested_by_customer' });
  await services.payments.initiate(SYSTEM, {
    idempotencyKey: 'seed-declined', gatewayKeyId: key.id, customerId: grace.id, amountMinor: 2_000, currency: 'USD', paymentToken: '4000000000009995', description: 'Declined attempt',
  });
  const link = await services.links.create(SYSTEM, { amountMinor: 1_500, currency: 'USD', description: 'Conference ticket', reusable: true });
  const partner = await services.staff.createApiKey(SYSTEM, { label: 'Demo partner', scopes: ['payments:read', 'payments:write', 'customers:write', 'customers:read', 'links:write', 'invoices:write'] });
  const lines = [
    `staff:    ${DEMO.admin.email} / ${DEMO.admin.password} (also finance@, support@ with -finance-/-support- passwords)`,
    `customer: ${DEMO.customer.email} / ${DEMO.customer.password}`,
    `partner API key (shown once): ${partner.secret}`,
    `pay link: ${config.PAYRAIL_CUSTOMER_PORTAL_URL}/pay/${link.token}`,
  ];
  if (process.env.PAYRAIL_DEMO_CREDENTIALS_FILE) await writeFile(process.env.PAYRAIL_DEMO_CREDENTIALS_FILE, `${lines.join('\n')}\n`, { mode: 0o600 });
  process.stdout.write(`demo data seeded\n${lines.join('\n')}\n`);
}
