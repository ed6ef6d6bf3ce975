// The sandbox's stand-in for MySQL + sqlparser in schema changes: classify a statement, apply a
// DDL to a tablet schema. Isolated here so that a later issue can swap in a real MariaDB.

export { applyStatement, tableFromCreate } from './apply';
export { type Classified, classifyStatement, type DdlAction, ddlDisplay } from './classify';
export { MysqlError } from './errors';
