import type { MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { SessionTokens } from '../auth/sessions.js';
import { generateApiKey } from '../auth/api-key-secrets.js';
import { PERMISSIONS } from '../auth/viewer.js';
import { ApiKey } from '../db/entities/api-key.js';
import { StaffUser, type StaffRole } from '../db/entities/staff-user.js';
import { DomainError, notFound } from '../domain/errors.js';
import { audit } from './audit.js';

/** Staff accounts, their sign-in, and the partner API keys they issue. */
export class StaffService {
  constructor(
    private readonly orm: MikroORM,
    private readonly sessions: SessionTokens,
  ) {}

  async createStaff(viewer: Viewer, input: { email: string; name: string; role: StaffRole; password: string }): Promise<StaffUser> {
    if (!['admin', 'finance', 'support'].includes(input.role)) throw new DomainError('INVALID_INPUT', 'role must be admin, finance or support', 'input.role');
    if (input.password.length < 12) throw new DomainError('INVALID_INPUT', 'password must be at least 12 characters', 'input.password');
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const staff = em.create(StaffUser, { email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash });
        em.persist(staff);
        audit(em, viewer, 'staff.created', { type: 'StaffUser', id: staff.id }, { email: staff.email, role: staff.role });
        return staff;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('DUPLICATE', 'a staff user with this email exists', 'input.email');
      throw error;
    }
  }

  /** The same answer for an unknown email and a wrong password, so accounts cannot be enumerated. */
  async login(email: string, password: string): Promise<{ token: string; staff: StaffUser }> {
    const staff = await this.orm.em.fork().findOne(StaffUser, { email: email.trim().toLowerCase(), active: true }, { populate: ['passwordHash'] });
    const ok = staff ? await verifyPassword(staff.passwordHash, password) : false;
    if (!staff || !ok) throw new DomainError('INVALID_CREDENTIALS', 'email or password is wrong', null);
    return { token: await this.sessions.issue({ kind: 'staff', staffId: staff.id, role: staff.role }), staff };
  }

  async createApiKey(viewer: Viewer, input: { label: string; scopes: string[] }): Promise<{ apiKey: ApiKey; secret: string }> {
    const unknown = input.scopes.filter((s) => !(PERMISSIONS as readonly string[]).includes(s));
    if (unknown.length) throw new DomainError('INVALID_INPUT', `unknown scopes: ${unknown.join(', ')}`, 'input.scopes');
    if (input.scopes.includes('apikeys:write')) throw new DomainError('INVALID_INPUT', 'partner keys cannot issue keys', 'input.scopes');
    const generated = generateApiKey();
    const apiKey = await this.orm.em.fork().transactional(async (em) => {
      const created = em.create(ApiKey, {
        label: input.label,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        scopes: [...new Set(input.scopes)],
        createdByStaffId: viewer.kind === 'staff' ? viewer.staffId : null,
      });
      em.persist(created);
      audit(em, viewer, 'api_key.created', { type: 'ApiKey', id: created.id }, { label: input.label, scopes: input.scopes });
      return created;
    });
    return { apiKey, secret: generated.key };
  }

  async revokeApiKey(viewer: Viewer, id: string): Promise<ApiKey> {
    return this.orm.em.fork().transactional(async (em) => {
      const apiKey = await em.findOne(ApiKey, id);
      if (!apiKey) throw notFound('API key', 'input.id');
      apiKey.revokedAt ??= new Date();
      audit(em, viewer, 'api_key.revoked', { type: 'ApiKey', id: apiKey.id });
      return apiKey;
    });
  }
}
