/** The fetch policy of a configured source: its allow-list, private-address permission and politeness overrides. */
import type { SourceConfig } from '../config.ts';
import type { FetchPolicy } from './fetcher.ts';

/** By default a source may fetch only from the host of its URL and that host's subdomains. */
export function sourcePolicy(source: SourceConfig): Partial<FetchPolicy> {
  const host = new URL(source.url).hostname;
  const policy: Partial<FetchPolicy> = {
    allowPrivate: source.allow_private,
    allowHosts: source.allow_hosts ?? [host, `*.${host.replace(/^www\./, '')}`],
    robots: source.robots,
  };
  if (source.rate_limit_ms !== undefined) policy.hostIntervalMs = source.rate_limit_ms;
  if (source.timeout_ms !== undefined) policy.timeoutMs = source.timeout_ms;
  return policy;
}
