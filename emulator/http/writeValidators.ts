// Run by `npm run build` after tsc: every route's body validator compiled ahead, so a route's first
// request loads a small module instead of loading ajv and compiling its schema (that was most of the
// time the sync engine's setup took at `zuora-emulator start`).
import { SERVED_TABLES } from '../index.js';
import { writeValidatorModules } from './validatorModules.js';
import { PRECOMPILED_DIR } from './validation.js';

const count = writeValidatorModules(PRECOMPILED_DIR, SERVED_TABLES);
process.stdout.write(`body validators: ${count} compiled ahead\n`);
