import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** Fault injection for one fake. `down` closes its listener so connections are refused. */
export interface FaultSettings {
  latencyMs: number;
  errorRate: number; // 0..1: share of requests answered with the fake's own natural 5xx
  down: boolean;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface FakeServerOptions {
  name: string;
  handler: Handler;
  host?: string;
  port?: number;
  tls?: { key: string; cert: string };
  /** How this upstream fails for real when errorRate hits, e.g. vtctld's plain-text 500. */
  failure: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  faults?: Partial<FaultSettings>;
}

/**
 * A real HTTP(S) server on loopback with fault injection and a request counter, shared by every fake.
 * "down" really closes the port (connections refused) and "up" reopens the same port, so clients see
 * exactly what they would see when the upstream process dies and comes back.
 */
export class FakeServer {
  readonly name: string;
  faults: FaultSettings = { latencyMs: 0, errorRate: 0, down: false };
  requests = 0;
  private server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly host: string;
  private port: number;
  private readonly tls: boolean;

  constructor(private readonly options: FakeServerOptions) {
    this.name = options.name;
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.tls = Boolean(options.tls);
    Object.assign(this.faults, options.faults);
    this.server = this.createServer();
  }

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://${this.host}:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.faults.down) await this.listen();
    else if (this.port === 0) {
      // Reserve a port number even when starting "down", so the URL is stable once it comes up.
      await this.listen();
      await this.stopListening();
    }
    return this;
  }

  async setFault(patch: Partial<FaultSettings>): Promise<void> {
    const wasDown = this.faults.down;
    Object.assign(this.faults, patch);
    if (!wasDown && this.faults.down) {
      await this.stopListening();
      // Give clients in this process a turn to see their pooled connections close, so the next
      // request dials anew and meets ECONNREFUSED instead of a reset keep-alive socket.
      await new Promise((r) => setTimeout(r, 20));
    }
    if (wasDown && !this.faults.down) await this.listen();
  }

  async close(): Promise<void> {
    this.faults.down = true;
    await this.stopListening();
  }

  private createServer(): http.Server {
    const handle = (req: http.IncomingMessage, res: http.ServerResponse) => void this.serve(req, res);
    const server = this.options.tls
      ? https.createServer(this.options.tls, handle)
      : http.createServer(handle);
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    if (this.options.tls) {
      server.on('secureConnection', (socket: Socket) => {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
      });
    }
    return server;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests++;
    try {
      if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
      if (this.faults.errorRate > 0 && Math.random() < this.faults.errorRate) {
        this.options.failure(req, res);
        return;
      }
      await this.options.handler(req, res);
    } catch (err) {
      // A bug in a fake must be loud, never a silent 200.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`sandbox ${this.name} crashed: ${(err as Error).stack ?? err}\n`);
      } else res.destroy();
    }
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server = this.server.listening ? this.server : this.createServer();
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
  }
}
