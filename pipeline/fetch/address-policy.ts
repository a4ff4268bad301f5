/** Which addresses the crawler may connect to: public unicast only, unless private ones are allowed by config. */
import dns from 'node:dns';
import ipaddr from 'ipaddr.js';

/** `true` allows every private address; a list allows those addresses or CIDR ranges (`['127.0.0.1', '10.1.0.0/16']`). */
export type AllowPrivate = boolean | readonly string[];

export type Lookup = (host: string) => Promise<string[]>;

export const systemLookup: Lookup = async (host) =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

function matchesAllowed(address: ipaddr.IPv4 | ipaddr.IPv6, allowed: readonly string[]): boolean {
  for (const entry of allowed) {
    try {
      const range = entry.includes('/') ? ipaddr.parseCIDR(entry) : ([ipaddr.process(entry), -1] as const);
      const [net, bits] = range;
      if (net.kind() !== address.kind()) continue;
      if (bits < 0 ? net.toNormalizedString() === address.toNormalizedString() : address.match(net, bits))
        return true;
    } catch {
      continue;
    }
  }
  return false;
}

/**
 * Why `ip` may not be fetched, or null when it may. Anything but public unicast (loopback, private, link-local,
 * unique-local, carrier-grade NAT, reserved…) is refused unless `allowPrivate` admits it.
 * `addressProblem('10.0.0.5', false)` → `'address 10.0.0.5 is private'`.
 */
export function addressProblem(ip: string, allowPrivate: AllowPrivate): string | null {
  if (!ipaddr.isValid(ip)) return `invalid address ${ip}`;
  const address = ipaddr.process(ip);
  const range = address.range();
  if (range === 'unicast') return null;
  if (allowPrivate === true) return null;
  if (Array.isArray(allowPrivate) && matchesAllowed(address, allowPrivate)) return null;
  return `address ${ip} is ${range}`;
}

/** The host without IPv6 brackets: `bareHost('[::1]')` → `'::1'`. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Resolve `hostname` and return the first problem with any of its addresses, or null when all are allowed. */
export async function hostProblem(
  hostname: string,
  allowPrivate: AllowPrivate,
  lookup: Lookup,
): Promise<string | null> {
  const host = bareHost(hostname);
  if (ipaddr.isValid(host)) return addressProblem(host, allowPrivate);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return allowPrivate === false ? `host ${host} is loopback` : null;
  }
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    return `cannot resolve ${host} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (addresses.length === 0) return `cannot resolve ${host}`;
  for (const address of addresses) {
    const problem = addressProblem(address, allowPrivate);
    if (problem) return `${host}: ${problem}`;
  }
  return null;
}
