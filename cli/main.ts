import { main } from './dispatch.js';

// Every command has returned (servers closed, reports written): leave now rather than wait for
// idle keep-alive sockets. Writes to pipes and files are synchronous, so no output is cut.
process.exit(await main(process.argv.slice(2)));
