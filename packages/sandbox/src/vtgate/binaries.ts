// Locating the MariaDB server binaries the vtgate fake runs. Debian puts mariadbd in /usr/sbin, which a
// non-root PATH often lacks, so the usual sbin folders are searched too.

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface MariadbBinaries {
  mariadbd: string;
  installDb: string;
}

export const MARIADB_INSTALL_HINT =
  'the vtgate fake needs a local MariaDB server: install it with ' +
  '`apt-get install -y --no-install-recommends mariadb-server` (Debian/Ubuntu; it provides mariadbd and ' +
  'mariadb-install-db), then retry. The fake starts its own throwaway server; the system service is not used.';

export class MariadbNotInstalledError extends Error {
  constructor(missing: string[]) {
    super(
      `${missing.join(' and ')} not found on PATH or in /usr/sbin, /usr/local/sbin: ${MARIADB_INSTALL_HINT}`,
    );
    this.name = 'MariadbNotInstalledError';
  }
}

const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin', '/usr/local/mysql/sbin'];

function searchPath(): string[] {
  const fromEnv = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...new Set([...fromEnv, ...EXTRA_DIRS])];
}

function which(names: string[], dirs: string[]): string | null {
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here: keep looking
      }
    }
  }
  return null;
}

/** Paths of mariadbd and mariadb-install-db, or null when either is missing (see MARIADB_INSTALL_HINT). */
export function findMariadb(): MariadbBinaries | null {
  const dirs = searchPath();
  // Older packages only ship the mysqld / mysql_install_db names (symlinks in newer ones).
  const mariadbd = which(['mariadbd', 'mysqld'], dirs);
  const installDb = which(['mariadb-install-db', 'mysql_install_db'], dirs);
  return mariadbd && installDb ? { mariadbd, installDb } : null;
}

/** Like findMariadb, but throws MariadbNotInstalledError naming what is missing. */
export function requireMariadb(): MariadbBinaries {
  const found = findMariadb();
  if (found) return found;
  const dirs = searchPath();
  const missing = [
    which(['mariadbd', 'mysqld'], dirs) ? null : 'mariadbd',
    which(['mariadb-install-db', 'mysql_install_db'], dirs) ? null : 'mariadb-install-db',
  ].filter((m): m is string => m !== null);
  throw new MariadbNotInstalledError(missing);
}
