// Identifier quoting shared by the seeding and schema helpers.

/** Vitess keyspace names: letters, digits, `_` and `-`; anything else is refused before reaching SQL. */
const KEYSPACE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function assertKeyspaceName(name: string): void {
  if (!KEYSPACE_NAME.test(name)) {
    throw new Error(`invalid keyspace name ${JSON.stringify(name)}: use 1-64 letters, digits, "_" or "-"`);
  }
}

export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** In GRANT ... ON db.*, `_` and `%` are wildcards: escape them so a grant covers exactly one database. */
export function grantDatabase(name: string): string {
  return quoteIdent(name.replace(/[_%]/g, (c) => `\\${c}`));
}

export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
