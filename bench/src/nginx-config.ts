/** Where nginx serves from and what it listens on. */
export interface NginxConfigInput {
  /** nginx's prefix: its pid file and temp paths go here. */
  readonly dir: string;
  /** The document root; `/posts/N` are files under it. */
  readonly root: string;
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly certFile: string;
  readonly keyFile: string;
  /** Worker processes. One leaves the other core of a 2-core machine to the client. */
  readonly workers: number;
  /** The HTTPS server offers HTTP/2 by ALPN (`listen … ssl http2`). @default false */
  readonly http2?: boolean;
  /** A file where the HTTPS server logs each request's connection serial (`$connection`). @default none */
  readonly connectionLog?: string;
}

/**
 * nginx.conf for the CPU-cheap upstream: static JSON files on 127.0.0.1, keep-alive on (and
 * never closed after N requests), no access log, open files cached; plus the same over HTTPS
 * with a shared TLS session cache and session tickets, so a client that reconnects resumes;
 * optionally with HTTP/2 on the HTTPS server and its connections logged (to count them).
 */
export function nginxConfig(input: NginxConfigInput): string {
  const { dir, root } = input;
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${dir}/temp-${name};`).join('\n');
  return `worker_processes ${input.workers};
daemon off;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  sendfile on;
  tcp_nodelay on;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  open_file_cache max=1000 inactive=60s;
  log_format conn '$connection';
${temp}
  server {
    listen 127.0.0.1:${input.httpPort};
    root ${root};
  }
  server {
    listen 127.0.0.1:${input.httpsPort} ssl${input.http2 ? ' http2' : ''};
    root ${root};${input.connectionLog ? `\n    access_log ${input.connectionLog} conn buffer=64k flush=1s;` : ''}
    ssl_certificate ${input.certFile};
    ssl_certificate_key ${input.keyFile};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:bench:1m;
    ssl_session_tickets on;
  }
}
`;
}
