import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../auth/viewer.js';
import { PaymentGatewayKey } from '../../db/entities/payment-gateway-key.js';
import type { RunningApi } from '../../server.js';
import { fixtures } from '../../testing/index.js';
import { useTestApi } from '../../testing/use-test-api.js';

describe('one gateway client per key, rebuilt when the key changes', () => {
  const handle = useTestApi();
  let api: RunningApi;

  beforeAll(async () => {
    api = handle.api;
  });

  it('reuses the client while the key is unchanged and builds a new one after an update', async () => {
    const created = await fixtures(api).sandboxKey();
    const load = () => api.services.orm.em.fork().findOneOrFail(PaymentGatewayKey, created.id);
    const first = api.services.gatewayClients.forKey(await load());
    expect(api.services.gatewayClients.forKey(await load())).toBe(first);
    await api.services.gatewayKeys.update(SYSTEM, created.id, { secretKey: 'sandbox_rotated_secret' });
    const updated = await load();
    expect(updated.version).toBeGreaterThan(created.version);
    const rebuilt = api.services.gatewayClients.forKey(updated);
    expect(rebuilt).not.toBe(first);
    expect(api.services.gatewayClients.forKey(await load())).toBe(rebuilt);
  });
});
