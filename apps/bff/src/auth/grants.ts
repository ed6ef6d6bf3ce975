// The grant policy lives in @vtdeck/contracts (access.ts) so the web decides what to show with the
// very code the BFF enforces with; this module keeps the auth folder's import paths.
export {
  atLeast,
  createGrantPolicy,
  type Grant,
  type GrantPolicy,
  GrantSchema,
  globMatch,
  grantAppliesTo,
  NamePatternSchema,
  PERMISSIONS,
  type Permission,
  type Principal,
  ROLES,
  type Role,
  RoleSchema,
  roleRank,
  SubjectSchema,
  type Target,
} from '@vtdeck/contracts/access';
