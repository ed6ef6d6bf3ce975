import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useSession } from '../../api/session';
import { type Permissions, permissionsFor } from '../lib/permissions';

/** The signed-in user's permissions, on the cluster of the current URL when there is one. */
export function usePermissions(): Permissions {
  const { data } = useSession();
  const { cluster } = useParams();
  return useMemo(() => permissionsFor(data, cluster), [data, cluster]);
}
