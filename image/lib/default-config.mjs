// Prints /etc/glase-pos/config.json: the embedded defaults of src/config.ts written out, so
// the file on the till shows every key it can change (documented in image/README.md).
import { parseConfig } from '../../dist/src/config.js';

const config = parseConfig({ dataDir: '/var/lib/glase-pos' });
process.stdout.write(JSON.stringify(config, null, 2) + '\n');
