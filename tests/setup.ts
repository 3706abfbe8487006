import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// Pages are lazily loaded chunks, and the first import of one under jsdom can take over the
// default 1 s on a busy two-core machine; 5 s still fails fast when something never appears.
configure({ asyncUtilTimeout: 5_000 });
