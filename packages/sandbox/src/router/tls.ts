import { generate } from 'selfsigned';

export interface RouterTls {
  /** PEM of the CA that signed the server certificate: what a client must trust. */
  caPem: string;
  key: string;
  cert: string;
}

let pending: Promise<RouterTls> | undefined;

/**
 * A CA and a server certificate for 127.0.0.1/localhost, made once per process and shared by every
 * fake router, named like the ones `mysqlrouter --bootstrap` generates. EC keys keep it fast.
 */
export function routerTls(): Promise<RouterTls> {
  pending ??= createTls().catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

async function createTls(): Promise<RouterTls> {
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'MySQL_Router_Auto_Generated_CA_Certificate' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate(
    [{ name: 'commonName', value: 'MySQL_Router_Auto_Generated_Router_Certificate' }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    },
  );
  return { caPem: ca.cert, key: server.private, cert: server.cert };
}
