import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { VtctlResult } from '@vtdeck/contracts';
import { ApiError, ClientCodes } from './errors';
import { apiFetch } from './http';
import { topologyKeys } from './topologyKeys';

/**
 * Runs one vtctl command line on a cluster through the seed's `POST /api/vtctl/`.
 * vtctld answers 200 even when the command fails; a non-empty `Error` becomes an `ApiError`
 * carrying the command's own message and whatever it printed before failing.
 */
export async function runVtctl(cluster: string, args: string[], signal?: AbortSignal): Promise<VtctlResult> {
  const result = await apiFetch<VtctlResult>('/api/vtctl/', { json: args, cluster, signal });
  if (result.Error) {
    throw new ApiError({
      status: 200,
      code: ClientCodes.vtctl,
      message: result.Error,
      source: 'vtctld',
      output: result.Output,
    });
  }
  return result;
}

// Commands that only read: running them must not throw away cached topology.
const READ_ONLY = /^(Get|Validate|List|Find|Ping|Help|VtctldCommand$)/;

export function isWriteCommand(command: string | undefined): boolean {
  return !!command && !READ_ONLY.test(command);
}

/**
 * The write hook for every vtctl action. After a command that may have changed the topology
 * (even one that failed half-way), the cluster's topology queries are invalidated.
 */
export function useVtctl(cluster: string) {
  const queryClient = useQueryClient();
  return useMutation<VtctlResult, ApiError, string[]>({
    mutationFn: (args) => runVtctl(cluster, args),
    onSettled: (_data, _error, args) =>
      isWriteCommand(args[0])
        ? queryClient.invalidateQueries({ queryKey: topologyKeys.cluster(cluster) })
        : undefined,
  });
}
