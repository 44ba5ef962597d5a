import ipaddr from 'ipaddr.js';

/** Address ranges no server-side fetch may reach unless an admin allow-lists them. */
const BLOCKED_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'private',
  'reserved',
  'carrierGradeNat',
  'uniqueLocal',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
  'benchmarking',
  'amt',
  'as112',
  'deprecated',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
  'as112v6',
  'discard',
]);

/**
 * An allow-list of hosts and CIDR ranges, for model servers an admin deliberately runs inside
 * the network (TESSERA_FETCH_ALLOW="10.0.0.0/8,models.internal").
 */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];

  constructor(entries: readonly string[] = []) {
    for (const raw of entries.map((e) => e.trim().toLowerCase()).filter(Boolean)) {
      if (raw.includes('/')) this.ranges.push(ipaddr.parseCIDR(raw));
      else if (ipaddr.isValid(raw))
        this.ranges.push([ipaddr.parse(raw), ipaddr.parse(raw).kind() === 'ipv4' ? 32 : 128]);
      else this.hosts.add(raw.replace(/\.$/, ''));
    }
  }

  hasHost(host: string): boolean {
    return this.hosts.has(host.toLowerCase().replace(/\.$/, ''));
  }

  hasAddress(addr: ipaddr.IPv4 | ipaddr.IPv6): boolean {
    return this.ranges.some(([net, bits]) => addr.kind() === net.kind() && addr.match(net, bits));
  }
}

/**
 * Whether a literal address may be connected to: only public unicast. IPv4-mapped IPv6
 * (::ffff:127.0.0.1) is judged by the IPv4 address inside it.
 */
export function isPublicAddress(address: string, allow?: AllowList): boolean {
  if (!ipaddr.isValid(address)) return false;
  let addr = ipaddr.parse(address);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (allow?.hasAddress(addr)) return true;
  return !BLOCKED_RANGES.has(addr.range());
}
