// The vtgate fake's front door: a TCP proxy in front of its MariaDB that gives the MySQL protocol port
// what FakeServer gives the HTTP fakes. `down` closes the port (ECONNREFUSED) and reopens the same one;
// `latencyMs` delays every command; `errorRate` answers that share of queries with the error vtgate
// sends when a vttablet is unreachable; `requests` counts client commands (COM_QUIT excluded).

import net from 'node:net';
import type { FaultSettings } from '../shared/fake-server';

const COM_QUIT = 0x01;
const FAILABLE = new Set([0x02, 0x03, 0x16, 0x17]); // INIT_DB, QUERY, STMT_PREPARE, STMT_EXECUTE
const CLIENT_SSL = 0x800;
const MAX_PAYLOAD = 0xffffff;

/** What vtgate answers when the tablet behind a query is gone (ER_UNKNOWN_ERROR, HY000). */
export const VTGATE_FAILURE =
  'vttablet: rpc error: code = Unavailable desc = all SubConns are in TransientFailure, latest connection error: connection error: desc = "transport: Error while dialing dial tcp 10.10.0.2:16002: connect: connection refused"';

function errPacket(seq: number, errno: number, sqlState: string, message: string): Buffer {
  const payload = Buffer.concat([
    Buffer.from([0xff, errno & 0xff, errno >> 8]),
    Buffer.from(`#${sqlState}${message}`, 'utf8'),
  ]);
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = seq;
  return Buffer.concat([header, payload]);
}

export interface VtgateProxyOptions {
  host: string;
  port?: number;
  target: { host: string; port: number };
  faults?: Partial<FaultSettings>;
}

export class VtgateProxy {
  readonly faults: FaultSettings = { latencyMs: 0, errorRate: 0, down: false };
  requests = 0;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private port: number;

  constructor(private readonly options: VtgateProxyOptions) {
    this.port = options.port ?? 0;
    Object.assign(this.faults, options.faults);
  }

  get host(): string {
    return this.options.host;
  }

  get listenPort(): number {
    return this.port;
  }

  async start(): Promise<this> {
    await this.listen();
    if (this.faults.down) await this.stopListening();
    return this;
  }

  async setFault(patch: Partial<FaultSettings>): Promise<void> {
    const wasDown = this.faults.down;
    Object.assign(this.faults, patch);
    if (!wasDown && this.faults.down) await this.stopListening();
    if (wasDown && !this.faults.down) await this.listen();
  }

  async close(): Promise<void> {
    this.faults.down = true;
    await this.stopListening();
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = net.createServer((client) => this.connect(client));
      server.once('error', reject);
      server.listen(this.port, this.options.host, () => {
        server.off('error', reject);
        this.port = (server.address() as net.AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private connect(client: net.Socket): void {
    const upstream = net.connect(this.options.target.port, this.options.target.host);
    this.track(client);
    this.track(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    upstream.pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());

    let pending: Buffer = Buffer.alloc(0);
    let raw = false; // after an SSLRequest the stream is TLS: pass it through untouched
    let continuing = false; // inside a command split over several max-size packets
    let chain = Promise.resolve();
    const forward = (data: Buffer, delayMs = 0) => {
      chain = chain.then(async () => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        if (!upstream.destroyed) upstream.write(data);
      });
    };
    const reply = (data: Buffer, delayMs: number) => {
      chain = chain.then(async () => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        if (!client.destroyed) client.write(data);
      });
    };

    client.on('data', (chunk: Buffer) => {
      if (raw) return forward(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 4) {
        const length = pending.readUIntLE(0, 3);
        if (pending.length < 4 + length) break;
        const packet = pending.subarray(0, 4 + length);
        pending = pending.subarray(4 + length);
        const seq = packet[3]!;
        const command = seq === 0 && !continuing ? packet[4] : undefined;
        const more = length === MAX_PAYLOAD;
        if (seq === 1 && length === 32 && (packet.readUInt32LE(4) & CLIENT_SSL) !== 0) {
          forward(packet);
          raw = true;
          if (pending.length) forward(pending);
          pending = Buffer.alloc(0);
          return;
        }
        if (command === undefined || command === COM_QUIT) {
          forward(packet);
        } else {
          this.requests++;
          const fail =
            !more &&
            FAILABLE.has(command) &&
            this.faults.errorRate > 0 &&
            Math.random() < this.faults.errorRate;
          if (fail) reply(errPacket(1, 1105, 'HY000', VTGATE_FAILURE), this.faults.latencyMs);
          else forward(packet, this.faults.latencyMs);
        }
        continuing = more;
      }
    });
  }
}
