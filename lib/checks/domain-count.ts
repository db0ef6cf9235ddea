// Counting addresses per domain over a whole organization, which a check may need at every page read.

/** The domain of an address: what follows its last @ (nothing when it has none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1);
}

// An organization's addresses share a few domains. Each address is first compared with the few
// domains met last, which spares cutting out and hashing its own; a domain has no @, so an address
// ending with "@domain" is at that domain.
const RECENT = 4;

interface Recent {
  suffix: string;
  domain: string;
  /** Addresses counted here and not yet in the map. */
  tally: number;
}

/** Addresses per domain (skipping the missing ones), in the order the domains first appear. */
export function countDomains(addresses: readonly (string | undefined)[], from: number, to: number): Map<string, number> {
  const counts = new Map<string, number>();
  const recent: Recent[] = [];
  const settle = (r: Recent) => counts.set(r.domain, counts.get(r.domain)! + r.tally);
  next: for (let i = from; i < to; i++) {
    const address = addresses[i];
    if (address === undefined) continue;
    for (const r of recent) {
      if (address.endsWith(r.suffix)) {
        r.tally++;
        continue next;
      }
    }
    const domain = domainOf(address);
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
    if (recent.length === RECENT) settle(recent.pop()!);
    recent.unshift({ suffix: `@${domain}`, domain, tally: 0 });
  }
  recent.forEach(settle);
  return counts;
}
