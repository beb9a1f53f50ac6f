import {generateKeyPairSync} from 'node:crypto'
import forge from 'node-forge'

/** A key pair and certificate in PEM, as `https.createServer` takes them. */
export interface TlsIdentity {
  key: string
  cert: string
}

export interface TestPki {
  /** The CA certificate the client trusts (pass as `ca`). */
  ca: string
  /** A server certificate signed by the CA, valid for the given names and 127.0.0.1. */
  server: TlsIdentity
  /** A self-signed certificate no client trusts. */
  untrusted: TlsIdentity
}

/**
 * Create a throwaway certificate authority, a server certificate it signs
 * and a self-signed one, for HTTPS servers on 127.0.0.1. Keys come from
 * node:crypto (fast); node-forge builds and signs the certificates.
 */
export function createTestPki(names: string[]): TestPki {
  const caKeys = keyPair()
  const caCert = certificate({
    subject: 'Link checker test CA',
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      {name: 'basicConstraints', cA: true, critical: true},
      {name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true}
    ]
  })
  const serverKeys = keyPair()
  const serverCert = certificate({
    subject: names[0] ?? 'localhost',
    issuer: caCert,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: serverExtensions(names)
  })
  const selfKeys = keyPair()
  const selfCert = certificate({
    subject: names[0] ?? 'localhost',
    publicKey: selfKeys.publicKey,
    signingKey: selfKeys.privateKey,
    extensions: serverExtensions(names)
  })
  return {
    ca: forge.pki.certificateToPem(caCert),
    server: {
      key: forge.pki.privateKeyToPem(serverKeys.privateKey),
      cert: forge.pki.certificateToPem(serverCert)
    },
    untrusted: {
      key: forge.pki.privateKeyToPem(selfKeys.privateKey),
      cert: forge.pki.certificateToPem(selfCert)
    }
  }
}

function keyPair(): {privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey} {
  const {privateKey} = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: {type: 'pkcs1', format: 'pem'},
    publicKeyEncoding: {type: 'spki', format: 'pem'}
  })
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey
  return {privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e)}
}

let serial = 1

function certificate(options: {
  subject: string
  issuer?: forge.pki.Certificate
  publicKey: forge.pki.PublicKey
  signingKey: forge.pki.rsa.PrivateKey
  extensions: object[]
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = options.publicKey
  cert.serialNumber = (serial++).toString(16).padStart(2, '0')
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000)
  cert.validity.notAfter = new Date(Date.now() + 7 * 24 * 3600 * 1000)
  const subject = [{name: 'commonName', value: options.subject}]
  cert.setSubject(subject)
  cert.setIssuer(options.issuer ? options.issuer.subject.attributes : subject)
  cert.setExtensions(options.extensions)
  cert.sign(options.signingKey, forge.md.sha256.create())
  return cert
}

function serverExtensions(names: string[]): object[] {
  return [
    {name: 'basicConstraints', cA: false},
    {name: 'keyUsage', digitalSignature: true, keyEncipherment: true},
    {name: 'extKeyUsage', serverAuth: true},
    {
      name: 'subjectAltName',
      altNames: [...names.map(value => ({type: 2, value})), {type: 7, ip: '127.0.0.1'}]
    }
  ]
}
