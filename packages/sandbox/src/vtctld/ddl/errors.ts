// MySQL server errors as vttablet relays them: `<message> (errno N) (sqlstate S)`.

export class MysqlError extends Error {
  constructor(
    readonly errno: number,
    readonly sqlstate: string,
    readonly text: string,
  ) {
    super(`${text} (errno ${errno}) (sqlstate ${sqlstate})`);
  }

  static syntax(near: string): MysqlError {
    return new MysqlError(
      1064,
      '42000',
      `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near.slice(0, 80)}' at line 1`,
    );
  }
}
