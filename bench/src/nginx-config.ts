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
}

/**
 * nginx.conf for the CPU-cheap upstream: static JSON files on 127.0.0.1, keep-alive on (and
 * never closed after N requests), no access log, open files cached; plus the same over HTTPS
 * with a shared TLS session cache and session tickets, so a client that reconnects resumes.
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
${temp}
  server {
    listen 127.0.0.1:${input.httpPort};
    root ${root};
  }
  server {
    listen 127.0.0.1:${input.httpsPort} ssl;
    root ${root};
    ssl_certificate ${input.certFile};
    ssl_certificate_key ${input.keyFile};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:bench:1m;
    ssl_session_tickets on;
  }
}
`;
}
