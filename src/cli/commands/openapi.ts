import type { Command } from 'commander';
import type { Database } from '../../db/connection.ts';
import { buildApp } from '../../http/app.ts';

/** Prints the OpenAPI document; `docs/openapi.json` is this output, committed, and a test keeps it current. */
// Describing the routes runs no query, so the document is rendered without opening a database.
const notConnected = async (): Promise<never> => {
  throw new Error('rendering the API description opens no database');
};
const detachedDatabase: Database = {
  kind: 'pglite',
  query: notConnected,
  exec: notConnected,
  transaction: notConnected,
  close: async () => undefined,
};

export async function renderOpenApi(): Promise<string> {
  const app = await buildApp({ db: detachedDatabase });
  await app.ready();
  const document = app.swagger();
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('Print the OpenAPI 3 document of the HTTP API')
    .action(async () => {
      process.stdout.write(await renderOpenApi());
    });
}
