// One @noble/post-quantum operation per run, for MlKemNobleInteropTest: a JSON request on stdin, a JSON answer on
// stdout. All byte strings are standard base64. Errors go to stderr with exit code 1.
//
//   {"op":"mlkem-keygen","seed":b64(64)}                          -> {publicKey, secretKey}
//   {"op":"mlkem-encapsulate","publicKey":b64,"message"?:b64(32)} -> {cipherText, sharedSecret}
//   {"op":"mlkem-decapsulate","cipherText":b64,"secretKey":b64}   -> {sharedSecret}
//   {"op":"hybrid-keygen","label":s,"seed":b64(32)}               -> {mlKemPublicKey, x25519PublicKey}
//   {"op":"hybrid-encapsulate","label":s,"mlKemPublicKey":b64,"x25519PublicKey":b64,"randomness"?:b64(64)}
//                                                                 -> {mlKemCipherText, x25519CipherText, sharedSecret}
//   {"op":"hybrid-decapsulate","label":s,"seed":b64(32),"mlKemCipherText":b64,"x25519CipherText":b64}
//                                                                 -> {sharedSecret}
//
// The hybrid is noble's own KitchenSink construction (createKitchenSink) over ML-KEM-1024 and X25519 with our label;
// its keys come from one 32-byte seed expanded with SHAKE256, as noble defines it. Only the public key and the
// ciphertexts cross into Java, so the Java side must reproduce noble's combiner byte for byte to agree.
import { x25519 } from '@noble/curves/ed25519.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { _ecdhKem, createKitchenSink } from '@noble/post-quantum/hybrid.js';

const MLKEM_PUBLIC_KEY = 1568;
const MLKEM_CIPHERTEXT = 1568;

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const bytes = (text, name) => {
  if (typeof text !== 'string') throw new Error(`"${name}" must be a base64 string`);
  return new Uint8Array(Buffer.from(text, 'base64'));
};
const hybrid = (label) => createKitchenSink(label, ml_kem1024, _ecdhKem(x25519), shake256, sha256);

const operations = {
  'mlkem-keygen': (r) => {
    const { publicKey, secretKey } = ml_kem1024.keygen(bytes(r.seed, 'seed'));
    return { publicKey: b64(publicKey), secretKey: b64(secretKey) };
  },
  'mlkem-encapsulate': (r) => {
    const { cipherText, sharedSecret } = r.message === undefined
      ? ml_kem1024.encapsulate(bytes(r.publicKey, 'publicKey'))
      : ml_kem1024.encapsulate(bytes(r.publicKey, 'publicKey'), bytes(r.message, 'message'));
    return { cipherText: b64(cipherText), sharedSecret: b64(sharedSecret) };
  },
  'mlkem-decapsulate': (r) => ({
    sharedSecret: b64(ml_kem1024.decapsulate(bytes(r.cipherText, 'cipherText'), bytes(r.secretKey, 'secretKey'))),
  }),
  'hybrid-keygen': (r) => {
    const { publicKey } = hybrid(r.label).keygen(bytes(r.seed, 'seed'));
    return {
      mlKemPublicKey: b64(publicKey.subarray(0, MLKEM_PUBLIC_KEY)),
      x25519PublicKey: b64(publicKey.subarray(MLKEM_PUBLIC_KEY)),
    };
  },
  'hybrid-encapsulate': (r) => {
    const publicKey = new Uint8Array([...bytes(r.mlKemPublicKey, 'mlKemPublicKey'),
      ...bytes(r.x25519PublicKey, 'x25519PublicKey')]);
    const kem = hybrid(r.label);
    const { cipherText, sharedSecret } = r.randomness === undefined
      ? kem.encapsulate(publicKey)
      : kem.encapsulate(publicKey, bytes(r.randomness, 'randomness'));
    return {
      mlKemCipherText: b64(cipherText.subarray(0, MLKEM_CIPHERTEXT)),
      x25519CipherText: b64(cipherText.subarray(MLKEM_CIPHERTEXT)),
      sharedSecret: b64(sharedSecret),
    };
  },
  'hybrid-decapsulate': (r) => {
    const cipherText = new Uint8Array([...bytes(r.mlKemCipherText, 'mlKemCipherText'),
      ...bytes(r.x25519CipherText, 'x25519CipherText')]);
    return { sharedSecret: b64(hybrid(r.label).decapsulate(cipherText, bytes(r.seed, 'seed'))) };
  },
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  try {
    const request = JSON.parse(input);
    const operation = operations[request.op];
    if (!operation) throw new Error(`unknown op "${request.op}"`);
    process.stdout.write(JSON.stringify(operation(request)) + '\n');
  } catch (error) {
    process.stderr.write(`kem-interop: ${error.message}\n`);
    process.exit(1);
  }
});
