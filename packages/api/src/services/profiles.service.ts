import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GatewayError } from '@payrail/gateways';
import { idempotencyScope, type Viewer } from '../auth/viewer.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerPaymentProfile } from '../db/entities/customer-payment-profile.js';
import { GatewayCustomer } from '../db/entities/gateway-customer.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import { DomainError, notFound } from '../domain/errors.js';
import { assertCustomerRecordAccess } from './access.js';
import { audit } from './audit.js';
import type { GatewayClients } from './gateway-clients.js';
import type { IdempotencyService } from './idempotency.js';
import { recordDomainEvent } from '../events/domain-events.js';

export interface SaveProfileInput {
  idempotencyKey: string;
  customerId?: string | null;
  gatewayKeyId: string;
  /** What the gateway's front-end library returned for the card (never the card number itself). */
  paymentToken: string;
  makeDefault?: boolean | null;
}

/** Saved payment methods as gateway tokens: the gateway holds the card, we hold its id. */
export class ProfilesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clients: GatewayClients,
    private readonly idempotency: IdempotencyService,
  ) {}

  async save(viewer: Viewer, input: SaveProfileInput): Promise<CustomerPaymentProfile> {
    const customerId = viewer.kind === 'customer' ? viewer.customerId : input.customerId;
    if (!customerId) throw new DomainError('INVALID_INPUT', 'customerId is required', 'input.customerId');
    if (viewer.kind === 'customer' && input.customerId && input.customerId !== viewer.customerId) throw notFound('customer', 'input.customerId');
    assertCustomerRecordAccess(viewer, customerId, 'profiles:write', 'customer', 'input.customerId');
    const em = this.orm.em.fork();
    const customer = await em.findOne(Customer, customerId);
    if (!customer) throw notFound('customer', 'input.customerId');
    const key = await em.findOne(PaymentGatewayKey, input.gatewayKeyId);
    if (!key) throw notFound('gateway key', 'input.gatewayKeyId');
    if (!key.enabled) throw new DomainError('GATEWAY_DISABLED', `gateway key "${key.label}" is disabled`, 'input.gatewayKeyId');
    if (viewer.kind === 'customer' && !key.visibleToCustomers) throw new DomainError('GATEWAY_NOT_VISIBLE', 'this gateway is not offered to customers', 'input.gatewayKeyId');

    const { resultId } = await this.idempotency.run(
      { scope: idempotencyScope(viewer), key: input.idempotencyKey, operation: 'savePaymentProfile', input: { ...input, customerId, idempotencyKey: undefined } },
      async (bind) => {
        const gateway = this.clients.forKey(key);
        const gatewayCustomerId = await this.gatewayCustomerId(em, customer, key);
        const saved = await gateway
          .savePaymentMethod({ idempotencyKey: `${customer.id}:${key.id}:save:${input.idempotencyKey}`, gatewayCustomerId, token: input.paymentToken })
          .catch(toDomainError);
        const profile = await this.orm.em.fork().transactional(async (tx) => {
          const existingDefault = await tx.count(CustomerPaymentProfile, { customer: customer.id, status: 'active', isDefault: true });
          const created = tx.create(CustomerPaymentProfile, {
            customer: customer.id,
            gatewayKey: key.id,
            gateway: key.gateway,
            gatewayCustomerId,
            methodId: saved.methodId,
            brand: saved.brand,
            last4: saved.last4,
            expMonth: saved.expMonth,
            expYear: saved.expYear,
            status: saved.status === 'saved' ? 'active' : 'requires_action',
            isDefault: false,
          });
          tx.persist(created);
          if (input.makeDefault || existingDefault === 0) await this.markDefault(tx, created);
          await bind(tx, created.id);
          audit(tx, viewer, 'profile.saved', { type: 'CustomerPaymentProfile', id: created.id }, { brand: saved.brand, last4: saved.last4 });
          recordDomainEvent(tx, 'profile.saved', {
            subjectType: 'profile',
            subjectId: created.id,
            data: { id: created.id, customerId: customer.id, gateway: key.gateway, brand: saved.brand, last4: saved.last4, status: created.status },
          });
          return created;
        });
        return { resultId: profile.id };
      },
    );
    return this.orm.em.fork().findOneOrFail(CustomerPaymentProfile, resultId);
  }

  async remove(viewer: Viewer, profileId: string): Promise<CustomerPaymentProfile> {
    const em = this.orm.em.fork();
    const profile = await em.findOne(CustomerPaymentProfile, profileId, { populate: ['gatewayKey'] });
    if (!profile || profile.status === 'deleted') throw notFound('payment profile', 'input.profileId');
    assertCustomerRecordAccess(viewer, profile.customer.id, 'profiles:write', 'payment profile', 'input.profileId');
    await this.clients
      .forKey(profile.gatewayKey)
      .deletePaymentMethod({ idempotencyKey: `${profile.id}:delete`, gatewayCustomerId: profile.gatewayCustomerId, methodId: profile.methodId })
      .catch((error: unknown) => {
        // Already gone at the gateway is what we wanted.
        if (error instanceof GatewayError && error.code === 'not_found') return { deleted: true as const };
        return toDomainError(error);
      });
    profile.status = 'deleted';
    profile.isDefault = false;
    audit(em, viewer, 'profile.deleted', { type: 'CustomerPaymentProfile', id: profile.id });
    await em.flush();
    return profile;
  }

  async setDefault(viewer: Viewer, profileId: string): Promise<CustomerPaymentProfile> {
    return this.orm.em.fork().transactional(async (em) => {
      const profile = await em.findOne(CustomerPaymentProfile, profileId);
      if (!profile || profile.status !== 'active') throw notFound('payment profile', 'input.profileId');
      assertCustomerRecordAccess(viewer, profile.customer.id, 'profiles:write', 'payment profile', 'input.profileId');
      await this.markDefault(em, profile);
      return profile;
    });
  }

  private async markDefault(em: EntityManager, profile: CustomerPaymentProfile): Promise<void> {
    await em.nativeUpdate(CustomerPaymentProfile, { customer: profile.customer.id, isDefault: true }, { isDefault: false });
    profile.isDefault = true;
  }

  /** The customer's id at this gateway account, created on first use and reused afterwards. */
  private async gatewayCustomerId(em: EntityManager, customer: Customer, key: PaymentGatewayKey): Promise<string> {
    const existing = await em.findOne(GatewayCustomer, { customer: customer.id, gatewayKey: key.id });
    if (existing) return existing.gatewayCustomerId;
    const created = await this.clients
      .forKey(key)
      .createCustomer({ idempotencyKey: `${customer.id}:${key.id}:customer`, email: customer.email, name: customer.name, reference: customer.id })
      .catch(toDomainError);
    await em.getConnection().execute(
      `insert into gateway_customers (id, customer_id, gateway_key_id, gateway_customer_id, created_at)
       values (gen_random_uuid(), ?, ?, ?, now()) on conflict (customer_id, gateway_key_id) do nothing`,
      [customer.id, key.id, created.gatewayCustomerId],
    );
    const row = await em.fork().findOneOrFail(GatewayCustomer, { customer: customer.id, gatewayKey: key.id });
    return row.gatewayCustomerId;
  }
}

function toDomainError(error: unknown): never {
  if (error instanceof GatewayError) throw new DomainError('GATEWAY_ERROR', `${error.code}: ${error.message}`, 'input.paymentToken');
  throw error;
}
