import type { MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { SessionTokens } from '../auth/sessions.js';
import { Customer } from '../db/entities/customer.js';
import { DomainError } from '../domain/errors.js';
import { assertCurrency } from '../domain/money.js';
import { audit } from './audit.js';

export interface CreateCustomerInput {
  email: string;
  name: string;
  country?: string | null;
  defaultCurrency: string;
  externalRef?: string | null;
  /** Lets the customer sign in to the portal right away (demo and staff-created accounts). */
  portalPassword?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class CustomersService {
  constructor(
    private readonly orm: MikroORM,
    private readonly sessions: SessionTokens,
  ) {}

  async create(viewer: Viewer, input: CreateCustomerInput): Promise<Customer> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new DomainError('INVALID_INPUT', 'email is not a valid address', 'input.email');
    if (!input.name.trim()) throw new DomainError('INVALID_INPUT', 'name must not be empty', 'input.name');
    if (input.country && !/^[A-Za-z]{2}$/.test(input.country)) {
      throw new DomainError('INVALID_INPUT', 'country must be an ISO 3166-1 alpha-2 code', 'input.country');
    }
    const defaultCurrency = assertCurrency(input.defaultCurrency, 'input.defaultCurrency');
    if (input.portalPassword != null && input.portalPassword.length < 10) {
      throw new DomainError('INVALID_INPUT', 'portal password must be at least 10 characters', 'input.portalPassword');
    }
    const passwordHash = input.portalPassword ? await hashPassword(input.portalPassword) : null;
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const customer = em.create(Customer, {
          email,
          name: input.name.trim(),
          country: input.country?.toUpperCase() ?? null,
          defaultCurrency,
          externalRef: input.externalRef ?? null,
          passwordHash,
        });
        em.persist(customer);
        audit(em, viewer, 'customer.created', { type: 'Customer', id: customer.id }, { email });
        return customer;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        const field = String(error.message).includes('external_ref') ? 'input.externalRef' : 'input.email';
        throw new DomainError('DUPLICATE', `a customer with this ${field === 'input.email' ? 'email' : 'external reference'} already exists`, field);
      }
      throw error;
    }
  }

  /** Portal sign-in: the same answer for an unknown email and a wrong password. */
  async login(email: string, password: string): Promise<{ token: string; customer: Customer }> {
    const em = this.orm.em.fork();
    const customer = await em.findOne(Customer, { email: email.trim().toLowerCase() }, { populate: ['passwordHash'] });
    const ok = customer?.passwordHash ? await verifyPassword(customer.passwordHash, password) : false;
    if (!customer || !ok) throw new DomainError('INVALID_CREDENTIALS', 'email or password is wrong', null);
    return { token: await this.sessions.issue({ kind: 'customer', customerId: customer.id }), customer };
  }
}
