// Run by `npm run build` after tsc: the scenario format's validators compiled ahead, so loading a
// library of scenario files loads small modules instead of loading ajv and compiling some thirty
// schemas (that was most of the time `scenario run` took before its first scenario started).
import { writeSchemaModules } from '../../emulator/http/validatorModules.js';
import { LOAD_AJV_OPTIONS, PRECOMPILED_SCENARIO_DIR, SCENARIO_SCHEMAS } from './load.js';

const count = writeSchemaModules(PRECOMPILED_SCENARIO_DIR, SCENARIO_SCHEMAS.values(), LOAD_AJV_OPTIONS);
process.stdout.write(`scenario validators: ${count} compiled ahead\n`);
