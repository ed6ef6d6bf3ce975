// Raw vtctld JSON as the legacy /api/ answers it (era B, with era-C names accepted where they
// differ). Everything is optional because encoding/json omits empty fields and jsonpb prints
// null: the mapping in ./mapping.ts is the only place that interprets these shapes.

export interface RawTabletAlias {
  cell?: string;
  uid?: number;
}

/** bytes fields are base64; jsonpb prints null for an empty side, encoding/json omits it. */
export interface RawKeyRange {
  start?: string | null;
  end?: string | null;
}

export interface RawKeyspace {
  sharding_column_name?: string;
  sharding_column_type?: number;
  keyspace_type?: number;
}

export interface RawShard {
  master_alias?: RawTabletAlias | null;
  primary_alias?: RawTabletAlias | null;
  key_range?: RawKeyRange | null;
  is_master_serving?: boolean;
  is_primary_serving?: boolean;
  tablet_controls?: { tablet_type?: number; disable_query_service?: boolean }[] | null;
}

export interface RawTablet {
  alias?: RawTabletAlias;
  hostname?: string;
  port_map?: Record<string, number>;
  keyspace?: string;
  shard?: string;
  key_range?: RawKeyRange | null;
  /** An integer in every REST answer (1 = MASTER/PRIMARY); realtime endpoints use names. */
  type?: number | string;
  mysql_hostname?: string;
  mysql_port?: number;
  url?: string;
  stats?: { serving?: boolean; up?: boolean; realtime?: RawRealtimeStats };
}

export interface RawRealtimeStats {
  health_error?: string;
  seconds_behind_master?: number;
  seconds_behind_primary?: number;
  qps?: number;
}

/** `GET /api/tablets/<alias>/health`: a StreamHealthResponse rendered by jsonpb. */
export interface RawTabletHealth {
  serving?: boolean;
  realtime_stats?: RawRealtimeStats | null;
}

/** `POST /api/vtctl/`: always 200; `Error` is "" on success. */
export interface RawVtctlResult {
  Error: string;
  Output: string;
}
