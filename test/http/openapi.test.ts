import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApi } from '../../src/cli/commands/openapi.ts';

const committed = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));

let rendered: string;

beforeAll(async () => {
  rendered = await renderOpenApi();
});

describe('docs/openapi.json', () => {
  it('is the document the code renders today', () => {
    const onDisk = readFileSync(committed, 'utf8');
    // One clear instruction instead of a 600 kB diff.
    if (onDisk !== rendered) expect.fail('docs/openapi.json is stale: run npm run openapi');
  });

  it('renders the same document every time', async () => {
    expect(await renderOpenApi()).toBe(rendered);
  });

  it('describes the API routes with their schemas and both ways to authenticate', () => {
    const document = JSON.parse(rendered);
    expect(document.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie' },
      token: { type: 'http', scheme: 'bearer' },
    });
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/projects', '/api/v1/projects/{id}', '/api/v1/auth/login']),
    );
    expect(document.paths['/api/v1/projects/{id}'].patch.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'if-match' }),
    );
  });
});
