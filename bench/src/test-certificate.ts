import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { systemCommand } from './system-command.js';

/** PEM files of a certificate and its key. */
export interface TestCertificate {
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * A self-signed test certificate for 127.0.0.1 and localhost, made with openssl in `dir`:
 * EC P-256, valid two days, `CA:TRUE` so that clients trust it through `NODE_EXTRA_CA_CERTS`
 * (every contender then verifies it, as it would a real server's).
 */
export function makeTestCertificate(dir: string): TestCertificate {
  const openssl = systemCommand('openssl', 'openssl');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    openssl,
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2']
      .concat(['-keyout', keyFile, '-out', certFile, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { certFile, keyFile };
}
