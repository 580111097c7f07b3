/**
 * The gateway half of the fake: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME with replay,
 * INVALID_SESSION and RECONNECT, over the `ws` package on the same loopback HTTP server as REST.
 */
import { EventEmitter, once } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { GatewayOpcodes, GatewayCloseCodes } from 'discord.js';
import { WebSocketServer, WebSocket } from 'ws';
import type { Json } from './payloads.ts';

interface Session {
  readonly id: string;
  seq: number;
  /** Every dispatch of the session, kept so a RESUME can replay what the client missed. */
  readonly log: Array<{ readonly s: number; readonly frame: string }>;
  socket: WebSocket | null;
}

interface Connection {
  readonly socket: WebSocket;
  session: Session | null;
  closedByServer: boolean;
}

export interface GatewayOptions {
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  /** Payload of READY for a new session (user, application, guilds...). */
  readonly readyPayload: (sessionId: string) => Json;
  /** GUILD_CREATE payloads sent after READY. */
  readonly guildCreates: () => Json[];
  readonly log: (line: string) => void;
}

export interface IdentifyRecord {
  readonly intents: unknown;
  readonly shard: unknown;
  readonly properties: unknown;
}

export class FakeGateway {
  readonly events = new EventEmitter();
  identifies: IdentifyRecord[] = [];
  resumes = 0;
  heartbeats = 0;
  /** Close codes the clients sent when they closed their sockets. */
  clientCloseCodes: number[] = [];
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private readonly server = new WebSocketServer({ noServer: true });
  url = '';

  constructor(private readonly options: GatewayOptions) {}

  attach(httpServer: Server, url: string): void {
    this.url = url;
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.server.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws, request));
    });
  }

  /** Whether a session exists that can receive dispatches (connected now or resumable). */
  hasSession(): boolean {
    return this.sessions.size > 0;
  }

  connectedCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) if (session.socket?.readyState === WebSocket.OPEN) count += 1;
    return count;
  }

  /** Sends a dispatch to every session; sessions without a socket keep it for their RESUME. */
  dispatch(type: string, data: unknown): number {
    for (const session of this.sessions.values()) this.dispatchTo(session, type, data);
    return this.sessions.size;
  }

  /**
   * Sends a dispatch to one session only, as Discord delivers an interaction once: the newest connected
   * session, else the newest resumable one (it gets the event through its RESUME replay).
   */
  dispatchToOne(type: string, data: unknown): boolean {
    const sessions = [...this.sessions.values()].reverse();
    const target = sessions.find((s) => s.socket?.readyState === WebSocket.OPEN) ?? sessions[0];
    if (!target) return false;
    this.dispatchTo(target, type, data);
    return true;
  }

  /** Closes every gateway socket with `code` (4000 by default: the client resumes). */
  async dropConnections(code: number): Promise<void> {
    const closing: Array<Promise<unknown>> = [];
    for (const connection of this.connections) {
      connection.closedByServer = true;
      if (connection.socket.readyState === WebSocket.OPEN) {
        closing.push(once(connection.socket, 'close'));
        connection.socket.close(code, 'Dropped by the fake');
      }
    }
    await Promise.all(closing);
  }

  /** Op 9: resumable=false makes the client identify again with a new session. */
  invalidateSessions(resumable: boolean): void {
    for (const connection of this.connections) {
      if (!resumable && connection.session) this.sessions.delete(connection.session.id);
      this.send(connection.socket, { op: GatewayOpcodes.InvalidSession, d: resumable });
    }
  }

  /** Op 7: the client closes and resumes. */
  requestReconnect(): void {
    for (const connection of this.connections) this.send(connection.socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    if (query.get('compress')) this.options.log(`[fake-discord] gateway: compression "${query.get('compress')}" is not supported; sending plain JSON`);
    if (query.get('encoding') && query.get('encoding') !== 'json') {
      socket.close(GatewayCloseCodes.DecodeError, 'Only encoding=json is supported');
      return;
    }
    const connection: Connection = { socket, session: null, closedByServer: false };
    this.connections.add(connection);
    socket.on('message', (raw) => this.onMessage(connection, raw.toString()));
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', (error) => this.options.log(`[fake-discord] gateway socket error: ${error.message}`));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (!session || session.socket !== connection.socket) return;
    session.socket = null;
    if (!connection.closedByServer) {
      this.clientCloseCodes.push(code);
      // Discord forgets a session the client closed normally; such a session cannot be resumed.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    }
  }

  private onMessage(connection: Connection, text: string): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      this.closeWith(connection, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const data = (typeof payload.d === 'object' && payload.d !== null ? payload.d : {}) as Record<string, unknown>;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats += 1;
        this.send(connection.socket, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        this.identify(connection, data);
        return;
      case GatewayOpcodes.Resume:
        this.resume(connection, data);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        if (!connection.session) this.closeWith(connection, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        this.closeWith(connection, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  /** Closes the connection as Discord does when it is already authenticated or the token is wrong. */
  private authenticate(connection: Connection, data: Record<string, unknown>): boolean {
    if (connection.session) {
      this.closeWith(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return false;
    }
    if (data['token'] !== this.options.token) {
      this.closeWith(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return false;
    }
    return true;
  }

  private identify(connection: Connection, data: Record<string, unknown>): void {
    if (!this.authenticate(connection, data)) return;
    this.identifies.push({ intents: data['intents'], shard: data['shard'], properties: data['properties'] });
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, log: [], socket: connection.socket };
    this.sessions.set(session.id, session);
    connection.session = session;
    this.dispatchTo(session, 'READY', this.options.readyPayload(session.id));
    for (const guild of this.options.guildCreates()) this.dispatchTo(session, 'GUILD_CREATE', guild);
    this.events.emit('ready', session.id);
  }

  private resume(connection: Connection, data: Record<string, unknown>): void {
    if (!this.authenticate(connection, data)) return;
    const session = typeof data['session_id'] === 'string' ? this.sessions.get(data['session_id']) : undefined;
    if (!session) {
      this.send(connection.socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    const seq = typeof data['seq'] === 'number' ? data['seq'] : 0;
    if (seq > session.seq) {
      this.closeWith(connection, GatewayCloseCodes.InvalidSeq, 'Invalid seq.');
      return;
    }
    if (session.socket && session.socket !== connection.socket) session.socket.close(GatewayCloseCodes.SessionTimedOut);
    session.socket = connection.socket;
    connection.session = session;
    for (const entry of session.log) if (entry.s > seq) connection.socket.send(entry.frame);
    this.resumes += 1;
    this.dispatchTo(session, 'RESUMED', null);
    this.events.emit('resumed', session.id);
  }

  private dispatchTo(session: Session, type: string, data: unknown): void {
    session.seq += 1;
    const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t: type, s: session.seq, d: data });
    session.log.push({ s: session.seq, frame });
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(frame);
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  private closeWith(connection: Connection, code: number, reason: string): void {
    this.options.log(`[fake-discord] gateway: closing a socket with ${code} (${reason})`);
    connection.closedByServer = true;
    connection.socket.close(code, reason);
  }
}
