// Compiles contracts/<Name>.sol with the pinned solc-js into contracts/build/<Name>.abi and <Name>.bin, the inputs
// of the committed web3j wrapper (tools/web3j-codegen/generate.sh). Usage: node tools/solc/compile.mjs AnchorRegistry
// Settings are fixed here so the bytecode is reproducible: optimizer 200 runs, EVM "paris" (no PUSH0, so the
// bytecode also deploys on chains that have not adopted Shanghai), no metadata hash (a byte-stable .bin). The .bin has no trailing newline: web3j codegen copies it verbatim into BINARY.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const name = process.argv[2];
if (!name) {
  console.error('usage: node tools/solc/compile.mjs <ContractName>');
  process.exit(2);
}
const sourceFile = `${name}.sol`;
const input = {
  language: 'Solidity',
  sources: { [sourceFile]: { content: readFileSync(join(root, 'contracts', sourceFile), 'utf8') } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris',
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);
const contract = output.contracts[sourceFile][name];
const outDir = join(root, 'contracts', 'build');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${name}.abi`), JSON.stringify(contract.abi, null, 2) + '\n');
writeFileSync(join(outDir, `${name}.bin`), contract.evm.bytecode.object);
console.log(`compiled ${sourceFile} with solc ${solc.version()} -> contracts/build/${name}.abi, ${name}.bin`);
