// Imported first by every extension page and the worker, before any schema is built. Their content
// security policy forbids eval, so zod's compiled fast path is unavailable there anyway; jitless
// also stops zod probing with `new Function`, which the browser reports as a CSP violation.
import { z } from 'zod';

z.config({ jitless: true });
