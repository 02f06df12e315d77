/**
 * Outbound webhook requests go to public addresses only: a merchant must not reach the
 * platform's own network (SSRF). Every address a host resolves to is checked, and the request
 * then connects to a checked address (no second lookup that could answer differently).
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../app/errors.ts';

const blocked = new BlockList();
const v4: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const v6: [string, number][] = [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32],
  ['64:ff9b::', 96], ['100::', 64],
];
for (const [net, prefix] of v4) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of v6) blocked.addSubnet(net, prefix, 'ipv6');

/** True for loopback, private, link-local, shared, multicast and reserved addresses. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, 'ipv6');
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

const unresolved = (host: string) =>
  new AppError('webhook_url_invalid', `the host ${host} does not resolve`, { param: 'url' });

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Resolves the URL's host; throws webhook_url_forbidden if any address is not public. */
export async function resolvePublic(url: URL, allowPrivate: boolean): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  let found: { address: string; family: number }[];
  try {
    found = await lookup(host, { all: true, verbatim: true });
  } catch {
    throw unresolved(host);
  }
  if (found.length === 0) {
    throw unresolved(host);
  }
  const bad = found.find((a) => isForbiddenAddress(a.address));
  if (bad && !allowPrivate) {
    throw new AppError('webhook_url_forbidden', `${host} resolves to a non-public address`, {
      param: 'url',
    });
  }
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

export function createUrlGuard(allowPrivate: boolean) {
  return async (url: URL) => void (await resolvePublic(url, allowPrivate));
}
