// busybox nslookup (1.36, the "big" resolver-less version): sends A and AAAA queries for each
// search-list expansion of a dot-less name (or the name alone) to the nameserver of
// /etc/resolv.conf and prints each reply in turn: `Name:\t...\nAddress: ...` for answers,
// `** server can't find NAME: NXDOMAIN` for misses, an empty line after each reply.
import { queryA, dnsReachable, searchDomains, DNS_SERVICE_IP } from '../../network/dns.ts';
import { containerOf, originOf } from '../../network/exec-context.ts';
import type { Builtin } from './builtin.ts';

/** Replies are awaited for -timeout (5 s) across -retry (2) sends. */
const TIMEOUT_MS = 5_000;

export const nslookup: Builtin = async ({ args, io, host }) => {
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,any\n');
    return 1;
  }
  const name = names[0]!;
  const server = names[1] ?? DNS_SERVICE_IP;
  const ctx = containerOf(host.state);
  const origin = originOf(host.state);
  if (!ctx || server !== DNS_SERVICE_IP || !dnsReachable(host.engine, origin)) {
    await io.sleep(TIMEOUT_MS);
    io.out(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  const ns = ctx.pod.metadata.namespace ?? 'default';
  const queries = name.includes('.') || /^\d+\.\d+\.\d+\.\d+$/.test(name) ? [name] : searchDomains(ns).map((d) => `${name}.${d}`);
  let text = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  for (const type of ['A', 'AAAA'] as const) {
    for (const q of queries) {
      const ans = queryA(host.engine, q);
      if (ans.rcode !== 'NOERROR') text += `** server can't find ${q}: ${ans.rcode}\n`;
      else if (ans.cname) text += `${q}\tcanonical name = ${ans.cname}\n`;
      else if (type === 'A') for (const ip of ans.a) text += `Name:\t${q}\nAddress: ${ip}\n`;
      text += '\n';
    }
  }
  io.out(text);
  return 0;
};
