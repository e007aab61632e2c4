// Self-signed TLS certificate for the local origin (HTTP/2 needs TLS in browsers).
// Generated once with openssl into .cert/ and reused while it still covers every
// name we serve and is not about to expire.
import { spawn } from 'node:child_process';
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Certificate {
  readonly key: string;
  readonly cert: string;
  /** base64 SHA-256 of the DER SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
  readonly spkiHash: string;
}

export const CERT_DNS_NAMES = ['localhost'] as const;
/** Loopback plus the network lab's addresses in 198.18.0.0/15 (RFC 2544 benchmarking range). */
export const CERT_IP_ADDRESSES = [
  '127.0.0.1', '::1',
  '198.18.0.1', '198.18.0.2', '198.18.1.1', '198.18.1.2', '198.18.2.1', '198.18.2.2',
] as const;

const VALID_DAYS = 825;
/** Regenerate when fewer days than this remain. */
const RENEW_DAYS_BEFORE = 7;
const DEFAULT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.cert');

export function spkiHashOf(certPem: string): string {
  const spki = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** Returns why the certificate should be replaced, or undefined when it is fine. */
function staleReason(certPem: string, now = Date.now()): string | undefined {
  const cert = new X509Certificate(certPem);
  if (Date.parse(cert.validTo) - now < RENEW_DAYS_BEFORE * 86_400_000) return 'expires soon';
  const san = cert.subjectAltName ?? '';
  const missing = [
    ...CERT_DNS_NAMES.filter((name) => !san.includes(`DNS:${name}`)),
    ...CERT_IP_ADDRESSES.filter((ip) => !cert.checkIP(ip)),
  ];
  return missing.length > 0 ? `does not cover ${missing.join(', ')}` : undefined;
}

function runOpenssl(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new Error(`cannot run openssl (apt-get install openssl): ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`openssl failed (${code}): ${stderr.trim()}`))));
  });
}

/** Writes key.pem + cert.pem into `dir` (temp names first, so readers never see half a pair). */
export async function createSelfSignedCertificate(dir: string): Promise<Certificate> {
  await mkdir(dir, { recursive: true });
  const keyTmp = path.join(dir, `key.pem.${process.pid}.tmp`);
  const certTmp = path.join(dir, `cert.pem.${process.pid}.tmp`);
  const san = [...CERT_DNS_NAMES.map((n) => `DNS:${n}`), ...CERT_IP_ADDRESSES.map((ip) => `IP:${ip}`)].join(',');
  await runOpenssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyTmp, '-out', certTmp, '-days', String(VALID_DAYS),
    '-subj', '/CN=Sprint local origin',
    '-addext', `subjectAltName=${san}`,
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature',
    '-addext', 'extendedKeyUsage=serverAuth',
  ]);
  await rename(keyTmp, path.join(dir, 'key.pem'));
  await rename(certTmp, path.join(dir, 'cert.pem'));
  return loadCertificate(dir);
}

async function loadCertificate(dir: string): Promise<Certificate> {
  const key = await readFile(path.join(dir, 'key.pem'), 'utf8');
  const cert = await readFile(path.join(dir, 'cert.pem'), 'utf8');
  return { key, cert, spkiHash: spkiHashOf(cert) };
}

/** Loads the certificate from `dir` (default <repo>/.cert), creating or renewing it when needed. */
export async function ensureCertificate(dir = DEFAULT_DIR): Promise<Certificate> {
  try {
    const existing = await loadCertificate(dir);
    const reason = staleReason(existing.cert);
    if (reason === undefined) return existing;
    console.log(`certificate in ${dir} ${reason}; creating a new one`);
  } catch {
    // Missing or unreadable: fall through and create it.
  }
  await rm(path.join(dir, 'key.pem'), { force: true });
  return createSelfSignedCertificate(dir);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  ensureCertificate().then(
    (cert) => console.log(`certificate ready in ${DEFAULT_DIR}\nspki sha256: ${cert.spkiHash}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
