import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '../../domain/errors.js';

/**
 * Partner URLs are chosen by partners, so without a policy a partner could make our servers POST to
 * internal services or cloud metadata (server-side request forgery). Outside test setups only public
 * https destinations are allowed, checked when registered and again, after DNS, before every delivery.
 */
export interface PartnerUrlPolicy {
  /** Test and local setups only: allow http and loopback/private destinations. */
  allowPrivateNetworks: boolean;
}

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) privateRanges.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateRanges.check(mapped, 'ipv4');
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Registration-time check of the URL itself. */
export function assertAllowedPartnerUrl(url: URL, policy: PartnerUrlPolicy): void {
  if (policy.allowPrivateNetworks) return;
  if (url.protocol !== 'https:') throw new DomainError('INVALID_INPUT', 'url must use https', 'input.url');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    throw new DomainError('INVALID_INPUT', 'url must point at a public address', 'input.url');
  }
}

/** Delivery-time check after DNS, so a name that later resolves inward (DNS rebinding) is still refused. */
export async function privateDestinationReason(url: URL, policy: PartnerUrlPolicy): Promise<string | null> {
  if (policy.allowPrivateNetworks) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  const inward = addresses.find((a) => isPrivateAddress(a.address));
  return inward ? `refused: ${host} resolves to the non-public address ${inward.address}` : null;
}
