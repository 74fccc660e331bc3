# Shared pieces of the benchmark scripts: free ports, a throwaway nginx, peak-RSS timing.
# Sourced, not run. Every server started here listens on loopback only and is stopped on exit.

repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
official_cli="$repository_root/tests/interop/node_modules/@pact-foundation/pact-cli-linux-x64/standalone/pact"
export PACT_DO_NOT_TRACK=true

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() {  # port, seconds
  local port=$1 deadline=$((SECONDS + ${2:-10}))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "nothing listens on port $port" >&2; return 1; }
    sleep 0.05
  done
}

# start_nginx ROOT_DIR WORK_DIR -> sets nginx_port and nginx_pid; serves ROOT_DIR as application/json.
start_nginx() {
  local root=$1 work=$2
  nginx_port=$(free_port)
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  server {
    listen 127.0.0.1:$nginx_port;
    root $root;
    location / { try_files \$uri =404; }
  }
}
CONF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  nginx_pid=$!
  wait_for_port "$nginx_port"
}

# timed COMMAND... -> sets elapsed_seconds, peak_rss_kb and command_status; output goes to $work/last.log
timed() {
  local measurements
  measurements=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$measurements" "$@" >"$work/last.log" 2>&1 && command_status=0 || command_status=$?
  read -r elapsed_seconds peak_rss_kb <"$measurements"
  rm -f "$measurements"
}

per_second() {  # count seconds
  awk -v n="$1" -v s="$2" 'BEGIN { if (s <= 0) s = 0.001; printf "%.0f", n / s }'
}
