// getent hosts|ahosts NAME (glibc): resolves through /etc/hosts and DNS with the search list;
// prints `IP<pad to 15> CANONICAL-NAME`; exit 2 when the name is unknown.
import { resolveHost } from '../../network/dns.ts';
import { originOf } from '../../network/exec-context.ts';
import type { Builtin } from './builtin.ts';
import { RESOLVER_TIMEOUT_MS } from './wget.ts';

export const getent: Builtin = async ({ args, io, host }) => {
  const [db, ...keys] = args;
  if (db !== 'hosts' && db !== 'ahosts' && db !== 'ahostsv4') {
    io.err(`Unknown database: ${db ?? ''}\n`);
    return 1;
  }
  let code = 0;
  for (const k of keys) {
    const r = resolveHost(host.engine, originOf(host.state), k);
    if (r === 'timeout') await io.sleep(RESOLVER_TIMEOUT_MS);
    if (r === 'timeout' || r === 'notfound') {
      code = 2;
      continue;
    }
    for (const ip of db === 'hosts' ? r.addresses.slice(0, 1) : r.addresses) {
      if (db === 'hosts') io.out(`${ip.padEnd(15)} ${r.fqdn}\n`);
      else io.out(`${ip.padEnd(15)} STREAM ${r.fqdn}\n${ip.padEnd(15)} DGRAM  \n${ip.padEnd(15)} RAW    \n`);
    }
  }
  return code;
};
